// Request targets (relay/relay_path.hpp): a channel's path id becomes its 16 bytes and reads back
// as the same hex; anything but 32 lower-case hex digits is a bad channel.
#include "relay/relay_path.hpp"

#include <gtest/gtest.h>

using namespace eimza::relay;

TEST(RelayPath, ChannelIdsAreTheirSixteenBytes) {
  const std::string hex = "00ff10a9b8c7d6e5f40312233445566f";
  const auto t = parse_target("/v1/connect/" + hex + "?x=1");
  ASSERT_EQ(t.kind, target_kind::channel);
  EXPECT_EQ(t.role, peer_role::phone);
  EXPECT_EQ(t.channel[0], 0x00);
  EXPECT_EQ(t.channel[1], 0xff);
  EXPECT_EQ(t.channel[2], 0x10);
  EXPECT_EQ(t.channel[15], 0x6f);
  EXPECT_EQ(to_hex(t.channel), hex);
  const auto b = parse_target("/v1/new/" + hex);
  EXPECT_EQ(b.role, peer_role::bridge);
  EXPECT_EQ(b.channel, t.channel);
  EXPECT_EQ(channel_id_hash{}(b.channel), channel_id_hash{}(t.channel));
}

TEST(RelayPath, AnythingElseIsABadChannel) {
  for (const std::string id : {"00FF10A9B8C7D6E5F40312233445566F", "00ff10a9b8c7d6e5f40312233445566",
                               "00ff10a9b8c7d6e5f40312233445566f0", "00ff10a9b8c7d6e5f40312233445566g", ""})
    EXPECT_EQ(parse_target("/v1/new/" + id).kind, target_kind::bad_channel) << id;
}
