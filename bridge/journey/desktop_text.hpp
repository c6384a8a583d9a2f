#pragma once
// The desktop page's own words (labels, the SAS outcomes, "bridge unreachable"): "desktop.<name>"
// in the catalogue. The page gets them from GET /desktop-text.json (desktop_page.cpp), built from
// this list, and looks them up in bridge/journey/desktop/desktop-text.js.
#include "ui/message.hpp"

namespace eimza::journey {

enum class desktop_text {
  sas_label,
  sas_confirm,
  cancel,
  qr_label,
  sas_accepted,
  sas_wrong,
  sas_locked,
  sas_malformed,
  sas_unavailable,
  unreachable,
  confirm_cancel,
};
BOOST_DESCRIBE_ENUM(desktop_text, sas_label, sas_confirm, cancel, qr_label, sas_accepted, sas_wrong,
                    sas_locked, sas_malformed, sas_unavailable, unreachable, confirm_cancel)
constexpr std::string_view text_domain(desktop_text) noexcept {
  return "desktop";
}

}  // namespace eimza::journey
