#pragma once
// Tests use the bridge's own process helper.
#include "platform/child_process.hpp"

namespace eimza::test {
using platform::child_process;
using platform::run_capture;
}  // namespace eimza::test
