// POSIX: O_CREAT|O_EXCL|O_NOFOLLOW, modes 0600/0700, owner checked by uid.
#include "platform/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

namespace eimza::platform {

std::filesystem::path make_private_dir(std::string_view prefix) {
  std::string base = "/tmp";
  for (const char* var : {"XDG_RUNTIME_DIR", "TMPDIR"})
    if (const char* v = std::getenv(var); v && *v == '/') {
      base = v;
      break;
    }
  std::string templ = base + "/" + std::string(prefix) + "-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp " + templ);
  return std::filesystem::path(buf.data());
}

void write_private_file(const std::filesystem::path& path, std::string_view data) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "create " + path.string());
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      throw std::system_error(e, std::generic_category(), "write " + path.string());
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

int open_private_append(const std::filesystem::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
}

bool ensure_private_dir(const std::filesystem::path& dir) {
  // Create parents as needed; the directories we create are 0700.
  std::filesystem::path built;
  for (const auto& part : dir) {
    built /= part;
    if (built == built.root_path()) continue;
    if (::mkdir(built.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;  // a symlink is refused
  return st.st_uid == ::geteuid();
}

}  // namespace eimza::platform
