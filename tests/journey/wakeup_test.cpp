// The journey's wakeup (bridge/journey/wakeup.hpp): no notification is lost between looking and
// sleeping, a deadline is only a timeout, and a cancel reaches every wait of the journey.
#include <gtest/gtest.h>

#include <thread>

#include "journey/status_board.hpp"
#include "journey/wakeup.hpp"

using namespace eimza::journey;
using namespace std::chrono_literals;

TEST(Wakeup, ANotificationBetweenLookingAndSleepingIsNotLost) {
  wakeup w;
  const auto seen = w.generation();
  w.notify();  // lands after the waiter looked, before it sleeps
  const auto start = wakeup::clock::now();
  EXPECT_TRUE(w.wait(seen, start + 10s));
  EXPECT_LT(wakeup::clock::now() - start, 1s);
}

TEST(Wakeup, SleepsUntilNotifiedOrTheDeadline) {
  wakeup w;
  EXPECT_FALSE(w.wait(w.generation(), wakeup::clock::now() + 50ms)) << "nothing happened: the deadline";
  std::atomic<bool> ready{false};
  std::thread other([&] {
    std::this_thread::sleep_for(50ms);
    ready = true;
    w.notify();
  });
  const auto start = wakeup::clock::now();
  EXPECT_TRUE(w.wait_until(start + 10s, [&] { return ready.load(); }));
  EXPECT_LT(wakeup::clock::now() - start, 5s);
  other.join();
}

TEST(Wakeup, CancelOnTheBoardEndsItsWaitsAndRunsTheHook) {
  status_board board;
  int hooked = 0;
  board.on_cancel([&] { ++hooked; });
  board.arm_sas("123456");
  std::thread person([&] {
    std::this_thread::sleep_for(50ms);
    board.request_cancel();
  });
  const auto start = wakeup::clock::now();
  EXPECT_FALSE(board.wait_sas(60s));
  EXPECT_LT(wakeup::clock::now() - start, 10s) << "the cancel ended the wait, not its timeout";
  person.join();
  EXPECT_EQ(hooked, 1);
  EXPECT_TRUE(board.cancel_flag());
  int late = 0;
  board.on_cancel([&] { ++late; });
  EXPECT_EQ(late, 1) << "a hook set after the cancel runs at once";
}
