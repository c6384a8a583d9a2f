#pragma once
// Finding what a profile names on a page: any of a list of texts, as a field label, a button, a
// link, a key, a marker, or the captcha image. Pure functions over html_page (no I/O), shared by
// the portal session and `bridge portal-check`.
#include <optional>
#include <vector>

#include "portal/html_page.hpp"
#include "portal/portal_profile.hpp"

namespace eimza::portal {

[[nodiscard]] const html_form* form_with_any_field(const html_page& page, const texts& labels);
[[nodiscard]] const form_control* any_field(const html_form& form, const texts& labels);
[[nodiscard]] const form_control* any_button(const html_form& form, const texts& names);
[[nodiscard]] std::vector<const key_value*> any_rows(const html_page& page, const texts& keys);
/// The first match of any masked-phone pattern in the page text as shown (NFC); never throws.
[[nodiscard]] std::optional<std::string> find_masked_phone(const html_page& page, const texts& patterns);
/// A marker in a message-like element or anywhere in the visible text.
[[nodiscard]] bool any_marker(const html_page& page, const texts& markers);

/// Something to click: a link (maybe a __doPostBack), or a button of a form.
struct clickable {
  const html_link* link = nullptr;
  const html_form* form = nullptr;
  const form_control* button = nullptr;
};
[[nodiscard]] std::optional<clickable> find_clickable(const html_page& page, const texts& names);
/// The form a __doPostBack link submits: its own, else the one holding __EVENTTARGET, else the first.
[[nodiscard]] const html_form* postback_form(const html_page& page, const html_link* link = nullptr);

/// How a form is sent "with the button named …": its button, or a __doPostBack link inside it.
struct form_submitter {
  const form_control* button = nullptr;
  std::optional<postback> pb;
};
[[nodiscard]] std::optional<form_submitter> find_submitter(const html_page& page, std::size_t form_index,
                                                           const texts& names);

/// The images that may be the captcha, best first, at most 8: those matching a hint (alt, title,
/// src, id, class), then those in the login form, then the rest; images whose width/height
/// attributes are icon-sized are left out. The caller still checks the bytes (image_check.hpp).
[[nodiscard]] std::vector<const html_image*> captcha_candidates(const html_page& page, int login_form,
                                                                const texts& hints,
                                                                const texts& captcha_labels);

}  // namespace eimza::portal
