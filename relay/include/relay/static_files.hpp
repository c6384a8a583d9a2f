#pragma once
// The web companion's static files, served with a strict Content-Security-Policy, the right MIME
// type, and immutable caching for versioned assets (a path segment or file name part of 8+ hex
// digits, e.g. "assets/app.3f9a1c2e.js"); everything else is revalidated.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eimza::relay {

inline constexpr std::string_view content_security_policy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self' wss: ws:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct static_file {
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

class static_files {
 public:
  explicit static_files(std::string root) : root_(std::move(root)) {}
  /// file: a path already checked by parse_target (no "..", no dot segments). nullopt: 404.
  [[nodiscard]] std::optional<static_file> get(const std::string& file) const;

  [[nodiscard]] static std::string_view mime_type(std::string_view file) noexcept;
  [[nodiscard]] static bool versioned(std::string_view file) noexcept;

 private:
  std::string root_;
};

}  // namespace eimza::relay
