#pragma once
// What the commands print for the person (run, demo, the terminal journey, the tray menu).
// The sentences are "app.<name>" in the catalogue (bridge/ui/i18n/{tr,en}.json).
#include "ui/message.hpp"

namespace eimza::app {

enum class app_text {
  tray_missing,
  tray_show,
  tray_cancel,
  tray_quit,
  interrupted,
  new_qr,
  desktop_page,
  portal,
  phone_page,
  run_choose_path,
  run_lan_cert_pair,
  run_profile_unreadable,
  run_portal_https,
  run_relay_url,
  run_no_companion,
  run_lan_address_bad,
  run_no_lan_address,
  run_network_setup,
  run_plain_http,
  run_next,
  demo_parts_missing,
  demo_vendor_missing,
  demo_workdir,
  demo_files,
  demo_no_pcscd,
  demo_pcscd_netns,
  demo_pcscd_not_started,
  demo_pcscd_shared,
  demo_portal_not_started,
  demo_no_lan,
  demo_intro,
  demo_phone_page,
  demo_portal_sim,
  demo_next,
  demo_linux_only,
};
BOOST_DESCRIBE_ENUM(app_text, tray_missing, tray_show, tray_cancel, tray_quit, interrupted, new_qr,
                    desktop_page, portal, phone_page, run_choose_path, run_lan_cert_pair,
                    run_profile_unreadable, run_portal_https, run_relay_url, run_no_companion,
                    run_lan_address_bad, run_no_lan_address, run_network_setup, run_plain_http, run_next,
                    demo_parts_missing, demo_vendor_missing, demo_workdir, demo_files, demo_no_pcscd,
                    demo_pcscd_netns, demo_pcscd_not_started, demo_pcscd_shared, demo_portal_not_started,
                    demo_no_lan, demo_intro, demo_phone_page, demo_portal_sim, demo_next, demo_linux_only)
constexpr std::string_view text_domain(app_text) noexcept {
  return "app";
}

}  // namespace eimza::app
