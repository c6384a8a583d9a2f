#include "card/reader_watch.hpp"

#include "card/pcsc_api.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <vector>

namespace eimza::card {

card_errc reader_watch::start() {
  if (thread_.joinable()) return card_errc::internal;
  // Check the service from the caller's thread so start() can say "no pcscd" plainly.
  SCARDCONTEXT probe = 0;
  if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &probe) != SCARD_S_SUCCESS)
    return card_errc::no_service;
  SCardReleaseContext(probe);
  stopping_ = false;
  {
    std::lock_guard lk(done_m_);
    done_ = false;
  }
  thread_ = std::thread([this] {
    run();
    {
      std::lock_guard lk(done_m_);
      done_ = true;
    }
    done_cv_.notify_all();
  });
  return card_errc{};
}

void reader_watch::stop() {
  stopping_ = true;
  if (!thread_.joinable()) return;
  // SCardCancel interrupts only a wait already under way (pcsc-lite): a stop() that lands between
  // the thread's check of stopping_ and its SCardGetStatusChange is heard by the next cancel. So
  // cancel until the thread has left — this retry runs only while stopping, never while watching.
  std::unique_lock lk(done_m_);
  while (!done_) {
    if (has_context_) SCardCancel(static_cast<SCARDCONTEXT>(context_.load()));
    // not polling: only while stopping, until SCardCancel finds the wait under way
    done_cv_.wait_for(lk, std::chrono::milliseconds(20));
  }
  lk.unlock();
  thread_.join();
}

void reader_watch::run() {
  SCARDCONTEXT ctx = 0;
  if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx) != SCARD_S_SUCCESS) {
    on_event_({reader_event::kind::service_lost, {}, {}});
    return;
  }
  context_ = static_cast<long>(ctx);
  has_context_ = true;
  if (stopping_) {  // stop() may have run before the context existed
    has_context_ = false;
    SCardReleaseContext(ctx);
    return;
  }
  std::map<std::string, DWORD> known;  // reader -> last event state
  int unnamed_failures = 0;
  while (!stopping_) {
    char buf[4096];
    DWORD len = sizeof buf;
    std::vector<std::string> names;
    LONG rv = SCardListReaders(ctx, nullptr, buf, &len);
    if (rv == SCARD_S_SUCCESS)
      for (const char* p = buf; p < buf + len && *p; p += std::strlen(p) + 1) names.emplace_back(p);
    else if (rv != static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE)) {
      if (!stopping_) on_event_({reader_event::kind::service_lost, {}, {}});
      break;
    }
    // Readers that went away.
    for (auto it = known.begin(); it != known.end();) {
      if (std::find(names.begin(), names.end(), it->first) == names.end()) {
        if (it->second & SCARD_STATE_PRESENT) on_event_({reader_event::kind::card_removed, it->first, {}});
        on_event_({reader_event::kind::reader_removed, it->first, {}});
        it = known.erase(it);
      } else {
        ++it;
      }
    }
    std::vector<SCARD_READERSTATE> states(names.size() + 1);
    for (std::size_t i = 0; i < names.size(); ++i) {
      states[i].szReader = names[i].c_str();
      auto k = known.find(names[i]);
      if (k == known.end()) {
        on_event_({reader_event::kind::reader_added, names[i], {}});
        known.emplace(names[i], SCARD_STATE_EMPTY);
        states[i].dwCurrentState = SCARD_STATE_UNAWARE;
      } else {
        states[i].dwCurrentState = k->second;
      }
    }
    states.back().szReader = R"(\\?PnP?\Notification)";
    states.back().dwCurrentState = static_cast<DWORD>(names.size()) << 16;
    // Until something changes (a reader or a card) or stop() cancels it.
    rv = SCardGetStatusChange(ctx, INFINITE, states.data(), static_cast<DWORD>(states.size()));
    if (stopping_ || rv == static_cast<LONG>(SCARD_E_CANCELLED)) break;
    if (rv == static_cast<LONG>(SCARD_E_NO_SERVICE) || rv == static_cast<LONG>(SCARD_E_SERVICE_STOPPED)) {
      on_event_({reader_event::kind::service_lost, {}, {}});
      break;
    }
    if (rv == static_cast<LONG>(SCARD_E_TIMEOUT)) continue;
    if (rv != SCARD_S_SUCCESS && rv != static_cast<LONG>(SCARD_E_UNKNOWN_READER)) {
      // A failure PC/SC does not name: the readers are listed again (one may have gone), a few
      // times in a row at most, then it counts as the service lost (the journey says so) rather
      // than a loop retried forever.
      if (++unnamed_failures > 5) {
        on_event_({reader_event::kind::service_lost, {}, {}});
        break;
      }
      continue;
    }
    unnamed_failures = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const DWORD now = states[i].dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
      const DWORD before = known[names[i]];
      const bool was = (before & SCARD_STATE_PRESENT) != 0;
      const bool is = (now & SCARD_STATE_PRESENT) != 0;
      if (!was && is)
        on_event_({reader_event::kind::card_inserted, names[i],
                   bridgelink::bytes(states[i].rgbAtr, states[i].rgbAtr + states[i].cbAtr)});
      else if (was && !is)
        on_event_({reader_event::kind::card_removed, names[i], {}});
      if (now & SCARD_STATE_UNAVAILABLE) continue;  // the reader is going away: relist next round
      known[names[i]] = now;
    }
  }
  has_context_ = false;
  SCardReleaseContext(ctx);
}

}  // namespace eimza::card
