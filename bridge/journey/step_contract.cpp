#include "journey/step_contract.hpp"

#include <boost/json.hpp>
#include <map>
#include <stdexcept>

namespace eimza::journey {

extern const char* const steps_json;  // generated from protocol/steps/steps.json (cmake/embed_text.cmake)

namespace {
namespace bl = bridgelink;

struct field_rule {
  bl::field_value::kind type;
  bool required;
};
struct step_rule {
  std::map<std::string, field_rule, std::less<>> request, response;
  bool answered = true;
};
struct contract {
  std::vector<std::string> kinds;
  std::map<std::string, step_rule, std::less<>> steps;
};

bl::field_value::kind type_of(std::string_view t) {
  if (t == "text") return bl::field_value::kind::text;
  if (t == "bytes") return bl::field_value::kind::binary;
  if (t == "uint") return bl::field_value::kind::number;
  if (t == "bool") return bl::field_value::kind::boolean;
  throw std::invalid_argument("steps.json: unknown type " + std::string(t));
}

std::string_view name_of(bl::field_value::kind k) {
  switch (k) {
    case bl::field_value::kind::text: return "text";
    case bl::field_value::kind::binary: return "bytes";
    case bl::field_value::kind::number: return "uint";
    case bl::field_value::kind::boolean: return "bool";
  }
  return "?";
}

std::map<std::string, field_rule, std::less<>> rules_of(const boost::json::object& o) {
  std::map<std::string, field_rule, std::less<>> out;
  for (const auto& [name, v] : o) {
    std::string_view t = v.as_string();
    const bool optional = !t.empty() && t.back() == '?';
    if (optional) t.remove_suffix(1);
    out.emplace(std::string(name), field_rule{type_of(t), !optional});
  }
  return out;
}

// Parsed once; a broken file is a build defect that every test of a step shows at once.
const contract& the_contract() {
  static const contract c = [] {
    contract r;
    const auto doc = boost::json::parse(steps_json).as_object();
    for (const auto& [kind, v] : doc.at("steps").as_object()) {
      const auto& o = v.as_object();
      step_rule s;
      s.request = rules_of(o.at("request").as_object());
      if (const auto* a = o.if_contains("answer")) s.answered = a->as_bool();
      if (s.answered) s.response = rules_of(o.at("response").as_object());
      r.kinds.emplace_back(kind);
      r.steps.emplace(std::string(kind), std::move(s));
    }
    return r;
  }();
  return c;
}

}  // namespace

std::string check_step(std::string_view kind, step_direction dir, const bl::fields& f) {
  const auto& c = the_contract();
  const auto it = c.steps.find(kind);
  if (it == c.steps.end()) return "unknown step kind " + std::string(kind);
  if (dir == step_direction::response && !it->second.answered)
    return "step " + std::string(kind) + " takes no answer";
  const auto& rules = dir == step_direction::request ? it->second.request : it->second.response;
  for (const auto& fv : f) {
    const auto r = rules.find(fv.key);
    if (r == rules.end()) return "field " + fv.key + " is not declared for " + std::string(kind);
    if (r->second.type != fv.value.type)
      return "field " + fv.key + " of " + std::string(kind) + " is not " +
             std::string(name_of(r->second.type));
  }
  for (const auto& [name, rule] : rules)
    if (rule.required && !bl::find_field(f, name))
      return "field " + name + " of " + std::string(kind) + " is missing";
  return {};
}

std::vector<std::string> step_kinds() {
  return the_contract().kinds;
}

}  // namespace eimza::journey
