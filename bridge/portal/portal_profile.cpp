#include "portal/portal_profile.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace eimza::portal {

extern const char* const builtin_profile_json;  // generated from profiles/kamusm.json

namespace {
namespace json = boost::json;

const json::value& at(const json::object& o, std::string_view path_key) {
  auto it = o.find(path_key);
  if (it == o.end()) throw std::runtime_error("portal profile: missing \"" + std::string(path_key) + "\"");
  return it->value();
}

std::string str(const json::object& o, std::string_view k) {
  const auto& v = at(o, k);
  if (!v.is_string() || v.as_string().empty())
    throw std::runtime_error("portal profile: \"" + std::string(k) + "\" must be a non-empty string");
  return std::string(v.as_string());
}

// A string or a non-empty array of strings.
std::vector<std::string> strs(const json::object& o, std::string_view k) {
  const auto& v = at(o, k);
  std::vector<std::string> out;
  if (v.is_string()) out.emplace_back(v.as_string());
  else if (v.is_array())
    for (const auto& x : v.as_array()) {
      if (!x.is_string() || x.as_string().empty())
        throw std::runtime_error("portal profile: \"" + std::string(k) + "\" entries must be strings");
      out.emplace_back(x.as_string());
    }
  if (out.empty()) throw std::runtime_error("portal profile: \"" + std::string(k) + "\" is empty");
  return out;
}

const json::object& obj(const json::object& o, std::string_view k) {
  const auto& v = at(o, k);
  if (!v.is_object()) throw std::runtime_error("portal profile: \"" + std::string(k) + "\" must be an object");
  return v.as_object();
}

void check_regex(const std::string& pattern, std::string_view k) {
  try {
    std::regex re(pattern);
  } catch (const std::regex_error&) {
    throw std::runtime_error("portal profile: \"" + std::string(k) + "\" is not a valid regular expression");
  }
}
}  // namespace

portal_profile parse_profile(std::string_view json_text) {
  boost::system::error_code ec;
  auto doc = json::parse(json_text, ec);
  if (ec || !doc.is_object()) throw std::runtime_error("portal profile: not a JSON object");
  const auto& o = doc.as_object();
  portal_profile p;
  p.name = str(o, "name");
  p.entry_url = str(o, "entry_url");
  if (p.entry_url.rfind("https://", 0) != 0 && p.entry_url.rfind("http://", 0) != 0)
    throw std::runtime_error("portal profile: entry_url must be an http(s) URL");
  p.navigate = o.contains("navigate") && at(o, "navigate").is_array() && at(o, "navigate").as_array().empty()
                   ? std::vector<std::string>{}
                   : strs(o, "navigate");
  const auto& login = obj(o, "login");
  p.kimlik_no_label = str(login, "kimlik_no");
  p.captcha_label = str(login, "captcha");
  p.security_word_label = str(login, "security_word");
  p.login_button = str(login, "submit");
  const auto& phone = obj(o, "phone");
  p.phone_confirm_buttons = strs(phone, "confirm");
  p.sms_send_buttons = strs(phone, "send");
  p.masked_phone_pattern = str(phone, "masked_phone");
  check_regex(p.masked_phone_pattern, "masked_phone");
  const auto& sms = obj(o, "sms");
  p.sms_code_label = str(sms, "code");
  p.sms_submit_buttons = strs(sms, "submit");
  const auto& menu = obj(o, "menu");
  p.pin_puk_button = str(menu, "pin_puk");
  p.logout_buttons = strs(menu, "logout");
  const auto& pp = obj(o, "pin_puk");
  p.serial_row = str(pp, "serial");
  p.pin_row = str(pp, "pin");
  p.puk_row = str(pp, "puk");
  p.delete_button = str(pp, "delete");
  p.delete_confirm_buttons = strs(pp, "delete_confirm");
  p.deleted_markers = strs(pp, "deleted");
  const auto& err = obj(o, "errors");
  p.wrong_captcha = strs(err, "wrong_captcha");
  p.wrong_credentials = strs(err, "wrong_credentials");
  p.blocked = strs(err, "blocked");
  p.wrong_sms = strs(err, "wrong_sms");
  p.sms_expired = strs(err, "sms_expired");
  p.session_expired = strs(err, "session_expired");
  p.attempts_left_pattern = str(err, "attempts_left");
  check_regex(p.attempts_left_pattern, "attempts_left");
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
