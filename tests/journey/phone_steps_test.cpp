// One question to the phone at a time (phone_steps), with a fake link and a fake card presence:
// the answer to the open step only, once; the step sent again after a page reload and after the
// card is back; the card pulled pauses the step and the phone is told; another card ends it; the
// phone away and back on the desktop; the phone's bye, a dead link, a timeout, cancel; and both
// directions held to the step contract.
#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "bridgelink/random.hpp"
#include "journey/journey_text.hpp"
#include "journey/link_error.hpp"
#include "journey/phone_steps.hpp"
#include "ui/text.hpp"

using namespace eimza::journey;
namespace ui = eimza::ui;
namespace bl = bridgelink;
using namespace std::chrono_literals;

namespace {

// Like phone_link, every change notifies the journey's wakeup (the board's).
struct fake_link : message_link {
  explicit fake_link(wakeup& e) : events(e) {}
  wakeup& events;
  mutable std::mutex m;
  std::deque<bl::message> inbox;
  std::vector<bl::message> sent;
  std::atomic<bool> is_closed{false}, is_connected{true};
  std::atomic<std::uint64_t> restart_count{0};
  std::error_code why;
  std::function<void(const bl::message&)> phone;  // the scripted phone: sees what we send
  std::function<void()> on_paused;                // the person, told the card is out

  void deliver(bl::message msg) {
    {
      std::lock_guard lk(m);
      inbox.push_back(std::move(msg));
    }
    events.notify();
  }
  void set_connected(bool yes) {
    is_connected = yes;
    events.notify();
  }
  void restarted() {
    ++restart_count;
    events.notify();
  }
  void send(bl::message msg) override {
    {
      std::lock_guard lk(m);
      sent.push_back(msg);
    }
    if (msg.type == bl::message_type::step_request &&
        std::get<bl::step_request_body>(msg.body).kind == "paused" && on_paused)
      on_paused();
    if (phone) phone(msg);
  }
  std::optional<bl::message> try_receive() override {
    std::lock_guard lk(m);
    if (inbox.empty()) return std::nullopt;
    auto msg = std::move(inbox.front());
    inbox.pop_front();
    return msg;
  }
  bool closed() const override { return is_closed; }
  bool connected() const override { return is_connected; }
  std::uint64_t restarts() const override { return restart_count; }
  std::error_code error() const override { return why; }
  std::vector<bl::step_request_body> requests() const {
    std::lock_guard lk(m);
    std::vector<bl::step_request_body> out;
    for (const auto& s : sent)
      if (s.type == bl::message_type::step_request) out.push_back(std::get<bl::step_request_body>(s.body));
    return out;
  }
};

struct fake_presence : card_presence_port {
  std::atomic<bool> in{true}, comes_back{true};
  std::atomic<std::uint64_t> pulls{0};
  bool present() const override { return in; }
  std::uint64_t removals() const override { return pulls; }
};

bl::message answer(const bl::step_id& id, bl::fields f) {
  return bl::make_step_response({id, std::move(f)});
}
bl::fields code(std::string c) {
  return fields_of({{"code", bl::field_value::of_text(c)}});
}
bl::fields sms_request() {
  return fields_of({{"error", bl::field_value::of_text("")}});
}
std::string text_of(const bl::fields& f, std::string_view k) {
  const auto* v = bl::find_field(f, k);
  return v ? std::string(v->text()) : "<none>";
}

struct world {
  status_board board;
  fake_link link{board.events()};
  fake_presence presence;
  bl::system_random rng;
  int reattaches = 0;
  bool same_card = true;
  phone_steps steps{link, rng, board,
                    card_guard{&presence,
                               [this] {
                                 ++reattaches;
                                 return same_card;
                               },
                               std::chrono::seconds(1)}};
  world() {
    // Told the card is out, the person puts it back (when the test says they do).
    link.on_paused = [this] {
      if (!presence.comes_back) return;
      presence.in = true;
      board.events().notify();
    };
  }
};

}  // namespace

TEST(PhoneSteps, TakesTheAnswerToTheOpenStepOnlyAndOnce) {
  world w;
  w.link.phone = [&](const bl::message& m) {
    if (m.type != bl::message_type::step_request) return;
    const auto& r = std::get<bl::step_request_body>(m.body);
    bl::step_id other = r.id;
    other[0] ^= 1;
    w.link.deliver(answer(other, code("999999")));  // an id that is not open: ignored
    w.link.deliver(answer(r.id, code("123456")));
    w.link.deliver(answer(r.id, code("654321")));  // a second answer to the same step: ignored
  };
  auto got = w.steps.ask("sms_code", sms_request(), 5s);
  ASSERT_TRUE(got);
  EXPECT_EQ(text_of(*got, "code"), "123456");
}

TEST(PhoneSteps, HoldsBothDirectionsToTheContract) {
  world w;
  EXPECT_FALSE(w.steps.ask("sms_code", fields_of({{"pin", bl::field_value::of_text("1")}}), 1s));
  EXPECT_EQ(ui::say(ui::language::en, w.steps.why()),
            "Internal error: a step does not match its declaration.");
  EXPECT_TRUE(w.link.requests().empty()) << "nothing undeclared goes to the phone";
  w.link.phone = [&](const bl::message& m) {
    if (m.type == bl::message_type::step_request)
      w.link.deliver(answer(std::get<bl::step_request_body>(m.body).id,
                            fields_of({{"pin", bl::field_value::of_text("x")}})));
  };
  EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
  EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "The phone's answer does not fit this step.");
}

TEST(PhoneSteps, SendsTheSameStepAgainAfterAPageReload) {
  world w;
  std::atomic<int> seen{0};
  w.link.phone = [&](const bl::message& m) {
    if (m.type != bl::message_type::step_request) return;
    const auto& r = std::get<bl::step_request_body>(m.body);
    if (++seen == 1) return;  // shown, then the page reloads and loses it
    w.link.deliver(answer(r.id, code("123456")));
  };
  std::thread reload([&] {
    std::this_thread::sleep_for(50ms);
    w.link.restarted();  // the link reports the phone back without its channel state
  });
  auto got = w.steps.ask("sms_code", sms_request(), 5s);
  reload.join();
  ASSERT_TRUE(got);
  const auto reqs = w.link.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].id, reqs[1].id) << "the same step id: an answer already sent counts once";
}

TEST(PhoneSteps, CardPulledPausesTellsThePhoneAndResendsWhenTheSameCardIsBack) {
  world w;
  std::atomic<int> seen{0};
  w.link.phone = [&](const bl::message& m) {
    if (m.type != bl::message_type::step_request) return;
    const auto& r = std::get<bl::step_request_body>(m.body);
    if (r.kind != "sms_code") return;
    if (++seen == 1) {
      w.presence.in = false;  // the person pulls the card while the step is open
      w.presence.pulls = 1;
      return;
    }
    w.link.deliver(answer(r.id, code("123456")));
  };
  auto got = w.steps.ask("sms_code", sms_request(), 5s);
  ASSERT_TRUE(got);
  const auto reqs = w.link.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[1].kind, "paused");
  EXPECT_EQ(text_of(reqs[1].data, "reason"), "card_removed");
  EXPECT_EQ(reqs[2].id, reqs[0].id);
  EXPECT_EQ(w.reattaches, 1);
}

TEST(PhoneSteps, AnotherCardOrNoCardEndsTheStep) {
  {
    world w;
    w.same_card = false;
    w.presence.in = false;
    w.presence.pulls = 1;
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()),
              "The card inserted is not the one this activation started with.");
  }
  {
    world w;
    w.presence.comes_back = false;
    w.presence.in = false;
    w.presence.pulls = 1;
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "The card was not put back.");
  }
}

TEST(PhoneSteps, PhoneAwayIsShownOnTheDesktopAndRestoredWhenBack) {
  world w;
  w.board.set(stage::on_phone, journey_text::type_sms);
  w.link.set_connected(false);
  std::thread back([&] {
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(ui::say(ui::language::en, w.board.snapshot().message),
              "The phone disconnected; the journey continues when the page on the phone is back.");
    w.link.set_connected(true);
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(w.board.snapshot().message, ui::message(journey_text::type_sms));
    w.link.deliver(answer(w.link.requests().at(0).id, code("123456")));
  });
  EXPECT_TRUE(w.steps.ask("sms_code", sms_request(), 5s));
  back.join();
}

TEST(PhoneSteps, ByeDeadLinkTimeoutAndCancelEachSayWhy) {
  {
    world w;
    w.link.phone = [&](const bl::message& m) {
      if (m.type == bl::message_type::step_request) w.link.deliver(bl::make_bye("closed"));
    };
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "The page on the phone was closed.");
  }
  {
    world w;
    w.link.why = link_errc::phone_not_back;
    w.link.is_closed = true;
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "The phone did not reconnect in time.");
    EXPECT_EQ(ui::say(ui::language::tr, w.steps.why()), "Telefon zamanında geri bağlanmadı.");
  }
  {
    world w;
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 1s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "The phone did not answer in time.");
  }
  {
    world w;
    w.board.request_cancel();
    EXPECT_FALSE(w.steps.ask("sms_code", sms_request(), 5s));
    EXPECT_EQ(ui::say(ui::language::en, w.steps.why()), "Cancelled.");
  }
}
