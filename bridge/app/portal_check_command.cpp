// `bridge portal-check`: what a portal profile finds, screen by screen — live up to the login
// screen (no credential is ever sent) or on saved pages (--html). How a person adapts the profile
// to a changed portal in minutes, and how a support desk answers "has the portal changed?".
#include <fstream>
#include <iterator>
#include <ostream>

#include "app/commands.hpp"
#include "platform/utf8_path.hpp"
#include "portal/charset.hpp"
#include "portal/http_client_loader.hpp"
#include "portal/portal_session.hpp"
#include "portal/profile_check.hpp"

namespace eimza::app {
namespace {

bool all_found(const portal::screen_check& c) {
  for (const auto& i : c.items)
    if (!i.found) return false;
  return !c.items.empty();
}

}  // namespace

int run_portal_check(const portal_check_options& o, std::ostream& out, std::ostream& err) {
  portal::portal_profile profile;
  try {
    profile = o.profile_file.empty() ? portal::builtin_profile() : portal::load_profile(o.profile_file);
  } catch (const std::exception& e) {
    err << "portal-check: " << e.what() << "\n";
    return 2;
  }
  if (!o.portal_url.empty()) profile.entry_url = o.portal_url;
  out << "Profile: " << profile.name << "\n";

  if (!o.html_files.empty()) {
    bool ok = true;
    std::size_t n = 0;
    for (const auto& path : o.html_files) {
      std::ifstream in(platform::utf8_path(path), std::ios::binary);
      if (!in) {
        err << "portal-check: cannot read " << path << "\n";
        return 2;
      }
      const std::string raw((std::istreambuf_iterator<char>(in)), {});
      const auto body = bridgelink::as_bytes(raw);
      const auto utf8 = portal::to_utf8(body, portal::page_charset("", body));
      const auto page =
          portal::parse_html(std::string_view(reinterpret_cast<const char*>(utf8.data()), utf8.size()));
      const auto c = portal::check_page(page, profile);
      out << portal::render(c, ++n, path);
      ok = ok && all_found(c);
    }
    out << (ok ? "Result: every item of each page's screen was found.\n"
               : "Result: some items are MISSING: adapt the profile (docs/portal.md).\n");
    return ok ? 0 : 1;
  }

  portal::http_options http_opts;
  http_opts.ca_file = o.portal_ca;
  http_opts.proxy = o.proxy;
  std::string why;
  auto http = portal::load_http_client(http_opts, why);
  if (!http) {
    err << "portal-check: the HTTP module could not be loaded: " << why << "\n";
    return 2;
  }
  out << "Portal: " << profile.entry_url << " (up to the login screen; nothing is submitted)\n";
  portal::portal_session session(*http, profile);
  std::size_t n = 0;
  session.on_page = [&](const std::string& url, const portal::html_page& page) {
    // The entry pages are checked for the navigation, the last one for the login form.
    auto c = portal::check_page(page, profile);
    out << portal::render(c, ++n, url);
  };
  auto r = session.open();
  if (r) {
    out << "Result: the login screen is reachable with this profile, with a captcha image ("
        << r->captcha_mime << "). No credential was sent.\n";
    return 0;
  }
  out << "Result: stopped: " << ui::say(ui::language::en, r.error())
      << (session.last_problem().empty() ? "" : " (" + session.last_problem() + ")") << "\n";
  return 1;
}

}  // namespace eimza::app
