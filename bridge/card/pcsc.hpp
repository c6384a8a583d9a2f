#pragma once
// pcsc-lite: the context (one per thread, as pcsc-lite requires), reader listing, waiting for a
// card, and a card_channel over SCardTransmit. Every PC/SC code is translated once, here.
#include "card/pcsc_api.hpp"

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "card/card_channel.hpp"

namespace eimza::card {

[[nodiscard]] card_errc from_pcsc(LONG rv) noexcept;

/// A software reader (vsmartcard's vpcd "Virtual PCD …", virtual smart card drivers), not hardware.
[[nodiscard]] bool is_virtual_reader(std::string_view name) noexcept;

class pcsc_context {
 public:
  [[nodiscard]] static card_result<pcsc_context> establish();
  pcsc_context(pcsc_context&& o) noexcept : ctx_(o.ctx_), valid_(o.valid_) { o.valid_ = false; }
  pcsc_context& operator=(pcsc_context&&) = delete;
  pcsc_context(const pcsc_context&) = delete;
  ~pcsc_context();

  [[nodiscard]] SCARDCONTEXT handle() const noexcept { return ctx_; }
  /// Reader names; no_reader when there are none.
  [[nodiscard]] card_result<std::vector<std::string>> readers() const;
  /// Wakes a thread blocked in SCardGetStatusChange on this context (thread-safe).
  void cancel() const noexcept;

  /// Called every progress_every while waiting (the person sees how long); returning false stops
  /// the wait (card_errc::cancelled). A cancel from another thread goes through cancel() at once.
  using progress_fn = std::function<bool(std::chrono::seconds waited)>;
  static constexpr std::chrono::seconds progress_every{5};
  /// Waits until a card is present in some reader (or in `reader` if not empty): woken by PC/SC
  /// when a reader or card changes, by cancel(), and for progress. Returns the reader name.
  /// timeout / cancelled / no_service;
  /// several_cards when `reader` is empty and more than one reader holds a card.
  /// skip_virtual: readers that are not hardware (vpcd's "Virtual PCD", …) are ignored unless
  /// `reader` names one: anyone who can reach vpcd's port could insert a card there.
  /// on_readers(any): whether a reader it watches is there, said at the start and whenever that
  /// changes (a reader plugged in or out wakes the wait): "plug in your reader" vs "insert the card".
  [[nodiscard]] card_result<std::string> wait_for_card(
      const std::string& reader, std::chrono::seconds timeout, const progress_fn& progress,
      bool skip_virtual = false, const std::function<void(bool)>& on_readers = {}) const;

 private:
  explicit pcsc_context(SCARDCONTEXT c) : ctx_(c), valid_(true) {}
  SCARDCONTEXT ctx_ = 0;
  bool valid_ = false;
};

class pcsc_channel final : public card_channel {
 public:
  /// Connects shared, T=0 or T=1. ctx must outlive the channel.
  [[nodiscard]] static card_result<pcsc_channel> connect(const pcsc_context& ctx, const std::string& reader);
  pcsc_channel(pcsc_channel&& o) noexcept;
  pcsc_channel& operator=(pcsc_channel&&) = delete;
  pcsc_channel(const pcsc_channel&) = delete;
  ~pcsc_channel() override;

  [[nodiscard]] card_result<bridgelink::bytes> transmit(bridgelink::byte_view command) override;
  [[nodiscard]] const bridgelink::bytes& atr() const noexcept override { return atr_; }
  [[nodiscard]] const std::string& reader_name() const noexcept override { return reader_; }
  [[nodiscard]] card_status begin_transaction() override;
  void end_transaction() noexcept override;

 private:
  pcsc_channel() = default;
  SCARDCONTEXT context_ = 0;  // owned by the pcsc_context, which outlives the channel
  SCARDHANDLE card_ = 0;
  DWORD protocol_ = 0;
  bool connected_ = false;
  bridgelink::bytes atr_;
  std::string reader_;
};

}  // namespace eimza::card
