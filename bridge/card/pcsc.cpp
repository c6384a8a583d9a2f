#include "card/pcsc.hpp"

#include <optional>

#include "card/pcsc_api.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace eimza::card {

card_errc from_pcsc(LONG rv) noexcept {
  switch (rv) {
    case static_cast<LONG>(SCARD_E_NO_SERVICE):
    case static_cast<LONG>(SCARD_E_SERVICE_STOPPED):
    case static_cast<LONG>(SCARD_E_INVALID_HANDLE): return card_errc::no_service;
    case static_cast<LONG>(SCARD_E_NO_READERS_AVAILABLE): return card_errc::no_reader;
    case static_cast<LONG>(SCARD_E_UNKNOWN_READER):
    case static_cast<LONG>(SCARD_E_READER_UNAVAILABLE): return card_errc::reader_removed;
    case static_cast<LONG>(SCARD_E_NO_SMARTCARD): return card_errc::no_card;
    case static_cast<LONG>(SCARD_W_REMOVED_CARD): return card_errc::card_removed;
    case static_cast<LONG>(SCARD_W_RESET_CARD):
    case static_cast<LONG>(SCARD_W_UNRESPONSIVE_CARD):
    case static_cast<LONG>(SCARD_W_UNPOWERED_CARD):
    case static_cast<LONG>(SCARD_E_PROTO_MISMATCH): return card_errc::unresponsive;
    case static_cast<LONG>(SCARD_E_SHARING_VIOLATION): return card_errc::sharing_violation;
    case static_cast<LONG>(SCARD_E_TIMEOUT): return card_errc::timeout;
    case static_cast<LONG>(SCARD_E_CANCELLED): return card_errc::cancelled;
    case static_cast<LONG>(SCARD_E_INSUFFICIENT_BUFFER): return card_errc::protocol_error;
    default: return card_errc::internal;
  }
}

card_result<pcsc_context> pcsc_context::establish() {
  SCARDCONTEXT c = 0;
  const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &c);
  if (rv != SCARD_S_SUCCESS)
    return from_pcsc(rv) == card_errc::internal ? card_errc::no_service : from_pcsc(rv);
  return pcsc_context(c);
}

pcsc_context::~pcsc_context() {
  if (valid_) SCardReleaseContext(ctx_);
}

card_result<std::vector<std::string>> pcsc_context::readers() const {
  char buf[4096];
  DWORD len = sizeof buf;
  const LONG rv = SCardListReaders(ctx_, nullptr, buf, &len);
  if (rv != SCARD_S_SUCCESS) return from_pcsc(rv);
  std::vector<std::string> out;
  for (const char* p = buf; p < buf + len && *p; p += std::strlen(p) + 1) out.emplace_back(p);
  if (out.empty()) return card_errc::no_reader;
  return out;
}

void pcsc_context::cancel() const noexcept {
  if (valid_) SCardCancel(ctx_);
}

bool is_virtual_reader(std::string_view name) noexcept {
  std::string l(name);
  for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find("virtual pcd") != std::string::npos || l.find("vpcd") != std::string::npos ||
         l.find("virtual smart card") != std::string::npos;
}

card_result<std::string> pcsc_context::wait_for_card(const std::string& reader, std::chrono::seconds timeout,
                                                     const progress_fn& progress, bool skip_virtual,
                                                     const std::function<void(bool)>& on_readers) const {
  using std::chrono::milliseconds;
  const auto start = std::chrono::steady_clock::now();
  auto next_report = start + progress_every;
  std::optional<bool> had_reader;  // what on_readers said last
  for (;;) {
    auto names = readers();
    std::vector<std::string> watch;
    if (names) {
      for (auto& n : *names)
        if (reader.empty() ? !(skip_virtual && is_virtual_reader(n)) : n == reader) watch.push_back(n);
    } else if (names.error() != card_errc::no_reader) {
      return names.error();
    }
    if (on_readers && had_reader != !watch.empty()) {
      had_reader = !watch.empty();
      on_readers(*had_reader);
    }
    std::vector<SCARD_READERSTATE> states(watch.size() + 1);
    for (std::size_t i = 0; i < watch.size(); ++i) {
      states[i].szReader = watch[i].c_str();
      states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
    // Also wake up when a reader is plugged in or out.
    states.back().szReader = R"(\\?PnP?\Notification)";
    states.back().dwCurrentState = static_cast<DWORD>(watch.size()) << 16;
    // First call: learn current states without blocking.
    LONG rv = SCardGetStatusChange(ctx_, 0, states.data(), static_cast<DWORD>(states.size()));
    if (rv != SCARD_S_SUCCESS && rv != static_cast<LONG>(SCARD_E_TIMEOUT)) return from_pcsc(rv);
    std::vector<std::string> present;
    for (std::size_t i = 0; i < watch.size(); ++i)
      if ((states[i].dwEventState & SCARD_STATE_PRESENT) && !(states[i].dwEventState & SCARD_STATE_MUTE))
        present.push_back(watch[i]);
    // Two cards and no reader named: which one is the person's is not ours to guess.
    if (present.size() > 1) return card_errc::several_cards;
    if (present.size() == 1) return present.front();
    const auto now = std::chrono::steady_clock::now();
    if (now - start >= timeout) return watch.empty() ? card_errc::no_reader : card_errc::timeout;
    if (progress && now >= next_report) {
      if (!progress(std::chrono::duration_cast<std::chrono::seconds>(now - start + milliseconds(500))))
        return card_errc::cancelled;
      while (next_report <= now) next_report += progress_every;
    }
    for (auto& s : states) s.dwCurrentState = s.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    // Until a reader or a card changes, cancel(), or the next progress report / the timeout.
    const auto until = progress ? std::min(next_report, start + timeout) : start + timeout;
    const auto wait_ms =
        std::max<std::int64_t>(1, std::chrono::duration_cast<milliseconds>(until - now).count());
    rv = SCardGetStatusChange(ctx_, static_cast<DWORD>(wait_ms), states.data(),
                              static_cast<DWORD>(states.size()));
    if (rv == static_cast<LONG>(SCARD_E_CANCELLED)) return card_errc::cancelled;
    if (rv != SCARD_S_SUCCESS && rv != static_cast<LONG>(SCARD_E_TIMEOUT) &&
        rv != static_cast<LONG>(SCARD_E_UNKNOWN_READER))
      return from_pcsc(rv);
  }
}

card_result<pcsc_channel> pcsc_channel::connect(const pcsc_context& ctx, const std::string& reader) {
  pcsc_channel ch;
  LONG rv = SCardConnect(ctx.handle(), reader.c_str(), SCARD_SHARE_SHARED,
                         SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &ch.card_, &ch.protocol_);
  if (rv != SCARD_S_SUCCESS) return from_pcsc(rv);
  ch.connected_ = true;
  ch.reader_ = reader;
  ch.context_ = ctx.handle();
  BYTE atr[MAX_ATR_SIZE];
  DWORD atr_len = sizeof atr;
  DWORD state = 0, proto = 0;
  char name[256];
  DWORD name_len = sizeof name;
  rv = SCardStatus(ch.card_, name, &name_len, &state, &proto, atr, &atr_len);
  if (rv != SCARD_S_SUCCESS) return from_pcsc(rv);
  ch.atr_.assign(atr, atr + atr_len);
  return ch;
}

pcsc_channel::pcsc_channel(pcsc_channel&& o) noexcept
    : context_(o.context_),
      card_(o.card_),
      protocol_(o.protocol_),
      connected_(o.connected_),
      atr_(std::move(o.atr_)),
      reader_(std::move(o.reader_)) {
  o.connected_ = false;
}

pcsc_channel::~pcsc_channel() {
  if (connected_) SCardDisconnect(card_, SCARD_LEAVE_CARD);
}

card_status pcsc_channel::begin_transaction() {
  const LONG rv = SCardBeginTransaction(card_);
  if (rv != SCARD_S_SUCCESS) return from_pcsc(rv);
  return done;
}

void pcsc_channel::end_transaction() noexcept {
  SCardEndTransaction(card_, SCARD_LEAVE_CARD);
}

card_result<bridgelink::bytes> pcsc_channel::transmit(bridgelink::byte_view command) {
  const SCARD_IO_REQUEST* pci = protocol_ == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
  BYTE reply[258 + 2];
  DWORD reply_len = sizeof reply;
  const LONG rv = SCardTransmit(card_, pci, command.data(), static_cast<DWORD>(command.size()), nullptr,
                                reply, &reply_len);
  if (rv != SCARD_S_SUCCESS) return from_pcsc(rv);
  if (reply_len < 2) {
    // No status word at all: vpcd (and some drivers) report a card that vanished mid-command
    // this way, before the reader state says so. Give the reader half a second to tell.
    SCARD_READERSTATE rs{};
    rs.szReader = reader_.c_str();
    rs.dwCurrentState = SCARD_STATE_PRESENT;
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
    for (;;) {  // one wait per change of the reader's state, until the half second is up
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
      if (left.count() <= 0) return card_errc::unresponsive;
      const LONG st = SCardGetStatusChange(context_, static_cast<DWORD>(left.count()), &rs, 1);
      if (st == static_cast<LONG>(SCARD_E_TIMEOUT)) return card_errc::unresponsive;
      if (st != SCARD_S_SUCCESS) return card_errc::card_removed;  // reader or service gone
      if (rs.dwEventState & SCARD_STATE_EMPTY) return card_errc::card_removed;
      rs.dwCurrentState = rs.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
    }
  }
  return bridgelink::bytes(reply, reply + reply_len);
}

}  // namespace eimza::card
