#include "relay/static_files.hpp"

#include <filesystem>
#include <fstream>

namespace eimza::relay {

namespace {
constexpr std::uintmax_t file_max = 8 * 1024 * 1024;

bool hex_run(std::string_view s, std::size_t min) {
  std::size_t run = 0;
  for (char c : s) {
    run = ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) ? run + 1 : 0;
    if (run >= min) return true;
  }
  return false;
}
}  // namespace

std::string_view static_files::mime_type(std::string_view f) noexcept {
  const auto dot = f.rfind('.');
  const auto ext = dot == std::string_view::npos ? std::string_view() : f.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "wasm") return "application/wasm";
  if (ext == "png") return "image/png";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

bool static_files::versioned(std::string_view f) noexcept {
  // Any segment or name part with 8+ lower-case hex digits in a row marks a content-hashed asset.
  return hex_run(f, 8);
}

std::optional<static_file> static_files::get(const std::string& file) const {
  if (root_.empty()) return std::nullopt;
  const auto path = std::filesystem::path(root_) / file;
  std::error_code ec;
  // No symlink anywhere below the root: a link planted in the served tree does not lead out of it.
  auto at = std::filesystem::path(root_);
  for (const auto& part : std::filesystem::path(file)) {
    at /= part;
    if (std::filesystem::is_symlink(std::filesystem::symlink_status(at, ec))) return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec))) return std::nullopt;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > file_max) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  static_file out;
  out.body.resize(static_cast<std::size_t>(size));
  in.read(out.body.data(), static_cast<std::streamsize>(size));
  out.headers = {{"Content-Type", std::string(mime_type(file))},
                 {"Content-Security-Policy", std::string(content_security_policy)},
                 {"X-Content-Type-Options", "nosniff"},
                 {"Referrer-Policy", "no-referrer"},
                 {"Cross-Origin-Opener-Policy", "same-origin"},
                 {"X-Frame-Options", "DENY"},  // next to CSP frame-ancestors, for older browsers
                 {"Cache-Control", versioned(file) ? "public, max-age=31536000, immutable" : "no-cache"}};
  return out;
}

}  // namespace eimza::relay
