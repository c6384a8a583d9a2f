#pragma once
// A dedicated thread that blocks in SCardGetStatusChange (readers + \\?PnP?\Notification) and
// reports what changed through a callback. The callback runs on the watch thread: the Asio side
// passes one that posts to its executor. The wait has no timeout (no periodic wake-up); stop()
// wakes the thread with SCardCancel and joins.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "bridgelink/bytes.hpp"
#include "card/card_error.hpp"

namespace eimza::card {

struct reader_event {
  enum class kind { reader_added, reader_removed, card_inserted, card_removed, service_lost };
  kind what;
  std::string reader;
  bridgelink::bytes atr;  // card_inserted
};

class reader_watch {
 public:
  using callback = std::function<void(const reader_event&)>;
  explicit reader_watch(callback on_event) : on_event_(std::move(on_event)) {}
  ~reader_watch() { stop(); }
  reader_watch(const reader_watch&) = delete;
  reader_watch& operator=(const reader_watch&) = delete;

  /// Starts the thread; the current state is reported first (cards already present count as
  /// inserted). no_service if pcscd is not reachable.
  [[nodiscard]] card_errc start();
  /// Idempotent; returns once the thread has exited.
  void stop();

 private:
  void run();
  callback on_event_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> context_{0};  // SCARDCONTEXT, for SCardCancel from stop()
  std::atomic<bool> has_context_{false};
  std::mutex done_m_;
  std::condition_variable done_cv_;
  bool done_ = false;  // the thread has left run()
};

}  // namespace eimza::card
