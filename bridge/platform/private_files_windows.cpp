// Windows: every file and directory is created with an owner-only, protected DACL (the current
// user, full control; nothing inherited from the parent), files with CREATE_NEW (anything already
// at the path — a file, a link, a junction — is refused) and opened without following a reparse
// point. Ownership is the token's user or its default owner (Administrators for an elevated admin).
#include <windows.h>
// After windows.h:
#include <aclapi.h>
#include <bcrypt.h>
#include <fcntl.h>
#include <io.h>
#include <sddl.h>

#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "platform/private_files.hpp"

namespace eimza::platform {

namespace {

[[noreturn]] void fail(const std::string& what, DWORD code = GetLastError()) {
  throw std::system_error(static_cast<int>(code), std::system_category(), what);
}

struct local_free {
  void operator()(void* p) const noexcept { LocalFree(p); }
};

// One piece of the process token (TokenUser, TokenOwner).
std::vector<unsigned char> token_info(TOKEN_INFORMATION_CLASS cls) {
  HANDLE token = nullptr;
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) fail("OpenProcessToken");
  DWORD len = 0;
  GetTokenInformation(token, cls, nullptr, 0, &len);
  std::vector<unsigned char> buf(len);
  const BOOL ok = GetTokenInformation(token, cls, buf.data(), len, &len);
  const DWORD err = GetLastError();
  CloseHandle(token);
  if (!ok) fail("GetTokenInformation", err);
  return buf;
}

PSID user_sid(std::vector<unsigned char>& buf) {
  return reinterpret_cast<TOKEN_USER*>(buf.data())->User.Sid;
}

// "D:P(A;OICI;FA;;;<user>)": the user, full access, inherited by what is created inside; the
// parent's entries are not inherited (P).
class owner_only {
 public:
  owner_only() {
    auto user = token_info(TokenUser);
    LPWSTR sid_text = nullptr;
    if (!ConvertSidToStringSidW(user_sid(user), &sid_text)) fail("ConvertSidToStringSid");
    std::unique_ptr<void, local_free> sid_guard(sid_text);
    const std::wstring sddl = L"D:P(A;OICI;FA;;;" + std::wstring(sid_text) + L")";
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl.c_str(), SDDL_REVISION_1, &sd, nullptr))
      fail("ConvertStringSecurityDescriptorToSecurityDescriptor");
    sd_.reset(sd);
    sa_.nLength = sizeof sa_;
    sa_.lpSecurityDescriptor = sd;
    sa_.bInheritHandle = FALSE;
  }
  SECURITY_ATTRIBUTES* get() noexcept { return &sa_; }

 private:
  std::unique_ptr<void, local_free> sd_;
  SECURITY_ATTRIBUTES sa_{};
};

std::filesystem::path temp_base() {
  wchar_t buf[MAX_PATH + 1];
  const DWORD n = GetTempPathW(MAX_PATH + 1, buf);
  if (n == 0 || n > MAX_PATH) fail("GetTempPath");
  return std::filesystem::path(std::wstring(buf, n));
}

std::wstring random_suffix() {
  static constexpr wchar_t alphabet[] = L"abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[8];
  if (BCryptGenRandom(nullptr, bytes, sizeof bytes, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
    fail("BCryptGenRandom", ERROR_GEN_FAILURE);
  std::wstring out;
  for (unsigned char b : bytes) out += alphabet[b % 36];
  return out;
}

}  // namespace

std::filesystem::path make_private_dir(std::string_view prefix) {
  owner_only sd;
  const auto base = temp_base();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto dir = base / (std::filesystem::path(std::string(prefix)).wstring() + L"-" + random_suffix());
    if (CreateDirectoryW(dir.c_str(), sd.get())) return dir;
    if (GetLastError() != ERROR_ALREADY_EXISTS) fail("CreateDirectory " + dir.string());
  }
  fail("CreateDirectory under " + base.string(), ERROR_ALREADY_EXISTS);
}

void write_private_file(const std::filesystem::path& path, std::string_view data) {
  owner_only sd;
  HANDLE h = CreateFileW(path.c_str(), GENERIC_WRITE, 0, sd.get(), CREATE_NEW,
                         FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
  if (h == INVALID_HANDLE_VALUE) fail("create " + path.string());
  std::size_t done = 0;
  while (done < data.size()) {
    DWORD n = 0;
    const auto chunk = static_cast<DWORD>(std::min<std::size_t>(data.size() - done, 1U << 20));
    if (!WriteFile(h, data.data() + done, chunk, &n, nullptr) || n == 0) {
      const DWORD err = GetLastError();
      CloseHandle(h);
      fail("write " + path.string(), err);
    }
    done += n;
  }
  CloseHandle(h);
}

int open_private_append(const std::filesystem::path& path) {
  try {
    owner_only sd;
    HANDLE h = CreateFileW(path.c_str(), FILE_APPEND_DATA, FILE_SHARE_READ, sd.get(), OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, nullptr);
    if (h == INVALID_HANDLE_VALUE) return -1;
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(h, &info) || (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
      CloseHandle(h);  // a link planted at the path: never written through
      return -1;
    }
    const int fd = _open_osfhandle(reinterpret_cast<intptr_t>(h), _O_WRONLY | _O_APPEND | _O_BINARY);
    if (fd < 0) CloseHandle(h);
    return fd;
  } catch (const std::system_error&) {
    return -1;
  }
}

bool ensure_private_dir(const std::filesystem::path& dir) {
  try {
    owner_only sd;
    std::filesystem::path built;
    for (const auto& part : dir) {
      built /= part;
      if (built == built.root_path() || built == built.root_name()) continue;
      if (!CreateDirectoryW(built.c_str(), sd.get()) && GetLastError() != ERROR_ALREADY_EXISTS) return false;
    }
    const DWORD attrs = GetFileAttributesW(dir.c_str());
    if (attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_DIRECTORY) ||
        (attrs & FILE_ATTRIBUTE_REPARSE_POINT))
      return false;  // a link or junction is refused
    PSID owner = nullptr;
    PSECURITY_DESCRIPTOR sd_owner = nullptr;
    if (GetNamedSecurityInfoW(dir.c_str(), SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, nullptr,
                              nullptr, nullptr, &sd_owner) != ERROR_SUCCESS)
      return false;
    std::unique_ptr<void, local_free> guard(sd_owner);
    auto user = token_info(TokenUser);
    auto default_owner = token_info(TokenOwner);
    return EqualSid(owner, user_sid(user)) ||
           EqualSid(owner, reinterpret_cast<TOKEN_OWNER*>(default_owner.data())->Owner);
  } catch (const std::system_error&) {
    return false;
  }
}

}  // namespace eimza::platform
