#pragma once
// Opens a URL in the person's browser (xdg-open on Linux), without waiting for it.
#include <string>

namespace eimza::platform {

/// false when the opener could not be started.
bool open_url(const std::string& url);

}  // namespace eimza::platform
