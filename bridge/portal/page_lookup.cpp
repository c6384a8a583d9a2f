#include "portal/page_lookup.hpp"

#include <algorithm>
#include <regex>

#include "portal/text_match.hpp"

namespace eimza::portal {

const html_form* form_with_any_field(const html_page& page, const texts& labels) {
  for (const auto& l : labels)
    if (const auto* f = page.form_with_field(l)) return f;
  return nullptr;
}

const form_control* any_field(const html_form& form, const texts& labels) {
  for (const auto& l : labels)
    if (const auto* c = field_by_label(form, l)) return c;
  return nullptr;
}

const form_control* any_button(const html_form& form, const texts& names) {
  for (const auto& n : names)
    if (const auto* b = button_by_text(form, n)) return b;
  return nullptr;
}

std::vector<const key_value*> any_rows(const html_page& page, const texts& keys) {
  std::vector<const key_value*> out;
  for (const auto& k : keys)
    for (const auto* r : page.rows(k))
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
  return out;
}

std::optional<std::string> find_masked_phone(const html_page& page, const texts& patterns) {
  const std::string shown = nfc(page.text);
  for (const auto& p : patterns) {
    try {
      std::smatch m;
      if (std::regex_search(shown, m, std::regex(p))) return m.str();
    } catch (const std::exception&) {  // std::regex_error (complexity): this pattern finds nothing
    }
  }
  return std::nullopt;
}

bool any_marker(const html_page& page, const texts& markers) {
  for (const auto& m : markers) {
    if (contains_text(page.text, m)) return true;
    for (const auto& msg : page.messages)
      if (contains_text(msg, m)) return true;
  }
  return false;
}

std::optional<clickable> find_clickable(const html_page& page, const texts& names) {
  for (const auto& n : names) {
    if (const auto* l = page.link(n)) return clickable{l, nullptr, nullptr};
    for (const auto& f : page.forms)
      if (const auto* b = button_by_text(f, n)) return clickable{nullptr, &f, b};
  }
  return std::nullopt;
}

const html_form* postback_form(const html_page& page, const html_link* link) {
  if (link && link->form >= 0 && static_cast<std::size_t>(link->form) < page.forms.size())
    return &page.forms[static_cast<std::size_t>(link->form)];
  for (const auto& f : page.forms)
    for (const auto& c : f.controls)
      if (c.name == "__EVENTTARGET") return &f;
  return page.forms.empty() ? nullptr : &page.forms.front();
}

std::optional<form_submitter> find_submitter(const html_page& page, std::size_t form_index,
                                             const texts& names) {
  if (form_index >= page.forms.size()) return std::nullopt;
  const html_form& form = page.forms[form_index];
  for (const auto& n : names) {
    if (const auto* b = button_by_text(form, n)) {
      if (b->on_click) return form_submitter{nullptr, b->on_click};
      if (b->type != "button") return form_submitter{b, std::nullopt};
    }
    for (const auto& l : page.links)
      if (l.on_click && l.form == static_cast<int>(form_index) && same_text(l.text, n))
        return form_submitter{nullptr, l.on_click};
  }
  return std::nullopt;
}

std::vector<const html_image*> captcha_candidates(const html_page& page, int login_form, const texts& hints,
                                                  const texts& captcha_labels) {
  std::vector<const html_image*> out;
  auto icon_sized = [](const html_image& i) {
    return (i.width >= 0 && i.width < 40) || (i.height >= 0 && i.height < 15);
  };
  auto add = [&](const html_image& i) {
    if (out.size() < 8 && !icon_sized(i) && std::find(out.begin(), out.end(), &i) == out.end())
      out.push_back(&i);
  };
  for (const auto& i : page.images) {
    bool hinted = false;
    for (const auto* list : {&hints, &captcha_labels})
      for (const auto& h : *list) hinted = hinted || contains_text(i.hints, h) || same_text(i.alt, h);
    if (hinted) add(i);
  }
  for (const auto& i : page.images)
    if (i.form == login_form) add(i);
  for (const auto& i : page.images) add(i);
  return out;
}

}  // namespace eimza::portal
