#pragma once
// The card summary for people (text, Turkish/English) and for programs (JSON).
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "card/card_access.hpp"
#include "ui/text.hpp"

namespace eimza::card {

/// no_certificate, or identity_card for an ID-card-family card with none: why there is no signing
/// certificate.
[[nodiscard]] card_errc missing_signing_certificate(const card_summary& s) noexcept;

/// Warnings worth saying in words, about the signing certificate: not yet valid / expired, a test
/// or non-qualified certificate; unreadable certificates; PIN low/blocked.
[[nodiscard]] std::vector<std::string> summary_warnings(const card_summary& s, std::int64_t now,
                                                        ui::language lang);

[[nodiscard]] boost::json::object summary_json(const card_summary& s, std::int64_t now);
/// For the terminal: the T.C. Kimlik No is masked.
[[nodiscard]] std::string summary_text(const card_summary& s, std::int64_t now, ui::language lang);

/// "2026-11-25" (UTC).
[[nodiscard]] std::string utc_date(std::int64_t unix_seconds);

}  // namespace eimza::card
