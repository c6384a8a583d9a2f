#include "bridgelink/messages.hpp"

#include "bridgelink/cbor.hpp"
#include "bridgelink/frame.hpp"
#include "bridgelink/message_view.hpp"

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

errc read_step_id(cbor::reader& r, step_id& id) {
  auto b = r.bytes(limits::step_id_len);
  if (!b) return b.error();
  if (b->size() != limits::step_id_len) return errc::bad_field;
  std::copy(b->begin(), b->end(), id.begin());
  return fine;
}

errc read_text(cbor::reader& r, std::size_t max, std::string_view& out) {
  auto t = r.text(max);
  if (!t) return t.error();
  out = *t;
  return fine;
}

// Reads a fields map into storage as views into r's input; `out` is the part filled.
errc read_fields(cbor::reader& r, field_view_storage& storage, field_views& out) {
  auto n = r.map(limits::fields_max);
  if (!n) return n.error();
  for (std::size_t i = 0; i < *n; ++i) {
    auto key = r.text(limits::field_key_max);
    if (!key) return key.error();
    if (!valid_name(*key) || find_field(field_views(storage.data(), i), *key)) return errc::bad_field;
    auto m = r.peek();
    if (!m) return m.error();
    auto& f = storage[i];
    f.key = *key;
    auto& v = f.value;
    switch (*m) {
      case cbor::major::text: {
        auto t = r.text(limits::text_max);
        if (!t) return t.error();
        v = value_view::of_text(*t);
        break;
      }
      case cbor::major::bytes: {
        auto b = r.bytes(limits::field_bytes_max);
        if (!b) return b.error();
        v = value_view::of_bytes(*b);
        break;
      }
      case cbor::major::uint: {
        auto u = r.uint();
        if (!u) return u.error();
        v = value_view::of_number(*u);
        break;
      }
      case cbor::major::simple: {
        auto flag = r.boolean();
        if (!flag) return flag.error();
        v = value_view::of_bool(*flag);
        break;
      }
      default: return errc::bad_field;
    }
  }
  out = field_views(storage.data(), *n);
  return fine;
}

errc check_text(std::string_view s, std::size_t max) {
  if (s.size() > max) return errc::oversized;
  return cbor::valid_utf8(s) ? fine : errc::bad_field;
}

// What write_fields writes is checked once, in the first run (a second run, into memory of the
// counted size, follows only when the first passed).
errc check_fields(field_views fs) {
  if (fs.size() > limits::fields_max) return errc::oversized;
  for (std::size_t i = 0; i < fs.size(); ++i) {
    const auto& f = fs[i];
    if (!valid_name(f.key)) return errc::bad_field;
    for (std::size_t j = 0; j < i; ++j)
      if (fs[j].key == f.key) return errc::bad_field;
    if (f.value.type == field_value::kind::text &&
        (f.value.data.size() > limits::text_max || !cbor::valid_utf8(f.value.text())))
      return errc::bad_field;
    if (f.value.type == field_value::kind::binary && f.value.data.size() > limits::field_bytes_max)
      return errc::oversized;
  }
  return fine;
}

errc write_fields(cbor::span_writer& w, field_views fs) {
  if (w.first_run()) BL_TRY(check_fields(fs));
  w.map(fs.size());
  for (const auto& f : fs) {
    w.text(f.key);
    switch (f.value.type) {
      case field_value::kind::text: w.text(f.value.text()); break;
      case field_value::kind::binary: w.bytes(f.value.data); break;
      case field_value::kind::number: w.uint(f.value.number); break;
      case field_value::kind::boolean: w.boolean(f.value.flag); break;
    }
  }
  return fine;
}

struct body_encoder {
  cbor::span_writer& w;
  // Checked in the first run only (see write_fields).
  errc check_text(std::string_view s, std::size_t max) const {
    return w.first_run() ? bridgelink::check_text(s, max) : fine;
  }
  bool bad_name(std::string_view s) const { return w.first_run() && !valid_name(s); }
  errc operator()(const hello_view& b) {
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
  errc operator()(const ready_view& b) {
    BL_TRY(check_text(b.bridge_name, limits::short_text_max));
    BL_TRY(check_text(b.flow, limits::short_text_max));
    w.map(2);
    w.uint(0), w.text(b.bridge_name);
    w.uint(1), w.text(b.flow);
    return fine;
  }
  errc operator()(const step_request_view& b) {
    if (bad_name(b.kind)) return errc::bad_field;
    w.map(3);
    w.uint(0), w.bytes(b.id);
    w.uint(1), w.text(b.kind);
    w.uint(2);
    return write_fields(w, b.data);
  }
  errc operator()(const step_response_view& b) {
    w.map(2);
    w.uint(0), w.bytes(b.id);
    w.uint(1);
    return write_fields(w, b.data);
  }
  errc operator()(const empty_body&) {
    w.map(0);
    return fine;
  }
  errc operator()(const bye_view& b) {
    BL_TRY(check_text(b.reason, limits::short_text_max));
    w.map(1);
    w.uint(0), w.text(b.reason);
    return fine;
  }
  errc operator()(const error_view& b) {
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

// Reads the body of a message of type t as views into r's input.
errc decode_body(cbor::reader& r, message_type t, body_view& out, field_view_storage& storage) {
  switch (t) {
    case message_type::hello: {
      auto& b = out.emplace<hello_view>();
      BL_TRY(expect_map(r, 4));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_text(r, limits::user_agent_max, b.user_agent));
      BL_TRY(expect_key(r, 1));
      BL_TRY(read_text(r, limits::short_text_max, b.page_version));
      BL_TRY(expect_key(r, 2));
      BL_TRY(read_text(r, limits::short_text_max, b.language));
      BL_TRY(expect_key(r, 3));
      auto restart = r.boolean();
      if (!restart) return restart.error();
      b.restart = *restart;
      return fine;
    }
    case message_type::ready: {
      auto& b = out.emplace<ready_view>();
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_text(r, limits::short_text_max, b.bridge_name));
      BL_TRY(expect_key(r, 1));
      return read_text(r, limits::short_text_max, b.flow);
    }
    case message_type::step_request: {
      auto& b = out.emplace<step_request_view>();
      BL_TRY(expect_map(r, 3));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_step_id(r, b.id));
      BL_TRY(expect_key(r, 1));
      BL_TRY(read_text(r, limits::field_key_max, b.kind));
      if (!valid_name(b.kind)) return errc::bad_field;
      BL_TRY(expect_key(r, 2));
      return read_fields(r, storage, b.data);
    }
    case message_type::step_response: {
      auto& b = out.emplace<step_response_view>();
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      BL_TRY(read_step_id(r, b.id));
      BL_TRY(expect_key(r, 1));
      return read_fields(r, storage, b.data);
    }
    case message_type::ack:
    case message_type::ping: out.emplace<empty_body>(); return expect_map(r, 0);
    case message_type::bye: {
      auto& b = out.emplace<bye_view>();
      BL_TRY(expect_map(r, 1));
      BL_TRY(expect_key(r, 0));
      return read_text(r, limits::short_text_max, b.reason);
    }
    case message_type::error: {
      auto& b = out.emplace<error_view>();
      BL_TRY(expect_map(r, 2));
      BL_TRY(expect_key(r, 0));
      auto code = r.uint();
      if (!code) return code.error();
      b.code = *code;
      BL_TRY(expect_key(r, 1));
      return read_text(r, limits::user_agent_max, b.detail);
    }
  }
  return errc::bad_field;
}

value_view view_of(const field_value& v) noexcept {
  return {v.type, v.data.view(), v.number, v.flag};
}

field_value owned(const value_view& v) {
  field_value out;
  out.type = v.type;
  out.data = secret_bytes(v.data);
  out.number = v.number;
  out.flag = v.flag;
  return out;
}

fields owned(field_views fs) {
  fields out;
  out.reserve(fs.size());
  for (const auto& f : fs) out.push_back({std::string(f.key), owned(f.value)});
  return out;
}

// Views of an owned body; fields go to storage (false when they do not fit).
struct body_viewer {
  field_view_storage& storage;
  bool fits = true;
  field_views view(const fields& fs) {
    if (fs.size() > storage.size()) {
      fits = false;
      return {};
    }
    for (std::size_t i = 0; i < fs.size(); ++i) storage[i] = {fs[i].key, view_of(fs[i].value)};
    return {storage.data(), fs.size()};
  }
  body_view operator()(const hello_body& b) {
    return hello_view{b.user_agent, b.page_version, b.language, b.restart};
  }
  body_view operator()(const ready_body& b) { return ready_view{b.bridge_name, b.flow}; }
  body_view operator()(const step_request_body& b) { return step_request_view{b.id, b.kind, view(b.data)}; }
  body_view operator()(const step_response_body& b) { return step_response_view{b.id, view(b.data)}; }
  body_view operator()(const empty_body&) { return empty_body{}; }
  body_view operator()(const bye_body& b) { return bye_view{b.reason}; }
  body_view operator()(const error_body& b) { return error_view{b.code, b.detail}; }
};

// Owned copies of a body's views.
struct body_owner {
  message_body operator()(const hello_view& b) {
    return hello_body{std::string(b.user_agent), std::string(b.page_version), std::string(b.language),
                      b.restart};
  }
  message_body operator()(const ready_view& b) {
    return ready_body{std::string(b.bridge_name), std::string(b.flow)};
  }
  message_body operator()(const step_request_view& b) {
    return step_request_body{b.id, std::string(b.kind), owned(b.data)};
  }
  message_body operator()(const step_response_view& b) { return step_response_body{b.id, owned(b.data)}; }
  message_body operator()(const empty_body&) { return empty_body{}; }
  message_body operator()(const bye_view& b) { return bye_body{std::string(b.reason)}; }
  message_body operator()(const error_view& b) { return error_body{b.code, std::string(b.detail)}; }
};

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

const value_view* find_field(field_views f, std::string_view key) noexcept {
  for (const auto& x : f)
    if (x.key == key) return &x.value;
  return nullptr;
}

result<message_view> view_of(const message& m, field_view_storage& storage) {
  body_viewer viewer{storage};
  message_view out{m.type, m.seq, m.ack, std::visit(viewer, m.body)};
  if (!viewer.fits) return errc::oversized;
  return out;
}

message to_owned(const message_view& m) {
  return {m.type, m.seq, m.ack, std::visit(body_owner{}, m.body)};
}

namespace {
void write_header(cbor::span_writer& w, message_type type, std::uint64_t seq, std::uint64_t ack) {
  w.array(4);
  w.uint(static_cast<std::uint8_t>(type));
  w.uint(seq);
  w.uint(ack);
}

errc check_header(message_type type, std::uint64_t seq) {
  return is_reliable(type) == (seq != 0) ? fine : errc::bad_field;
}

// Writes m's CBOR with w (cbor::span_writer: a first run, and a second when needed); body_at, if
// given: where the body begins.
errc write_message(const message_view& m, cbor::span_writer& w, std::size_t* body_at = nullptr) {
  if (body_index(m.type) != m.body.index()) return errc::bad_state;
  BL_TRY(check_header(m.type, m.seq));
  write_header(w, m.type, m.seq, m.ack);
  if (body_at) *body_at = w.size();
  return std::visit(body_encoder{w}, m.body);
}

// Replaces out with what `write` writes (errc, given a cbor::span_writer) at `offset`, in
// `size_of(length)` bytes all told, the others zero, and `room` bytes more reserved after them.
// The length written, or why it cannot be encoded (then out is empty). One run when it fits in
// `likely` bytes (most messages), else a second into memory of the size the first counted.
template <class Buffer, class SizeOf, class Write>
result<std::size_t> encode_at(Buffer& out, std::size_t offset, std::size_t room, SizeOf size_of,
                              Write write) {
  constexpr std::size_t likely = 2 * limits::pad_bucket;  // acks, pings, most steps
  wipe_and_clear(out);
  out.reserve(likely + room);
  out.resize(likely);  // zeroed
  cbor::span_writer first(out.data() + offset, likely - offset);
  if (auto e = write(first); e != fine) {
    wipe_and_clear(out);
    return e;
  }
  const auto length = first.size();
  if (length > limits::body_max) {
    wipe_and_clear(out);
    return errc::oversized;
  }
  const auto size = size_of(length);
  if (first.fits() && size <= likely) {
    out.resize(size);  // what is left after it was zeroed and not written
    return length;
  }
  wipe_and_clear(out);
  out.reserve(size + room);
  out.resize(size);  // zeroed
  cbor::span_writer w(out.data() + offset);
  (void)write(w);  // the checks passed in the first run
  return length;
}

// The padded frame: a two-byte length, what `write` writes, zeros. The length.
template <class Buffer, class Write>
result<std::size_t> encode_padded(Buffer& out, std::size_t room, Write write) {
  auto length = encode_at(out, 2, room, padded_size, write);
  if (!length) return length.error();
  out.data()[0] = static_cast<std::uint8_t>(*length >> 8);
  out.data()[1] = static_cast<std::uint8_t>(*length);
  return length;
}

status ok_or(result<std::size_t> r) {
  return r ? status(ok_v) : status(r.error());
}

// Encodes an owned message through its view.
template <class Encode>
status encode_owned(const message& m, Encode encode) {
  field_view_storage storage;
  auto v = view_of(m, storage);
  if (!v) return v.error();
  return encode(*v);
}
}  // namespace

result<frame_layout> encode_padded_message(const message_view& m, bytes& out, std::size_t room) {
  std::size_t body_at = 0;
  auto length = encode_padded(out, room, [&](cbor::span_writer& w) { return write_message(m, w, &body_at); });
  if (!length) return length.error();
  return frame_layout{2 + body_at, *length - body_at};
}

status encode_padded_message(message_type type, std::uint64_t seq, std::uint64_t ack, byte_view encoded_body,
                             bytes& out, std::size_t room) {
  return ok_or(encode_padded(out, room, [&](cbor::span_writer& w) {
    BL_TRY(check_header(type, seq));
    write_header(w, type, seq, ack);
    w.encoded(encoded_body);
    return fine;
  }));
}

status encode_message(const message& m, secret_bytes& out) {
  return encode_owned(m, [&](const message_view& v) {
    return ok_or(encode_at(
        out, 0, 0, [](std::size_t n) { return n; },
        [&](cbor::span_writer& w) { return write_message(v, w); }));
  });
}

status encode_padded_message(const message& m, secret_bytes& out) {
  return encode_owned(m, [&](const message_view& v) {
    return ok_or(encode_padded(out, 0, [&](cbor::span_writer& w) { return write_message(v, w); }));
  });
}

status decode_message(byte_view in, message_view& out, field_view_storage& storage) {
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
  if (auto e = check_header(out.type, *seq); e != fine) return e;
  out.seq = *seq, out.ack = *ack;
  if (auto e = decode_body(r, out.type, out.body, storage); e != fine) return e;
  if (!r.at_end()) return errc::trailing_data;
  return ok_v;
}

result<message> decode_message(byte_view in) {
  field_view_storage storage;
  message_view v;
  if (auto st = decode_message(in, v, storage); !st) return st.error();
  return to_owned(v);
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
