#pragma once
// A neutral JSON description of BridgeLink messages, shared with web-companion/test/support:
// {"type","seq","ack","body"} with snake_case body keys and fields as [key, {"text"|"bytes"|"uint"|"bool":
// v}].
#include <boost/json.hpp>

#include "bridgelink/messages.hpp"

namespace bridgelink::vectors {

[[nodiscard]] boost::json::object describe_message(const message& m);
/// Throws std::runtime_error for a description that does not name a valid message.
[[nodiscard]] message message_from_json(const boost::json::object& j);

}  // namespace bridgelink::vectors
