// libFuzzer: everything that parses what a card (or a hostile reader) sends: ATRs, BER-TLV,
// X.509 certificates, and the APDU reader fed fuzzed responses. Nothing may crash, hang or
// read out of bounds; every failure must be an error value.
#include <cstdlib>

#include "card/apdu_card.hpp"
#include "card/atr.hpp"
#include "card/certificate.hpp"
#include "card/tlv.hpp"

namespace {

// Replies with consecutive length-prefixed slices of the fuzz input.
class fuzz_channel final : public eimza::card::card_channel {
 public:
  explicit fuzz_channel(bridgelink::byte_view in) : in_(in) {}
  eimza::card::card_result<bridgelink::bytes> transmit(bridgelink::byte_view) override {
    if (++calls_ > 512) std::abort();  // the reader must bound its own loops
    if (in_.empty()) return eimza::card::card_errc::card_removed;
    std::size_t n = in_[0];
    in_ = in_.subspan(1);
    if (n > in_.size()) n = in_.size();
    bridgelink::bytes out(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(n));
    in_ = in_.subspan(n);
    return out;
  }
  const bridgelink::bytes& atr() const noexcept override { return atr_; }
  const std::string& reader_name() const noexcept override { return name_; }
  eimza::card::card_status begin_transaction() override { return eimza::card::done; }
  void end_transaction() noexcept override {}

 private:
  bridgelink::byte_view in_;
  int calls_ = 0;
  // Our virtual card's ATR, so that the PIN status command is fuzzed too.
  bridgelink::bytes atr_ = [] {
    bridgelink::bytes a{0x3B, 0x8D, 0x80, 0x01};
    for (char c : eimza::card::virtual_card_marker) a.push_back(static_cast<std::uint8_t>(c));
    std::uint8_t tck = 0;
    for (std::size_t i = 1; i < a.size(); ++i) tck ^= a[i];
    a.push_back(tck);
    return a;
  }();
  std::string name_ = "fuzz";
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bridgelink::byte_view in(data, size);
  (void)eimza::card::parse_atr(in);
  (void)eimza::card::identify(in);
  eimza::card::tlv_reader r(in);
  for (int i = 0; i < 1000 && !r.at_end(); ++i)
    if (!r.next()) break;
  (void)eimza::card::parse_certificate(in);
  fuzz_channel ch(in);
  eimza::card::apdu_card card(ch);
  (void)card.read_summary();
  return 0;
}
