// libFuzzer: typed message parsing, owned and as views. An accepted message must re-encode to the
// same bytes both ways, its views must point into the input, and a resend built from its encoded
// body must be the same frame.
#include <cstdlib>

#include "bridgelink/message_view.hpp"
#include "bridgelink/messages.hpp"

namespace bl = bridgelink;

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
bool inside(bl::byte_view part, bl::byte_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}
bool inside(std::string_view part, bl::byte_view whole) {
  return inside(bl::as_bytes(part), whole);
}
bool fields_inside(bl::field_views fs, bl::byte_view whole) {
  for (const auto& f : fs)
    if (!inside(f.key, whole) || !inside(f.value.data, whole)) return false;
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bl::byte_view in(data, size);
  auto m = bl::decode_message(in);
  bl::field_view_storage storage;
  bl::message_view v;
  const bool as_view = static_cast<bool>(bl::decode_message(in, v, storage));
  check(as_view == static_cast<bool>(m));
  if (!m) return 0;
  bl::secret_bytes again;
  check(static_cast<bool>(bl::encode_message(*m, again)));
  const auto a = again.view();
  check(a.size() == in.size() && std::equal(a.begin(), a.end(), in.begin()));

  if (const auto* b = std::get_if<bl::step_request_view>(&v.body))
    check(inside(b->kind, in) && fields_inside(b->data, in));
  if (const auto* b = std::get_if<bl::step_response_view>(&v.body)) check(fields_inside(b->data, in));
  bl::bytes frame;
  auto layout = bl::encode_padded_message(v, frame, 16);
  check(static_cast<bool>(layout) && frame.size() >= in.size() + 2);
  check(std::equal(in.begin(), in.end(), frame.begin() + 2));
  bl::bytes resent;
  check(static_cast<bool>(bl::encode_padded_message(
      v.type, v.seq, v.ack, bl::byte_view(frame).subspan(layout->body_at, layout->body_size), resent, 16)));
  check(resent == frame);
  return 0;
}
