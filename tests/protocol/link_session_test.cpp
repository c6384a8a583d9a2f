// The link session machine: every transition of both roles, with the times it waits.
#include <gtest/gtest.h>

#include "bridgelink/link_session.hpp"

using namespace bridgelink;
using v = std::vector<std::uint32_t>;

namespace {

link_session paired_session(link_role role) {
  link_session s(role);
  EXPECT_EQ(s.start(0).open, v{0});
  EXPECT_EQ(s.state(), link_state::pairing);
  s.paired(10);
  EXPECT_EQ(s.state(), link_state::connected);
  EXPECT_EQ(s.active(), 0U);
  return s;
}

}  // namespace

TEST(LinkSession, NamesComeFromOneDeclaration) {
  EXPECT_EQ(link_name(link_state::away), "away");
  EXPECT_EQ(link_name(link_end::not_back), "not_back");
  EXPECT_EQ(link_name(link_role::phone), "phone");
}

TEST(LinkSession, PairingSocketClosedBeforeTheHandshakeEndsIt) {
  for (auto role : {link_role::bridge, link_role::phone}) {
    link_session s(role);
    s.start(0);
    auto a = s.lost(0, 5);
    EXPECT_EQ(a.end, link_end::never_paired);
    EXPECT_EQ(s.state(), link_state::ended);
    EXPECT_FALSE(s.wake_at());
  }
}

TEST(LinkSession, BridgeListensOnTheNextTwoCountersWhenThePhoneDrops) {
  auto s = paired_session(link_role::bridge);
  auto a = s.lost(0, 1000);
  EXPECT_EQ(a.open, (v{1, 2}));
  EXPECT_EQ(s.state(), link_state::away);
  EXPECT_EQ(s.wake_at(), 1000U + 300000U);
  EXPECT_TRUE(s.lost(7, 1001).open.empty()) << "a socket it never opened changes nothing";
}

TEST(LinkSession, BridgeTakesThePhoneBackOnEitherCounterAndClosesTheOther) {
  auto s = paired_session(link_role::bridge);
  s.lost(0, 1000);
  s.hello(2);
  EXPECT_EQ(s.next_counter(), 3U);
  auto a = s.resumed(2, 1500);
  EXPECT_EQ(a.close, v{1});
  EXPECT_EQ(s.state(), link_state::connected);
  EXPECT_EQ(s.active(), 2U);
  EXPECT_EQ(s.resumes(), 1U);
  EXPECT_FALSE(s.wake_at());
  // The next drop listens from the first unused counter.
  EXPECT_EQ(s.lost(2, 2000).open, (v{3, 4}));
}

TEST(LinkSession, BridgeReopensARefusedListenerAfterTheRelayRetry) {
  auto s = paired_session(link_role::bridge);
  s.lost(0, 1000);
  auto a = s.lost(1, 1100);
  EXPECT_TRUE(a.open.empty());
  EXPECT_EQ(s.wake_at(), 2100U);
  EXPECT_TRUE(s.tick(2099).open.empty());
  EXPECT_EQ(s.tick(2100).open, v{1});
  EXPECT_EQ(s.wake_at(), 301000U);
}

TEST(LinkSession, BridgeDoesNotReopenAUsedCounter) {
  auto s = paired_session(link_role::bridge);
  s.lost(0, 1000);
  s.hello(2);
  s.lost(1, 1100);  // below next: the phone has moved past it
  EXPECT_EQ(s.wake_at(), 301000U);
  EXPECT_TRUE(s.tick(5000).open.empty());
}

TEST(LinkSession, BridgeGivesUpWhenThePhoneIsNotBackInTime) {
  auto s = paired_session(link_role::bridge);
  s.lost(0, 1000);
  EXPECT_EQ(s.tick(300999).end, link_end::none);
  auto a = s.tick(301000);
  EXPECT_EQ(a.end, link_end::not_back);
  EXPECT_EQ(a.close, (v{1, 2}));
  EXPECT_TRUE(s.pending().empty());
}

TEST(LinkSession, BridgeListensAfreshAfterABadResumeHandshakeAndGivesUpAfterFive) {
  auto s = paired_session(link_role::bridge);
  s.lost(0, 1000);
  for (std::uint32_t i = 1; i <= 4; ++i) {
    s.hello(i);
    auto a = s.resume_failed(i, 1000 + i);
    EXPECT_EQ(a.end, link_end::none);
    EXPECT_EQ(a.open, (v{i + 1, i + 2})) << i;
    EXPECT_EQ(s.wake_at(), 301000U) << "the deadline stays the drop's";
  }
  s.hello(5);
  auto a = s.resume_failed(5, 2000);
  EXPECT_EQ(a.end, link_end::resume_failed);
  EXPECT_EQ(s.state(), link_state::ended);
}

TEST(LinkSession, PhoneBacksOffOneAttemptAtATime) {
  auto s = paired_session(link_role::phone);
  auto a = s.lost(0, 1000);
  EXPECT_TRUE(a.open.empty());
  EXPECT_EQ(s.wake_at(), 1250U);
  EXPECT_EQ(s.tick(1250).open, v{1});
  EXPECT_FALSE(s.wake_at()) << "an attempt is in flight";
  s.lost(1, 1300);  // refused before its hello went out: counter 1 is still unused
  EXPECT_EQ(s.wake_at(), 1800U);
  EXPECT_EQ(s.tick(1800).open, v{1});
  s.hello(1);
  EXPECT_EQ(s.next_counter(), 2U);
  s.lost(1, 1900);
  EXPECT_EQ(s.wake_at(), 2900U);
  s.tick(2900);
  s.lost(2, 2950);
  EXPECT_EQ(s.wake_at(), 4950U);
  s.tick(4950);
  s.lost(2, 5000);
  EXPECT_EQ(s.wake_at(), 9000U);
  s.tick(9000);
  s.lost(2, 9000);
  EXPECT_EQ(s.wake_at(), 13000U) << "the last back-off repeats";
}

TEST(LinkSession, PhoneTriesAtOnceWhenThePageIsBack) {
  auto s = paired_session(link_role::phone);
  s.lost(0, 1000);
  EXPECT_EQ(s.wake(1010).open, v{1});
  EXPECT_TRUE(s.wake(1020).open.empty()) << "one attempt at a time";
  EXPECT_TRUE(s.tick(1250).open.empty()) << "the back-off it replaced is gone";
  s.hello(1);
  s.resumed(1, 1100);
  EXPECT_EQ(s.state(), link_state::connected);
  EXPECT_EQ(s.active(), 1U);
  EXPECT_TRUE(s.wake(1200).open.empty()) << "connected: nothing to do";
}

TEST(LinkSession, PhoneGivesUpAfterTheResumeWait) {
  auto s = paired_session(link_role::phone);
  s.lost(0, 1000);
  s.tick(1250);
  auto a = s.lost(1, 301000);
  EXPECT_EQ(a.end, link_end::not_back);
  link_session t = paired_session(link_role::phone);
  t.lost(0, 1000);
  EXPECT_EQ(t.wake(400000).end, link_end::not_back) << "a page back after too long does not try";
}

TEST(LinkSession, PhoneRestoredAfterAReloadResumesAtOnce) {
  link_session s(link_role::phone);
  auto a = s.restore(4, 100);
  EXPECT_EQ(a.open, v{4});
  EXPECT_EQ(s.state(), link_state::away);
  s.hello(4);
  s.resumed(4, 200);
  EXPECT_EQ(s.active(), 4U);
  EXPECT_EQ(s.next_counter(), 5U);
  EXPECT_TRUE(link_session(link_role::bridge).restore(4, 0).open.empty()) << "only the phone dials back";
}

TEST(LinkSession, PhoneEndsOnABadResumeHandshake) {
  auto s = paired_session(link_role::phone);
  s.lost(0, 1000);
  s.wake(1001);
  s.hello(1);
  auto a = s.resume_failed(1, 1002);
  EXPECT_EQ(a.end, link_end::resume_failed);
  EXPECT_EQ(a.close, v{1});
}

TEST(LinkSession, CloseEndsWithoutTouchingTheActiveSocket) {
  auto s = paired_session(link_role::bridge);
  auto a = s.close();
  EXPECT_TRUE(a.close.empty());
  EXPECT_EQ(s.ended_why(), link_end::closed);
  auto t = paired_session(link_role::bridge);
  t.lost(0, 1000);
  EXPECT_EQ(t.close().close, (v{1, 2}));
  EXPECT_TRUE(t.lost(1, 1100).open.empty());
  EXPECT_TRUE(t.tick(400000).open.empty());
  EXPECT_EQ(t.ended_why(), link_end::closed);
}

TEST(LinkSession, EventsOutOfPlaceChangeNothing) {
  link_session s(link_role::bridge);
  EXPECT_TRUE(s.lost(0, 0).open.empty());
  s.paired(0);
  EXPECT_EQ(s.state(), link_state::idle);
  s.start(0);
  EXPECT_TRUE(s.resumed(1, 1).close.empty());
  EXPECT_EQ(s.state(), link_state::pairing);
  EXPECT_TRUE(s.start(0).open.empty()) << "started once";
}
