#include "log/logger.hpp"

#include "platform/clock.hpp"
#include "platform/private_files.hpp"
#include "platform/user_dirs.hpp"
#include "platform/utf8_path.hpp"

#include <sys/stat.h>
#ifdef _WIN32
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace eimza::log {
namespace fs = std::filesystem;

std::optional<level> parse_level(std::string_view s) noexcept {
  return ui::enum_from_name<level>(s);
}

std::string field::quote(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text.substr(0, 512)) {  // bounded: a log line is not a dump
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\')
      out += '\\', out += ch;
    else if (c == '\n')
      out += "\\n";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else
      out += ch;
  }
  if (text.size() > 512) out += "…";
  return out + "\"";
}

rotating_file_sink::rotating_file_sink(std::string path, std::uint64_t max_bytes, int keep)
    : path_(std::move(path)),
      file_(platform::utf8_path(path_)),
      max_bytes_(max_bytes),
      keep_(keep < 1 ? 1 : keep) {
  if (!platform::ensure_private_dir(file_.parent_path())) return;  // not ours, or a link
  const int fd = platform::open_private_append(file_);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0) size_ = static_cast<std::uint64_t>(st.st_size);
  ::close(fd);
  ok_ = true;
}

fs::path rotating_file_sink::numbered(int n) const {
  auto p = file_;
  p += "." + std::to_string(n);
  return p;
}

void rotating_file_sink::rotate() {
  std::error_code ec;
  for (int i = keep_ - 1; i >= 1; --i) fs::rename(i == 1 ? file_ : numbered(i - 1), numbered(i), ec);
  if (keep_ == 1) fs::remove(file_, ec);
  size_ = 0;
}

void rotating_file_sink::write(std::string_view line) {
  std::lock_guard lk(m_);
  if (!ok_) return;
  if (size_ + line.size() + 1 > max_bytes_) rotate();
  const int fd = platform::open_private_append(file_);
  if (fd < 0) return;
  std::string l(line);
  l += '\n';
#ifdef _WIN32
  const bool whole = ::_write(fd, l.data(), static_cast<unsigned>(l.size())) == static_cast<int>(l.size());
#else
  const bool whole = ::write(fd, l.data(), l.size()) == static_cast<ssize_t>(l.size());
#endif
  if (whole) size_ += l.size();
  ::close(fd);
}

void logger::write(level l, std::string_view event, std::initializer_list<field> fields) {
  if (!enabled(l) || sinks_.empty()) return;
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const std::tm tm = platform::utc_tm(t);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line = std::string(stamp) + " " + std::string(level_name(l)) + " " + std::string(event);
  for (const auto& f : fields) line += " " + f.key() + "=" + f.value();
  for (auto& s : sinks_) s->write(line);
}

std::string state_dir() {
  return platform::path_utf8(platform::state_dir());
}

}  // namespace eimza::log
