// The outbox (reliable messages kept for a resend): against a plain model, over pushes of many
// sizes and acknowledgements that leave some messages in it, so its buffer wraps and compacts.
#include <gtest/gtest.h>

#include <deque>
#include <random>

#include "bridgelink/outbox.hpp"

using namespace bridgelink;

namespace {

struct kept {
  message_type type;
  std::uint64_t seq;
  bytes body;
};

std::vector<kept> contents(const outbox& box) {
  std::vector<kept> out;
  box.for_each([&](const outbox::entry& e) {
    out.push_back({e.type, e.seq, bytes(e.body.begin(), e.body.end())});
  });
  return out;
}

TEST(Outbox, KeepsWhatWasNotAcknowledgedInOrder) {
  outbox box;
  box.push(message_type::step_request, 1, bytes{1, 2, 3});
  box.push(message_type::bye, 2, bytes{});
  box.push(message_type::step_request, 3, bytes(5000, 9));
  box.drop_through(1);
  auto c = contents(box);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(box.size(), 2u);
  EXPECT_EQ(c[0].type, message_type::bye);
  EXPECT_EQ(c[0].seq, 2u);
  EXPECT_TRUE(c[0].body.empty());
  EXPECT_EQ(c[1].seq, 3u);
  EXPECT_EQ(c[1].body, bytes(5000, 9));
  box.drop_through(2);
  box.drop_through(1);  // an older ack changes nothing
  EXPECT_EQ(box.size(), 1u);
  box.drop_through(99);
  EXPECT_EQ(box.size(), 0u);
  EXPECT_TRUE(contents(box).empty());
}

TEST(Outbox, MatchesAModelThroughWrapsAndCompactions) {
  std::mt19937 rng(18);
  outbox box;
  std::deque<kept> model;
  std::uint64_t seq = 0;
  for (int step = 0; step < 4000; ++step) {
    if (rng() % 3 != 0 && model.size() < 32) {
      ++seq;
      const std::size_t n = rng() % 4 == 0 ? rng() % 3000 : rng() % 120;
      bytes body(n);
      for (auto& b : body) b = static_cast<std::uint8_t>(rng());
      const auto type = rng() % 2 ? message_type::step_request : message_type::step_response;
      box.push(type, seq, body);
      model.push_back({type, seq, std::move(body)});
    } else if (!model.empty()) {
      const auto ack = model.front().seq + rng() % model.size();
      box.drop_through(ack);
      while (!model.empty() && model.front().seq <= ack) model.pop_front();
    }
    const auto c = contents(box);
    ASSERT_EQ(c.size(), model.size()) << "step " << step;
    for (std::size_t i = 0; i < c.size(); ++i) {
      ASSERT_EQ(c[i].seq, model[i].seq) << "step " << step;
      ASSERT_EQ(c[i].type, model[i].type);
      ASSERT_EQ(c[i].body, model[i].body) << "step " << step << ", message " << i;
    }
  }
}

}  // namespace
