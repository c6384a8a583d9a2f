#include "bridgelink/messages.hpp"

#include "bridgelink/cbor.hpp"
#include "bridgelink/frame.hpp"

namespace bridgelink {
namespace {

// Within this file errors are a bare errc, errc{} when fine: the status type's variant, returned
// through every item of a hot path, made the compiler store it in two pieces and load it whole
// (a store-forwarding stall each time; perf annotate, issue #18).
constexpr errc fine{};

// Bodies are maps with every key present, keys 0..n-1 in order: one encoding per message.
errc expect_map(cbor::reader& r, std::size_t count) {
  auto n = r.map(limits::fields_max);
  if (!n) return n.error();
  return *n == count ? fine : errc::bad_field;
}

errc expect_key(cbor::reader& r, std::uint64_t key) {
  auto k = r.uint();
  if (!k) return k.error();
  return *k == key ? fine : errc::bad_field;
}

bool valid_name(std::string_view s) noexcept {
  if (s.empty() || s.size() > limits::field_key_max) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

#define BL_TRY(expr)                             \
  do {                                           \
    if (auto e_ = (expr); e_ != fine) return e_; \
  } while (0)

result<std::string> read_text(cbor::reader& r, std::size_t max) {
  auto t = r.text(max);
  if (!t) return t.error();
  return std::string(*t);
}

errc read_step_id(cbor::reader& r, step_id& id) {
  auto b = r.bytes(limits::step_id_len);
  if (!b) return b.error();
  if (b->size() != limits::step_id_len) return errc::bad_field;
  std::copy(b->begin(), b->end(), id.begin());
  return fine;
}

// Fills `out` (empty) with the fields read; each is built in place, its value copied once.
errc read_fields(cbor::reader& r, fields& out) {
  auto n = r.map(limits::fields_max);
  if (!n) return n.error();
  out.reserve(*n);
  for (std::size_t i = 0; i < *n; ++i) {
    auto key = r.text(limits::field_key_max);
    if (!key) return key.error();
    if (!valid_name(*key) || find_field(out, *key)) return errc::bad_field;
    auto m = r.peek();
    if (!m) return m.error();
    auto& f = out.emplace_back();
    f.key.assign(*key);
    auto& v = f.value;
    switch (*m) {
      case cbor::major::text: {
        auto t = r.text(limits::text_max);
        if (!t) return t.error();
        v.type = field_value::kind::text;
        v.data.append(as_bytes(*t));
        break;
      }
      case cbor::major::bytes: {
        auto b = r.bytes(limits::field_bytes_max);
        if (!b) return b.error();
        v.type = field_value::kind::binary;
        v.data.append(*b);
        break;
      }
      case cbor::major::uint: {
        auto u = r.uint();
        if (!u) return u.error();
        v.type = field_value::kind::number;
        v.number = *u;
        break;
      }
      case cbor::major::simple: {
        auto flag = r.boolean();
        if (!flag) return flag.error();
        v.type = field_value::kind::boolean;
        v.flag = *flag;
        break;
      }
      default: return errc::bad_field;
    }
  }
  return fine;
}

errc write_fields(cbor::span_writer& w, const fields& fs) {
  if (fs.size() > limits::fields_max) return errc::oversized;
  w.map(fs.size());
  for (std::size_t i = 0; i < fs.size(); ++i) {
    const auto& f = fs[i];
    if (!valid_name(f.key)) return errc::bad_field;
    for (std::size_t j = 0; j < i; ++j)
      if (fs[j].key == f.key) return errc::bad_field;
    w.text(f.key);
    switch (f.value.type) {
      case field_value::kind::text:
        if (f.value.data.size() > limits::text_max || !cbor::valid_utf8(f.value.text()))
          return errc::bad_field;
        w.text(f.value.text());
        break;
      case field_value::kind::binary:
        if (f.value.data.size() > limits::field_bytes_max) return errc::oversized;
        w.bytes(f.value.data.view());
        break;
      case field_value::kind::number: w.uint(f.value.number); break;
      case field_value::kind::boolean: w.boolean(f.value.flag); break;
    }
  }
  return fine;
}

errc check_text(std::string_view s, std::size_t max) {
  if (s.size() > max) return errc::oversized;
  return cbor::valid_utf8(s) ? fine : errc::bad_field;
}

struct body_encoder {
  cbor::span_writer& w;
  errc operator()(const hello_body& b) {
    BL_TRY(check_text(b.user_agent, limits::user_agent_max));
    BL_TRY(check_text(b.page_version, limits::short_text_max));
    BL_TRY(check_text(b.language, limits::short_text_max));
    w.map(4);
    w.uint(0), w.text(b.user_agent);
    w.uint(1), w.text(b.page_version);
    w.uint(2), w.text(b.language);
    w.uint(3), w.boolean(b.restart);
    return fine;
  }
  errc operator()(const ready_body& b) {
    BL_TRY(check_text(b.bridge_name, limits::short_text_max));
    BL_TRY(check_text(b.flow, limits::short_text_max));
    w.map(2);
    w.uint(0), w.text(b.bridge_name);
    w.uint(1), w.text(b.flow);
    return fine;
  }
  errc operator()(const step_request_body& b) {
    if (!valid_name(b.kind)) return errc::bad_field;
    w.map(3);
    w.uint(0), w.bytes(b.id);
    w.uint(1), w.text(b.kind);
    w.uint(2);
    return write_fields(w, b.data);
  }
  errc operator()(const step_response_body& b) {
    w.map(2);
    w.uint(0), w.bytes(b.id);
    w.uint(1);
    return write_fields(w, b.data);
  }
  errc operator()(const empty_body&) {
    w.map(0);
    return fine;
  }
  errc operator()(const bye_body& b) {
    BL_TRY(check_text(b.reason, limits::short_text_max));
    w.map(1);
    w.uint(0), w.text(b.reason);
    return fine;
  }
  errc operator()(const error_body& b) {
    BL_TRY(check_text(b.detail, limits::user_agent_max));
    w.map(2);
    w.uint(0), w.uint(b.code);
    w.uint(1), w.text(b.detail);
    return fine;
  }
};

std::size_t body_index(message_type t) {
  switch (t) {
    case message_type::hello: return 0;
    case message_type::ready: return 1;
    case message_type::step_request: return 2;
    case message_type::step_response: return 3;
    case message_type::ack:
    case message_type::ping: return 4;
    case message_type::bye: return 5;
    case message_type::error: return 6;
  }
  return 99;
}

// Reads the body of m (its type already set) into m.body, step bodies in place (they carry the
// fields: no moves of them).
errc decode_body(cbor::reader& r, message& m) {
  switch (m.type) {
    case message_type::hello: {
      auto& b = m.body.emplace<hello_body>();
      BL_TRY(expect_map(r, 4));
      BL_TRY(expect_key(r, 0));
      auto ua = read_text(r, limits::user_agent_max);
      if (!ua) return ua.error();
      BL_TRY(expect_key(r, 1));
      auto pv = read_text(r, limits::short_text_max);
      if (!pv) return pv.error();
      BL_TRY(expect_key(r, 2));
      auto lang = read_text(r, limits::short_text_max);
      if (!lang) return lang.error();
      BL_TRY(expect_key(r, 3));
      auto restart = r.boolean();
      if (!restart) return restart.error();
      b.user_agent = std::move(*ua), b.page_version = std::move(*pv), b.language = std::move(*lang);
      b.restart = *restart;
      return fine;
    }
    case message_type::ready: {
      auto& b = m.body.emplace<ready_body>();
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      auto name = read_text(r, limits::short_text_max);
      if (!name) return name.error();
      BL_TRY(expect_key(r, 1));
      auto flow = read_text(r, limits::short_text_max);
      if (!flow) return flow.error();
      b.bridge_name = std::move(*name), b.flow = std::move(*flow);
      return fine;
    }
    case message_type::step_request: {
      auto& b = m.body.emplace<step_request_body>();
      BL_TRY(expect_map(r, 3));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_step_id(r, b.id));
      BL_TRY(expect_key(r, 1));
      auto kind = r.text(limits::field_key_max);
      if (!kind) return kind.error();
      if (!valid_name(*kind)) return errc::bad_field;
      b.kind.assign(*kind);
      BL_TRY(expect_key(r, 2));
      return read_fields(r, b.data);
    }
    case message_type::step_response: {
      auto& b = m.body.emplace<step_response_body>();
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_step_id(r, b.id));
      BL_TRY(expect_key(r, 1));
      return read_fields(r, b.data);
    }
    case message_type::ack:
    case message_type::ping: m.body.emplace<empty_body>(); return expect_map(r, 0);
    case message_type::bye: {
      BL_TRY(expect_map(r, 1));
      BL_TRY(expect_key(r, 0));
      auto reason = read_text(r, limits::short_text_max);
      if (!reason) return reason.error();
      m.body.emplace<bye_body>(bye_body{std::move(*reason)});
      return fine;
    }
    case message_type::error: {
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      auto code = r.uint();
      if (!code) return code.error();
      BL_TRY(expect_key(r, 1));
      auto detail = read_text(r, limits::user_agent_max);
      if (!detail) return detail.error();
      m.body.emplace<error_body>(error_body{*code, std::move(*detail)});
      return fine;
    }
  }
  return errc::bad_field;
}

}  // namespace

std::string_view to_string(message_type t) noexcept {
  switch (t) {
    case message_type::hello: return "hello";
    case message_type::ready: return "ready";
    case message_type::step_request: return "step_request";
    case message_type::step_response: return "step_response";
    case message_type::ack: return "ack";
    case message_type::ping: return "ping";
    case message_type::bye: return "bye";
    case message_type::error: return "error";
  }
  return "unknown";
}

field_value field_value::of_text(std::string_view s) {
  field_value v;
  v.type = kind::text;
  v.data = secret_bytes(as_bytes(s));
  return v;
}
field_value field_value::of_bytes(byte_view b) {
  field_value v;
  v.type = kind::binary;
  v.data = secret_bytes(b);
  return v;
}
field_value field_value::of_number(std::uint64_t n) {
  field_value v;
  v.type = kind::number;
  v.number = n;
  return v;
}
field_value field_value::of_bool(bool b) {
  field_value v;
  v.type = kind::boolean;
  v.flag = b;
  return v;
}

const field_value* find_field(const fields& f, std::string_view key) noexcept {
  for (const auto& x : f)
    if (x.key == key) return &x.value;
  return nullptr;
}

bool is_reliable(message_type t) noexcept {
  return t == message_type::step_request || t == message_type::step_response || t == message_type::bye ||
         t == message_type::error;
}

namespace {
// Writes m's CBOR body with w (cbor::span_writer: counting, then writing).
errc write_message(const message& m, cbor::span_writer& w) {
  if (body_index(m.type) != m.body.index()) return errc::bad_state;
  if (is_reliable(m.type) != (m.seq != 0)) return errc::bad_field;
  w.array(4);
  w.uint(static_cast<std::uint8_t>(m.type));
  w.uint(m.seq);
  w.uint(m.ack);
  return std::visit(body_encoder{w}, m.body);
}

// Replaces out with m's body written at `offset`, in `size_of(body length)` bytes all told, the
// others zero, and `room` bytes more reserved after them. The body's length, or why m cannot be
// encoded (then out is empty).
template <class Buffer, class SizeOf>
result<std::size_t> encode_at(const message& m, Buffer& out, std::size_t offset, std::size_t room,
                              SizeOf size_of) {
  wipe_and_clear(out);
  cbor::span_writer count;
  if (auto e = write_message(m, count); e != fine) return e;
  if (count.size() > limits::body_max) return errc::oversized;
  const auto size = size_of(count.size());
  out.reserve(size + room);
  out.resize(size);  // zeroed
  cbor::span_writer w(out.data() + offset);
  (void)write_message(m, w);  // the checks passed when counting
  return count.size();
}

template <class Buffer>
status encode_padded(const message& m, Buffer& out, std::size_t room) {
  auto body = encode_at(m, out, 2, room, padded_size);
  if (!body) return body.error();
  out.data()[0] = static_cast<std::uint8_t>(*body >> 8);
  out.data()[1] = static_cast<std::uint8_t>(*body);
  return ok_v;
}
}  // namespace

status encode_message(const message& m, secret_bytes& out) {
  auto body = encode_at(m, out, 0, 0, [](std::size_t n) { return n; });
  return body ? status(ok_v) : status(body.error());
}

status encode_padded_message(const message& m, secret_bytes& out) {
  return encode_padded(m, out, 0);
}

status encode_padded_message(const message& m, bytes& out, std::size_t room) {
  return encode_padded(m, out, room);
}

status decode_message(byte_view in, message& out) {
  if (in.size() > limits::body_max) return errc::oversized;
  cbor::reader r(in);
  auto n = r.array(4);
  if (!n) return n.error();
  if (*n != 4) return errc::bad_field;
  auto type = r.uint();
  if (!type) return type.error();
  if (*type < 1 || *type > 8) return errc::bad_field;
  auto seq = r.uint();
  if (!seq) return seq.error();
  auto ack = r.uint();
  if (!ack) return ack.error();
  out.type = static_cast<message_type>(*type);
  if (is_reliable(out.type) != (*seq != 0)) return errc::bad_field;
  out.seq = *seq, out.ack = *ack;
  if (auto e = decode_body(r, out); e != fine) return e;
  if (!r.at_end()) return errc::trailing_data;
  return ok_v;
}

result<message> decode_message(byte_view in) {
  // The message is built where it is returned from; its body is read into it.
  result<message> out(message{});
  if (auto st = decode_message(in, *out); !st) out = st.error();
  return out;
}

message make_hello(hello_body b) {
  return {message_type::hello, 0, 0, std::move(b)};
}
message make_ready(ready_body b) {
  return {message_type::ready, 0, 0, std::move(b)};
}
message make_step_request(step_request_body b) {
  return {message_type::step_request, 0, 0, std::move(b)};
}
message make_step_response(step_response_body b) {
  return {message_type::step_response, 0, 0, std::move(b)};
}
message make_ack() {
  return {message_type::ack, 0, 0, empty_body{}};
}
message make_ping() {
  return {message_type::ping, 0, 0, empty_body{}};
}
message make_bye(std::string reason) {
  return {message_type::bye, 0, 0, bye_body{std::move(reason)}};
}
message make_error(std::uint64_t code, std::string detail) {
  return {message_type::error, 0, 0, error_body{code, std::move(detail)}};
}

}  // namespace bridgelink
