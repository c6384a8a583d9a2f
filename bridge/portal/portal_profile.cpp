#include "portal/portal_profile.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "portal/text_match.hpp"

namespace eimza::portal {

extern const char* const builtin_profile_json;  // generated from profiles/kamusm.json

namespace {
namespace json = boost::json;

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("portal profile: \"" + key + "\" " + what);
}

// One object of the profile: every key it reads is recorded, so unknown (misspelt) keys are errors.
class section {
 public:
  section(const json::object& o, std::string path) : o_(o), path_(std::move(path)) {}
  std::string key(std::string_view k) const {
    return path_.empty() ? std::string(k) : path_ + "." + std::string(k);
  }
  bool has(std::string_view k) const { return o_.contains(k); }
  const json::value& at(std::string_view k) {
    seen_.insert(std::string(k));
    auto it = o_.find(k);
    if (it == o_.end()) bad(key(k), "is missing");
    return it->value();
  }
  std::string str(std::string_view k) {
    const auto& v = at(k);
    if (!v.is_string() || v.as_string().empty()) bad(key(k), "must be a non-empty string");
    return std::string(v.as_string());
  }
  // A string or a non-empty array of non-empty strings.
  texts list(std::string_view k, bool may_be_empty = false) {
    const auto& v = at(k);
    texts out;
    if (v.is_string()) {
      out.emplace_back(v.as_string());
    } else if (v.is_array()) {
      std::size_t i = 0;
      for (const auto& x : v.as_array()) {
        if (!x.is_string() || x.as_string().empty())
          bad(key(k) + "[" + std::to_string(i) + "]", "must be a non-empty string");
        out.emplace_back(x.as_string());
        ++i;
      }
    } else {
      bad(key(k), "must be a string or a list of strings");
    }
    if ((out.empty() && !may_be_empty) || (out.size() == 1 && out[0].empty())) bad(key(k), "is empty");
    return out;
  }
  section obj(std::string_view k) {
    const auto& v = at(k);
    if (!v.is_object()) bad(key(k), "must be an object");
    return section(v.as_object(), key(k));
  }
  void no_unknown_keys() const {
    for (const auto& kv : o_)
      if (!seen_.count(std::string(kv.key()))) bad(key(kv.key()), "is not a profile key (misspelt?)");
  }

 private:
  const json::object& o_;
  std::string path_;
  std::set<std::string> seen_;
};

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
  section o(doc.as_object(), "");
  portal_profile p;
  p.name = o.str("name");
  p.entry_url = o.str("entry_url");
  if (p.entry_url.rfind("https://", 0) != 0 && p.entry_url.rfind("http://", 0) != 0)
    bad("entry_url", "must be an http(s) URL");
  if (o.has("navigate")) p.navigate = o.list("navigate", true);
  auto login = o.obj("login");
  p.kimlik_no_label = login.list("kimlik_no");
  p.captcha_label = login.list("captcha");
  p.security_word_label = login.list("security_word");
  p.login_button = login.list("submit");
  p.captcha_image = login.has("captcha_image") ? login.list("captcha_image") : texts{"captcha"};
  login.no_unknown_keys();
  auto phone = o.obj("phone");
  p.phone_confirm_buttons = phone.list("confirm");
  p.sms_send_buttons = phone.list("send");
  p.masked_phone_pattern = phone.list("masked_phone");
  check_patterns(p.masked_phone_pattern, "phone.masked_phone", false, false);
  phone.no_unknown_keys();
  auto sms = o.obj("sms");
  p.sms_code_label = sms.list("code");
  p.sms_submit_buttons = sms.list("submit");
  sms.no_unknown_keys();
  auto menu = o.obj("menu");
  p.pin_puk_button = menu.list("pin_puk");
  p.logout_buttons = menu.list("logout");
  menu.no_unknown_keys();
  auto pp = o.obj("pin_puk");
  p.serial_row = pp.list("serial");
  p.pin_row = pp.list("pin");
  p.puk_row = pp.list("puk");
  p.delete_button = pp.list("delete");
  p.delete_confirm_buttons = pp.list("delete_confirm");
  p.deleted_markers = pp.list("deleted");
  pp.no_unknown_keys();
  auto err = o.obj("errors");
  p.wrong_captcha = err.list("wrong_captcha");
  p.wrong_credentials = err.list("wrong_credentials");
  p.blocked = err.list("blocked");
  p.wrong_sms = err.list("wrong_sms");
  p.sms_expired = err.list("sms_expired");
  p.session_expired = err.list("session_expired");
  p.attempts_left_pattern = err.list("attempts_left");
  check_patterns(p.attempts_left_pattern, "errors.attempts_left", true, true);
  err.no_unknown_keys();
  o.no_unknown_keys();
  return p;
}

portal_profile load_profile(const std::string& path) {
  std::ifstream in(path);
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
