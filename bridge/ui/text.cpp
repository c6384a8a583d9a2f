#include "ui/text.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstdlib>
#include <map>

namespace eimza::ui {

extern const char* const catalogue_tr_json;  // bridge/ui/i18n/tr.json, compiled in
extern const char* const catalogue_en_json;  // bridge/ui/i18n/en.json

language parse_language(std::string_view tag) noexcept {
  return tag.substr(0, 2) == "en" ? language::en : language::tr;
}

language language_from_environment() noexcept {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);  // NOLINT(concurrency-mt-unsafe): read once at start-up
    if (v && *v && std::string_view(v) != "C" && std::string_view(v) != "C.UTF-8" &&
        std::string_view(v) != "POSIX")
      return parse_language(v);
  }
  return language::tr;
}

namespace {

using table = std::map<std::string, std::string, std::less<>>;

// A flat object of strings; anything else in the file is a build mistake the catalogue test
// reports (the entry is left out, so the test sees it missing).
table load(const char* json) {
  table t;
  boost::system::error_code ec;
  const auto v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return t;
  for (const auto& [k, text] : v.as_object())
    if (text.is_string()) t.emplace(std::string(k), std::string(text.as_string()));
  return t;
}

// Loaded once, on first use (C++ guarantees one initialisation under threads), never changed.
const table& catalogue(language lang) {
  static const table tr = load(catalogue_tr_json);
  static const table en = load(catalogue_en_json);
  return lang == language::en ? en : tr;
}

}  // namespace

std::string_view catalogue_text(language lang, std::string_view key) {
  const auto& t = catalogue(lang);
  const auto it = t.find(key);
  return it == t.end() ? std::string_view{} : std::string_view(it->second);
}

std::vector<std::string> catalogue_keys(language lang) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : catalogue(lang)) keys.push_back(k);
  return keys;
}

std::string say(language lang, const message& m) {
  const auto text = catalogue_text(lang, m.key());
  if (text.empty()) return m.key();
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    if (close != std::string_view::npos) {
      const auto name = text.substr(i + 1, close - i - 1);
      for (const auto& [k, v] : m.args())
        if (k == name) {
          out += v;
          i = close + 1;
          break;
        }
      if (i == close + 1) continue;
    }
    out += text[i++];
  }
  return out;
}

both say_both(const message& m) {
  return {say(language::tr, m), say(language::en, m)};
}

std::string_view text(language lang, text_id id) {
  return catalogue_text(lang, key_of(id));
}

}  // namespace eimza::ui
