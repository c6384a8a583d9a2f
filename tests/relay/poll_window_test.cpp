// The relay's adaptive poll window (relay/poll_window.hpp): grows while work keeps arriving within
// the limit, shrinks to nothing when it does not, never exceeds the limit, never polls when off.
#include "relay/poll_window.hpp"

#include <gtest/gtest.h>

using eimza::relay::poll_window;
using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(PollWindow, StartsWithoutPollingSoAnIdleRelaySleeps) {
  poll_window w(microseconds(200));
  EXPECT_EQ(w.current(), microseconds(0));
}

TEST(PollWindow, ShortIdleSpellsGrowItUpToTheLimit) {
  poll_window w(microseconds(200));
  w.idle_ended(microseconds(80));  // a wake-up polling would have saved
  EXPECT_EQ(w.current(), microseconds(50)) << "starts at a quarter of the limit";
  w.idle_ended(microseconds(30));
  EXPECT_EQ(w.current(), microseconds(50)) << "caught by polling: nothing to change";
  w.idle_ended(microseconds(60));
  EXPECT_EQ(w.current(), microseconds(100));
  w.idle_ended(microseconds(150));
  EXPECT_EQ(w.current(), microseconds(200));
  for (int i = 0; i < 10; ++i) w.idle_ended(microseconds(190));
  EXPECT_EQ(w.current(), microseconds(200)) << "never beyond the limit";
  w.idle_ended(microseconds(200));
  EXPECT_EQ(w.current(), microseconds(200)) << "an idle spell of exactly the limit still counts";
}

TEST(PollWindow, LongIdleSpellsShrinkItToNothing) {
  poll_window w(microseconds(200));
  for (int i = 0; i < 3; ++i) w.idle_ended(microseconds(199));
  ASSERT_EQ(w.current(), microseconds(200));
  w.idle_ended(milliseconds(3));  // polling could not have caught this
  EXPECT_EQ(w.current(), microseconds(100));
  int spells = 1;
  while (w.current().count() > 0 && spells < 100) {
    w.idle_ended(milliseconds(25));
    ++spells;
  }
  EXPECT_EQ(w.current(), microseconds(0));
  EXPECT_LE(spells, 9) << "sparse traffic stops the polling within a few idle spells";
  w.idle_ended(std::chrono::seconds(30));
  EXPECT_EQ(w.current(), microseconds(0));
  w.idle_ended(microseconds(120));
  EXPECT_EQ(w.current(), microseconds(50)) << "exchanges coming closer again bring it back";
}

TEST(PollWindow, OffNeverPolls) {
  poll_window w(microseconds(0));
  for (int i = 0; i < 10; ++i) w.idle_ended(microseconds(1));
  EXPECT_EQ(w.current(), microseconds(0));
}

TEST(PollWindow, ATinyLimitStillPolls) {
  poll_window w(microseconds(1));
  w.idle_ended(std::chrono::nanoseconds(500));
  EXPECT_EQ(w.current(), microseconds(1));
  w.idle_ended(microseconds(2));
  EXPECT_EQ(w.current(), microseconds(0));
}
