// The single-io-thread invariant, checked (relay/include/relay/single_thread.hpp): the thread that
// first touches the shared state owns it; another thread aborts at once instead of racing.
#include <gtest/gtest.h>

#include <thread>

#include "relay/single_thread.hpp"

using eimza::relay::single_thread;

TEST(SingleThread, TheOwnerMayComeBackAnyTime) {
  single_thread t;
  for (int i = 0; i < 3; ++i) t.check("state");
  SUCCEED();
}

TEST(SingleThreadDeathTest, ASecondThreadAborts) {
  EXPECT_DEATH(
      {
        single_thread t;
        t.check("the relay's channel table");
        std::thread([&] { t.check("the relay's channel table"); }).join();
      },
      "the relay's channel table touched from a second thread");
}
