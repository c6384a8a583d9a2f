#pragma once
// Where the bridge finds what it ships with (helper programs, the web companion), in the build
// tree or installed under /usr, and the per-run token of the desktop page.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eimza::app {

/// A helper program: "portal-sim" or "virtual-card".
[[nodiscard]] std::optional<std::filesystem::path> find_helper(std::string_view name);
/// The web companion's directory (index.html, src/, vendor/, i18n/).
[[nodiscard]] std::optional<std::filesystem::path> find_companion();
/// 128 random bits, base64url: the desktop page's per-run token.
[[nodiscard]] std::string random_token();

}  // namespace eimza::app
