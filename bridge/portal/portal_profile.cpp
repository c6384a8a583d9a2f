#include "portal/portal_profile.hpp"

#include <algorithm>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "platform/utf8_path.hpp"
#include "portal/text_match.hpp"

namespace eimza::portal {

extern const char* const builtin_profile_json;  // generated from profiles/kamusm.json

namespace {
namespace json = boost::json;

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("portal profile: \"" + key + "\" " + what);
}

// The JSON key of a described member: its name without a trailing '_' (`delete_` is "delete").
std::string_view key_of(std::string_view member) {
  return member.ends_with('_') ? member.substr(0, member.size() - 1) : member;
}

template <class T>
bool listed(std::string_view k) {
  if constexpr (requires { T::optional_keys; })
    return std::find(std::begin(T::optional_keys), std::end(T::optional_keys), k) !=
           std::end(T::optional_keys);
  else
    return false;
}

// Leaves, through Boost.JSON's conversions; `optional` keys may also hold an empty list.
void read(const json::value& v, std::string& out, const std::string& key, bool) {
  auto s = json::try_value_to<std::string>(v);
  if (!s || s->empty()) bad(key, "must be a non-empty string");
  out = std::move(*s);
}

// A string or a list of non-empty strings (empty only where the key is optional).
void read(const json::value& v, texts& out, const std::string& key, bool optional) {
  out.clear();
  if (v.is_string()) {
    std::string one;
    read(v, one, key, false);
    out.push_back(std::move(one));
    return;
  }
  if (!v.is_array()) bad(key, "must be a string or a list of strings");
  std::size_t i = 0;
  for (const auto& x : v.as_array()) {
    std::string one;
    read(x, one, key + "[" + std::to_string(i++) + "]", false);
    out.push_back(std::move(one));
  }
  if (out.empty() && !optional) bad(key, "is empty");
}

// A section: every described member from the key of the same name, with its path in errors; a key
// that is not a member (misspelt) is an error, a missing one too unless the section lists it in
// optional_keys (the member then keeps its default).
template <class T>
requires boost::describe::has_describe_members<T>::value void read(const json::value& v, T& out,
                                                                   const std::string& key, bool) {
  if (!v.is_object()) bad(key, key.empty() ? "is not a JSON object" : "must be an object");
  const auto& o = v.as_object();
  const auto path = [&](std::string_view k) {
    return key.empty() ? std::string(k) : key + "." + std::string(k);
  };
  std::set<std::string_view> known;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto d) {
    const auto k = key_of(d.name);
    known.insert(k);
    const auto it = o.find(k);
    if (it == o.end()) {
      if (!listed<T>(k)) bad(path(k), "is missing");
      return;
    }
    read(it->value(), out.*d.pointer, path(k), listed<T>(k));
  });
  for (const auto& kv : o)
    if (!known.contains(kv.key())) bad(path(kv.key()), "is not a profile key (misspelt?)");
}

// Patterns that fail to compile, or "attempts left" patterns without a group, are profile errors.
void check_patterns(const texts& patterns, const std::string& key, bool folded, bool needs_group) {
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    const std::string k = key + "[" + std::to_string(i) + "]";
    try {
      const std::regex re(folded ? fold_pattern(patterns[i]) : patterns[i]);
      if (needs_group && re.mark_count() < 1) bad(k, "needs a capture group for the number");
    } catch (const std::regex_error&) {
      bad(k, "is not a valid regular expression");
    }
  }
}

}  // namespace

portal_profile parse_profile(std::string_view json_text) {
  boost::system::error_code ec;
  auto doc = json::parse(json_text, ec);
  if (ec || !doc.is_object()) throw std::runtime_error("portal profile: not a JSON object");
  portal_profile p;
  read(doc, p, "", false);
  if (p.entry_url.rfind("https://", 0) != 0 && p.entry_url.rfind("http://", 0) != 0)
    bad("entry_url", "must be an http(s) URL");
  if (p.login.captcha_image.empty()) bad("login.captcha_image", "is empty");
  check_patterns(p.phone.masked_phone, "phone.masked_phone", false, false);
  check_patterns(p.errors.attempts_left, "errors.attempts_left", true, true);
  return p;
}

portal_profile load_profile(const std::string& path) {
  std::ifstream in(platform::utf8_path(path));
  if (!in) throw std::runtime_error("portal profile: cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_profile(ss.str());
}

const portal_profile& builtin_profile() {
  static const portal_profile p = parse_profile(builtin_profile_json);
  return p;
}

}  // namespace eimza::portal
