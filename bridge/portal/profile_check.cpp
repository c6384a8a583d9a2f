#include "portal/profile_check.hpp"

#include <algorithm>
#include <regex>

#include "portal/page_lookup.hpp"
#include "portal/text_match.hpp"

namespace eimza::portal {
namespace {

std::string wanted(const texts& t) {
  if (t.empty()) return "(none)";
  return "\"" + t.front() + "\"" + (t.size() > 1 ? " (+" + std::to_string(t.size() - 1) + " more)" : "");
}

std::string quote(std::string s) {
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return "\"" + s + "\"";
}

check_item field_item(const html_page& page, const std::string& key, const texts& labels) {
  check_item i{key, wanted(labels), false, {}};
  if (const auto* f = form_with_any_field(page, labels)) {
    const auto* c = any_field(*f, labels);
    i.found = true;
    i.how = "field '" + c->name + "' (" + c->type + ")";
  }
  return i;
}

check_item click_item(const html_page& page, const std::string& key, const texts& names) {
  check_item i{key, wanted(names), false, {}};
  if (auto c = find_clickable(page, names)) {
    i.found = true;
    i.how = c->link ? (c->link->on_click ? "postback link" : "link") : "button (" + c->button->type + ")";
  }
  return i;
}

// Shape only: a PIN is never printed.
check_item value_item(const html_page& page, const std::string& key, const texts& keys) {
  check_item i{key, wanted(keys), false, {}};
  const auto rows = any_rows(page, keys);
  if (rows.empty()) return i;
  i.found = true;
  const std::string_view v(reinterpret_cast<const char*>(rows.front()->value.data()),
                           rows.front()->value.size());
  const bool digits =
      !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  i.how =
      "value of " + std::to_string(v.size()) + " characters, " + (digits ? "all digits" : "not all digits");
  if (rows.size() > 1) i.how += " (" + std::to_string(rows.size()) + " candidates)";
  return i;
}

check_item marker_item(const html_page& page, const std::string& key, const texts& markers) {
  check_item i{key, wanted(markers), any_marker(page, markers), {}};
  if (i.found) i.how = "text on the page";
  return i;
}

check_item pattern_item(const html_page& page, const std::string& key, const texts& patterns) {
  check_item i{key, wanted(patterns), false, {}};
  if (auto shown = find_masked_phone(page, patterns)) {
    i.found = true;
    i.how = "matches " + quote(*shown);
  }
  return i;
}

}  // namespace

screen_check check_screen(const html_page& page, const portal_profile& p, const std::string& screen) {
  screen_check c;
  c.screen = screen;
  c.title = page.title;
  auto& items = c.items;
  if (screen == "entry") {
    // Each entry page holds one step of the way: the steps found here, or one missing item.
    for (std::size_t i = 0; i < p.navigate.size(); ++i)
      if (auto it = click_item(page, "navigate[" + std::to_string(i) + "]", {p.navigate[i]}); it.found)
        items.push_back(std::move(it));
    if (items.empty() && !p.navigate.empty()) items.push_back(click_item(page, "navigate", p.navigate));
  } else if (screen == "login") {
    items.push_back(field_item(page, "login.kimlik_no", p.login.kimlik_no));
    items.push_back(field_item(page, "login.captcha", p.login.captcha));
    items.push_back(field_item(page, "login.security_word", p.login.security_word));
    check_item submit{"login.submit", wanted(p.login.submit), false, {}};
    if (const auto* f = form_with_any_field(page, p.login.kimlik_no))
      if (auto s = find_submitter(page, static_cast<std::size_t>(f - page.forms.data()), p.login.submit)) {
        submit.found = true;
        submit.how = s->pb ? "postback" : "button (" + s->button->type + ")";
      }
    items.push_back(submit);
    check_item img{"login.captcha_image", wanted(p.login.captcha_image), false, {}};
    const int form = [&] {
      const auto* f = form_with_any_field(page, p.login.kimlik_no);
      return f ? static_cast<int>(f - page.forms.data()) : -1;
    }();
    const auto cands = captcha_candidates(page, form, p.login.captcha_image, p.login.captcha);
    if (!cands.empty()) {
      img.found = true;
      img.how = std::to_string(cands.size()) + " candidate(s), first " +
                quote(cands.front()->src.rfind("data:", 0) == 0 ? "data: URI" : cands.front()->src) +
                (cands.front()->css_background ? " (CSS background)" : "");
    }
    items.push_back(img);
  } else if (screen == "phone") {
    items.push_back(click_item(page, "phone.confirm", p.phone.confirm));
    items.push_back(pattern_item(page, "phone.masked_phone", p.phone.masked_phone));
  } else if (screen == "sms") {
    items.push_back(field_item(page, "sms.code", p.sms.code));
    check_item submit{"sms.submit", wanted(p.sms.submit), false, {}};
    if (const auto* f = form_with_any_field(page, p.sms.code))
      if (auto s = find_submitter(page, static_cast<std::size_t>(f - page.forms.data()), p.sms.submit)) {
        submit.found = true;
        submit.how = s->pb ? "postback" : "button";
      }
    items.push_back(submit);
  } else if (screen == "menu") {
    items.push_back(click_item(page, "menu.pin_puk", p.menu.pin_puk));
    items.push_back(click_item(page, "menu.logout", p.menu.logout));
  } else if (screen == "pin_puk") {
    items.push_back(value_item(page, "pin_puk.serial", p.pin_puk.serial));
    items.push_back(value_item(page, "pin_puk.pin", p.pin_puk.pin));
    items.push_back(value_item(page, "pin_puk.puk", p.pin_puk.puk));
    items.push_back(click_item(page, "pin_puk.delete", p.pin_puk.delete_));
    items.push_back(marker_item(page, "pin_puk.deleted", p.pin_puk.deleted));
  }
  for (const auto& f : page.forms)
    for (const auto& x : f.controls) {
      if (x.type == "hidden") continue;
      if (x.is_button())
        c.buttons.push_back(quote(x.text) + (x.on_click ? " (postback)" : ""));
      else
        c.field_labels.push_back((x.labels.empty() ? std::string("(no label)") : quote(x.labels.front())) +
                                 " " + x.type);
    }
  for (const auto& l : page.links)
    if (!l.text.empty()) c.links.push_back(quote(l.text) + (l.on_click ? " (postback)" : ""));
  for (const auto& i : page.images)
    c.images.push_back(quote(i.src.rfind("data:", 0) == 0 ? "data: URI" : i.src) +
                       (i.width >= 0 ? " " + std::to_string(i.width) + "x" + std::to_string(i.height) : "") +
                       (i.css_background ? " (CSS)" : "") + (i.alt.empty() ? "" : " alt " + quote(i.alt)));
  for (const auto& k : page.pairs) c.keys.push_back(quote(k.key));
  for (const auto& m : page.messages) c.messages.push_back(quote(m));
  const std::pair<const char*, const texts*> markers[] = {
      {"errors.blocked", &p.errors.blocked},
      {"errors.session_expired", &p.errors.session_expired},
      {"errors.wrong_captcha", &p.errors.wrong_captcha},
      {"errors.wrong_credentials", &p.errors.wrong_credentials},
      {"errors.sms_expired", &p.errors.sms_expired},
      {"errors.wrong_sms", &p.errors.wrong_sms}};
  for (const auto& [name, list] : markers)
    for (const auto& m : *list) {
      bool in_message = false;
      for (const auto& msg : page.messages) in_message = in_message || contains_text(msg, m);
      if (in_message || contains_text(page.text, m)) {
        c.error_markers.push_back(std::string(name) + " " + quote(m) +
                                  (in_message ? " (in a message)" : " (in the text)"));
        break;
      }
    }
  return c;
}

screen_check check_page(const html_page& page, const portal_profile& profile) {
  screen_check best;
  int best_found = -1;
  for (const char* s : {"login", "entry", "phone", "sms", "menu", "pin_puk"}) {
    auto c = check_screen(page, profile, s);
    const int found = static_cast<int>(
        std::count_if(c.items.begin(), c.items.end(), [](const auto& i) { return i.found; }));
    if (found > best_found) best_found = found, best = std::move(c);
  }
  if (best_found <= 0) best.screen = "unknown";
  return best;
}

std::string render(const screen_check& c, std::size_t number, const std::string& where) {
  std::string out =
      "Screen " + std::to_string(number) + ": " + c.screen + " — " + quote(c.title) + " (" + where + ")\n";
  for (const auto& i : c.items)
    out += std::string("  [") + (i.found ? "found  " : "MISSING") + "] " + i.item + " " + i.wanted +
           (i.how.empty() ? "" : ": " + i.how) + "\n";
  auto list = [&](const char* what, const std::vector<std::string>& v) {
    if (v.empty()) return;
    out += std::string("  seen ") + what + ": ";
    for (std::size_t i = 0; i < v.size() && i < 12; ++i) out += (i ? ", " : "") + v[i];
    if (v.size() > 12) out += ", … (" + std::to_string(v.size()) + ")";
    out += "\n";
  };
  list("fields", c.field_labels);
  list("buttons", c.buttons);
  list("links", c.links);
  list("images", c.images);
  list("keys", c.keys);
  list("messages", c.messages);
  list("error markers", c.error_markers);
  return out;
}

}  // namespace eimza::portal
