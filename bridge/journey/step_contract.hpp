#pragma once
// The journey's steps as protocol/steps/steps.json declares them (compiled in): which kinds exist,
// which fields each request carries and each answer must carry, of which type. The bridge checks
// every request it sends and every answer it takes against it; the phone page checks the same
// file (web-companion/src/steps.js, generated from it). docs/steps.md is checked against it too.
#include <string>
#include <string_view>
#include <vector>

#include "bridgelink/messages.hpp"

namespace eimza::journey {

enum class step_direction { request, response };

/// Empty when `f` is what the contract declares for `kind` in that direction (every required field
/// present, nothing undeclared, each of its type); else what is wrong, in English, for logs.
[[nodiscard]] std::string check_step(std::string_view kind, step_direction dir, const bridgelink::fields& f);
/// The declared step kinds, in file order.
[[nodiscard]] std::vector<std::string> step_kinds();

}  // namespace eimza::journey
