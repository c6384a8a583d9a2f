#include "platform/open_url.hpp"

#include <array>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include "bridgelink/bytes.hpp"
#include "bridgelink/random.hpp"
#include "platform/private_files.hpp"

namespace eimza::platform {

bool open_url(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return false;  // never a file or a command
  return launch_opener(url);
}

std::string write_launch_file(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return {};
  for (char c : url)
    if (c == '"' || c == '<' || c == '>' || c == '\'' || static_cast<unsigned char>(c) < 0x20) return {};
  static std::filesystem::path dir;
  static std::mutex m;
  std::lock_guard lk(m);
  try {
    if (dir.empty()) dir = make_private_dir("eimza-open");
    bridgelink::system_random rng;
    std::array<std::uint8_t, 12> b{};
    rng.fill(b);
    const auto file = dir / ("desktop-" + bridgelink::to_hex(b) + ".html");
    write_private_file(
        file,
        "<!DOCTYPE html><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\">"
        "<meta http-equiv=\"refresh\" content=\"0;url=" +
            url + "\"><title>e-imza companion</title>");
    return file.string();
  } catch (const std::exception&) {
    return {};
  }
}

bool open_url_privately(const std::string& url) {
  const auto file = write_launch_file(url);
  if (file.empty()) return false;
  if (!launch_opener(file, true)) return false;
  std::thread([file] {  // the browser has read it by then
    // not polling: a one-shot timer that removes the launch file
    std::this_thread::sleep_for(std::chrono::seconds(30));
    std::error_code ec;
    std::filesystem::remove(file, ec);
  })
      .detach();
  return true;
}

}  // namespace eimza::platform
