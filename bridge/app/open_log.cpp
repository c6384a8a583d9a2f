// The journey commands' log: a rotating file under the user's state directory.
#include <ostream>

#include "app/commands.hpp"

namespace eimza::app {

std::unique_ptr<log::logger> open_log(const log_options& o, std::ostream& out) {
  auto lg = std::make_unique<log::logger>(o.level);
  if (o.file == "-") return lg;
  std::string path = o.file;
  if (path.empty()) {
    const auto dir = log::state_dir();
    if (dir.empty()) return lg;
    path = dir + "/bridge.log";
  }
  auto sink = std::make_shared<log::rotating_file_sink>(path);
  if (sink->ok()) {
    out << "Log: " << path << std::endl;
    lg->add(std::move(sink));
  } else {
    out << "Log: " << path << " (not writable: no log file)" << std::endl;
  }
  return lg;
}

}  // namespace eimza::app
