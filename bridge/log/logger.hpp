#pragma once
// Structured log lines: an event name and key=value fields. Redaction is by type: a field
// built from a secret type (secret_bytes, secret_array) prints as <redacted> and its bytes never
// reach the formatter; free text goes through as quoted, escaped text. There is no way to log a
// secret_bytes' content. Sinks are injected (a rotating file, a stream); no global logger.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include "ui/enum_name.hpp"

#include "bridgelink/secret.hpp"

namespace eimza::log {

enum class level { error = 0, warn = 1, info = 2, debug = 3 };
BOOST_DESCRIBE_ENUM(level, error, warn, info, debug)
[[nodiscard]] inline std::string_view level_name(level l) noexcept {
  return ui::enum_name(l);
}
/// "error", "warn", "info", "debug"; nullopt otherwise.
[[nodiscard]] std::optional<level> parse_level(std::string_view s) noexcept;

class field {
 public:
  field(std::string_view key, std::string_view text) : key_(key), value_(quote(text)) {}
  field(std::string_view key, const char* text) : field(key, std::string_view(text)) {}
  field(std::string_view key, const std::string& text) : field(key, std::string_view(text)) {}
  field(std::string_view key, bool b) : key_(key), value_(b ? "true" : "false") {}
  field(std::string_view key, std::int64_t n) : key_(key), value_(std::to_string(n)) {}
  field(std::string_view key, int n) : field(key, static_cast<std::int64_t>(n)) {}
  field(std::string_view key, std::uint64_t n) : key_(key), value_(std::to_string(n)) {}
  // Secrets: only that there was one, and its length class, never the content.
  field(std::string_view key, const bridgelink::secret_bytes&) : key_(key), value_("<redacted>") {}
  template <std::size_t N>
  field(std::string_view key, const bridgelink::secret_array<N>&) : key_(key), value_("<redacted>") {}

  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  [[nodiscard]] const std::string& value() const noexcept { return value_; }

 private:
  static std::string quote(std::string_view text);
  std::string key_, value_;
};

class sink {
 public:
  virtual ~sink() = default;
  virtual void write(std::string_view line) = 0;  // one line, no newline
};

/// A file under the user's state directory, rotated at max_bytes: bridge.log → bridge.log.1 …
/// keep files in all. Created 0600; a directory it cannot write means no file log (not a crash).
class rotating_file_sink final : public sink {
 public:
  rotating_file_sink(std::string path, std::uint64_t max_bytes = 1 << 20, int keep = 3);
  void write(std::string_view line) override;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] bool ok() const noexcept { return ok_; }

 private:
  void rotate();
  [[nodiscard]] std::filesystem::path numbered(int n) const;
  std::string path_;            // UTF-8, as given
  std::filesystem::path file_;  // the same, as a path (platform::utf8_path)
  std::uint64_t max_bytes_;
  int keep_;
  std::uint64_t size_ = 0;
  bool ok_ = false;
  std::mutex m_;
};

class logger {
 public:
  explicit logger(level min = level::info) : min_(min) {}
  void add(std::shared_ptr<sink> s) { sinks_.push_back(std::move(s)); }
  [[nodiscard]] bool enabled(level l) const noexcept { return static_cast<int>(l) <= static_cast<int>(min_); }

  void write(level l, std::string_view event, std::initializer_list<field> fields = {});
  void error(std::string_view event, std::initializer_list<field> f = {}) { write(level::error, event, f); }
  void warn(std::string_view event, std::initializer_list<field> f = {}) { write(level::warn, event, f); }
  void info(std::string_view event, std::initializer_list<field> f = {}) { write(level::info, event, f); }
  void debug(std::string_view event, std::initializer_list<field> f = {}) { write(level::debug, event, f); }

 private:
  level min_;
  std::vector<std::shared_ptr<sink>> sinks_;
};

/// $XDG_STATE_HOME/eimza or ~/.local/state/eimza (empty when neither is known).
[[nodiscard]] std::string state_dir();

}  // namespace eimza::log
