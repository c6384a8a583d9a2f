#pragma once
// What a profile finds on a page, item by item, and what the page offers — for adapting a profile
// to the live portal and for a support desk's "has the portal changed?" (`bridge portal-check`).
// Sans-I/O: pages in, a report out. Values (PIN, PUK, serial) are described by shape only.
#include <string>
#include <vector>

#include "portal/html_page.hpp"
#include "portal/portal_profile.hpp"

namespace eimza::portal {

struct check_item {
  std::string item;    // profile key, e.g. "login.kimlik_no"
  std::string wanted;  // the profile's first text (and how many alternatives)
  bool found = false;
  std::string how;  // "field 'k1'", "link", "button", "6 characters, all digits", …
};

struct screen_check {
  std::string screen;  // entry, login, phone, sms, menu, pin_puk, or "unknown"
  std::string title;
  std::vector<check_item> items;
  // What the client saw, to write a profile from.
  std::vector<std::string> field_labels, buttons, links, images, keys, messages;
  std::vector<std::string> error_markers;  // profile error markers that match on this page
};

/// Checks the page as the screen that matches best (most items found).
[[nodiscard]] screen_check check_page(const html_page& page, const portal_profile& profile);
/// Checks the page as a given screen.
[[nodiscard]] screen_check check_screen(const html_page& page, const portal_profile& profile,
                                        const std::string& screen);
/// Plain text for the terminal.
[[nodiscard]] std::string render(const screen_check& c, std::size_t number, const std::string& where);

}  // namespace eimza::portal
