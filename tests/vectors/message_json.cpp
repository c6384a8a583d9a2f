#include "message_json.hpp"

#include <stdexcept>

namespace bridgelink::vectors {
namespace json = boost::json;
namespace {

std::string str(const json::object& o, std::string_view k) {
  return std::string(o.at(k).as_string());
}

bytes hex_of(const json::object& o, std::string_view k) {
  auto b = from_hex(std::string_view(o.at(k).as_string()));
  if (!b) throw std::runtime_error("bad hex in " + std::string(k));
  return *b;
}

step_id id_of(const json::object& o) {
  auto b = hex_of(o, "id");
  if (b.size() != limits::step_id_len) throw std::runtime_error("step id length");
  step_id id{};
  std::copy(b.begin(), b.end(), id.begin());
  return id;
}

json::array fields_json(const fields& fs) {
  json::array out;
  for (const auto& f : fs) {
    json::object v;
    switch (f.value.type) {
      case field_value::kind::text: v["text"] = std::string(f.value.text()); break;
      case field_value::kind::binary: v["bytes"] = to_hex(f.value.data.view()); break;
      case field_value::kind::number: v["uint"] = f.value.number; break;
      case field_value::kind::boolean: v["bool"] = f.value.flag; break;
    }
    out.push_back(json::array{json::string(f.key), std::move(v)});
  }
  return out;
}

fields fields_from(const json::array& a) {
  fields out;
  for (const auto& item : a) {
    const auto& pair = item.as_array();
    const auto& v = pair.at(1).as_object();
    field f{std::string(pair.at(0).as_string()), {}};
    if (v.contains("text"))
      f.value = field_value::of_text(std::string_view(v.at("text").as_string()));
    else if (v.contains("bytes"))
      f.value = field_value::of_bytes(hex_of(v, "bytes"));
    else if (v.contains("uint"))
      f.value = field_value::of_number(v.at("uint").to_number<std::uint64_t>());
    else if (v.contains("bool"))
      f.value = field_value::of_bool(v.at("bool").as_bool());
    else
      throw std::runtime_error("unknown field value kind");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

json::object describe_message(const message& m) {
  json::object body;
  std::visit(
      [&](const auto& b) {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, hello_body>) {
          body["user_agent"] = b.user_agent, body["page_version"] = b.page_version,
          body["language"] = b.language, body["restart"] = b.restart;
        } else if constexpr (std::is_same_v<T, ready_body>) {
          body["bridge_name"] = b.bridge_name, body["flow"] = b.flow;
        } else if constexpr (std::is_same_v<T, step_request_body>) {
          body["id"] = to_hex(byte_view(b.id)), body["kind"] = b.kind, body["fields"] = fields_json(b.data);
        } else if constexpr (std::is_same_v<T, step_response_body>) {
          body["id"] = to_hex(byte_view(b.id)), body["fields"] = fields_json(b.data);
        } else if constexpr (std::is_same_v<T, bye_body>) {
          body["reason"] = b.reason;
        } else if constexpr (std::is_same_v<T, error_body>) {
          body["code"] = b.code, body["detail"] = b.detail;
        }
      },
      m.body);
  return {{"type", to_string(m.type)}, {"seq", m.seq}, {"ack", m.ack}, {"body", std::move(body)}};
}

message message_from_json(const json::object& j) {
  const auto type = str(j, "type");
  const auto& b = j.at("body").as_object();
  message m;
  if (type == "hello")
    m = make_hello({str(b, "user_agent"), str(b, "page_version"), str(b, "language"),
                    b.contains("restart") && b.at("restart").as_bool()});
  else if (type == "ready")
    m = make_ready({str(b, "bridge_name"), str(b, "flow")});
  else if (type == "step_request")
    m = make_step_request({id_of(b), str(b, "kind"), fields_from(b.at("fields").as_array())});
  else if (type == "step_response")
    m = make_step_response({id_of(b), fields_from(b.at("fields").as_array())});
  else if (type == "ack")
    m = make_ack();
  else if (type == "ping")
    m = make_ping();
  else if (type == "bye")
    m = make_bye(str(b, "reason"));
  else if (type == "error")
    m = make_error(b.at("code").to_number<std::uint64_t>(), str(b, "detail"));
  else
    throw std::runtime_error("unknown message type " + type);
  m.seq = j.at("seq").to_number<std::uint64_t>();
  m.ack = j.at("ack").to_number<std::uint64_t>();
  return m;
}

}  // namespace bridgelink::vectors
