// The card's sans-I/O layer (eimza_card_parse) without hardware: parsers, the APDU reader against
// our virtual card in process, and a channel that misbehaves (truncated replies, wrong status
// words, removal). Built and run wherever the parsers are (Linux, and Windows under wine).
#include <gtest/gtest.h>

#include <functional>

#include "card/akis_layout.hpp"
#include "card/apdu_card.hpp"
#include "card/atr.hpp"
#include "card/tlv.hpp"
#include "identity/kimlik_no.hpp"
#include "virtual_card/test_certificate.hpp"
#include "virtual_card/virtual_akis_card.hpp"

using namespace eimza;
using bridgelink::bytes;

namespace {

bytes hex(std::string_view h) {
  return bridgelink::from_hex(h).value();
}

TEST(KimlikNo, Checksum) {
  EXPECT_TRUE(identity::valid_tckn("10000000146"));
  EXPECT_FALSE(identity::valid_tckn("10000000147"));
  EXPECT_FALSE(identity::valid_tckn("00000000146"));
  EXPECT_FALSE(identity::valid_tckn("1000000014"));
  EXPECT_FALSE(identity::valid_tckn("1000000014a"));
  EXPECT_EQ(identity::find_tckn("TCKN10000000146").value(), "10000000146");
  EXPECT_EQ(identity::find_tckn("IDCTR-10000000146").value(), "10000000146");
  EXPECT_FALSE(identity::find_tckn("100000001460"));  // 12 digits: not a T.C. Kimlik No
  EXPECT_FALSE(identity::find_tckn("10000000147"));
}

TEST(KimlikNo, ParseInput) {
  auto t = identity::parse_kimlik_no(" 100 000 001 46 ");
  ASSERT_TRUE(t.value);
  EXPECT_EQ(t.value->kind, identity::kimlik_kind::tckn);
  EXPECT_EQ(identity::parse_kimlik_no("10000000147").problem, identity::kimlik_problem::bad_tckn_checksum);
  auto p = identity::parse_kimlik_no("u1234567");
  ASSERT_TRUE(p.value);
  EXPECT_EQ(p.value->kind, identity::kimlik_kind::passport);
  EXPECT_EQ(p.value->value, "U1234567");
  EXPECT_EQ(identity::parse_kimlik_no("ab-12").problem, identity::kimlik_problem::bad_characters);
  EXPECT_EQ(identity::parse_kimlik_no("A12").problem, identity::kimlik_problem::bad_length);
  EXPECT_EQ(identity::parse_kimlik_no("").problem, identity::kimlik_problem::empty);
  EXPECT_EQ(identity::mask_tckn("10000000146"), "1*******146");
}

TEST(Tlv, ReadsAndBounds) {
  auto in = hex("30070201000402AABB");
  auto t = card::read_tlv(in);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tag, 0x30u);
  EXPECT_TRUE(t->constructed);
  auto child = card::find_child(t->value, 0x04);
  ASSERT_TRUE(child && *child);
  EXPECT_EQ((*child)->value.size(), 2u);
  EXPECT_EQ(card::read_tlv(hex("5F2001AA"))->tag, 0x5F20u);
  EXPECT_FALSE(card::read_tlv(hex("3005020100")));    // length beyond input
  EXPECT_FALSE(card::read_tlv(hex("3080")));          // indefinite length
  EXPECT_FALSE(card::read_tlv(hex("30847FFFFFFF")));  // 4-byte length
  EXPECT_FALSE(card::read_tlv(hex("1FFFFFFF01")));    // 4-byte tag
  EXPECT_FALSE(card::read_tlv(hex("30")));
  EXPECT_FALSE(card::read_tlv({}));
}

TEST(Atr, ParsesAndIdentifies) {
  auto ours = sim::default_atr();
  auto info = card::parse_atr(ours);
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->tck_ok);
  EXPECT_EQ(std::string(info->historical.begin(), info->historical.end()), "EIMZA-VIRTUAL");
  EXPECT_EQ(card::identify(ours), card::card_family::virtual_card);
  auto bad_tck = ours;
  bad_tck.back() ^= 1;
  EXPECT_FALSE(card::parse_atr(bad_tck)->tck_ok);
  EXPECT_FALSE(card::parse_atr(hex("3B8A80")));    // interface bytes missing
  EXPECT_FALSE(card::parse_atr(hex("3B02AA")));    // historical bytes missing
  EXPECT_FALSE(card::parse_atr(hex("12345678")));  // bad TS
  const auto other = hex("3B0401020304");
  EXPECT_EQ(card::identify(other), card::card_family::unknown);
  EXPECT_EQ(card::identify(other, {{other, bytes(other.size(), 0xFF), card::card_family::akis_family}}),
            card::card_family::akis_family);
}

TEST(Atr, RealAkisAtrs) {
  // The ATRs real cards send (pcsc-tools list): well-formed, and identified by family.
  const std::pair<const char*, card::card_family> cases[] = {{"akis_v1.0", card::card_family::akis_v1},
                                                             {"akis_v1.2", card::card_family::akis_v1},
                                                             {"akis_v2", card::card_family::akis_v2_or_id}};
  for (const auto& [name, family] : cases) {
    const auto atr = sim::atr_preset(name);
    auto info = card::parse_atr(atr);
    ASSERT_TRUE(info) << name;
    EXPECT_TRUE(info->tck_ok) << name;
    EXPECT_EQ(card::identify(atr), family) << name;
    EXPECT_TRUE(card::is_akis(card::identify(atr))) << name;
  }
  EXPECT_EQ(card::identify(hex("3B8F80018066683209010203040506070809902A")), card::card_family::akis_v3);
  EXPECT_FALSE(card::is_akis(card::card_family::virtual_card));
}

TEST(CardSerial, SameCardOnlyWhenTheSerialsAgree) {
  EXPECT_TRUE(card::same_card_serial("0036267E57013B46", "0036267e57013b46"));
  EXPECT_TRUE(card::same_card_serial("0036 267E 5701 3B46", "0036267E57013B46"));
  EXPECT_FALSE(card::same_card_serial("0036267E57013B46", "0036267E57013B47"));
  EXPECT_FALSE(card::same_card_serial("0036267E57013B46", "0036267E57013B4"));
  EXPECT_FALSE(card::same_card_serial("", "")) << "no serial is no proof";
  EXPECT_FALSE(card::same_card_serial(" ", "-"));
}

TEST(Apdu, EncodeAndStatus) {
  EXPECT_EQ(bridgelink::to_hex(card::encode(card::read_binary(0x0123, 256)).value()), "00b0012300");
  EXPECT_EQ(bridgelink::to_hex(card::encode(card::pin_status(0x81)).value()), "00200081");
  card::command_apdu big{0, 0xD6, 0, 0, bytes(256, 0), {}};
  EXPECT_FALSE(card::encode(big));
  EXPECT_FALSE(card::decode_response(hex("90")));
  EXPECT_EQ(card::error_from_status(0x63C1), card::card_errc::pin_wrong);
  EXPECT_EQ(card::error_from_status(0x6983), card::card_errc::pin_blocked);  // AKIS v2.x
  EXPECT_EQ(card::error_from_status(0x6984), card::card_errc::pin_blocked);  // AKIS v1.x
  EXPECT_EQ(card::error_from_status(0x6A82), card::card_errc::file_not_found);
  EXPECT_EQ(card::error_from_status(0x6F00), card::card_errc::unexpected_status);
}

test::cert_spec spec_for(test::cert_profile p, test::key_kind k = test::key_kind::rsa_2048) {
  const auto now = test::now_unix();
  test::cert_spec spec;
  spec.not_before = now - 10 * test::day;
  spec.not_after = now + 1000 * test::day;
  spec.profile = p;
  spec.key = k;
  return spec;
}

TEST(Certificate, KamuSmProductionShape) {
  const auto now = test::now_unix();
  auto spec = spec_for(test::cert_profile::kamu_sm_nes);
  auto info = card::parse_certificate(test::make_certificate(spec));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->holder_name, "AYŞE YILMAZ");
  EXPECT_EQ(info->tckn.value(), "10000000146");
  EXPECT_EQ(info->verdict, card::nes_verdict::kamu_sm_nes);
  EXPECT_EQ(info->key_type, "RSA-2048");
  EXPECT_EQ(info->issuer, "Kamu Elektronik Sertifika Hizmet Sağlayıcısı - Sürüm 6");
  EXPECT_TRUE(info->non_repudiation);
  EXPECT_TRUE(info->digital_signature);
  EXPECT_FALSE(info->is_ca);
  EXPECT_EQ(info->policies, std::vector<std::string>{"2.16.792.1.2.1.1.5.7.1.1"});
  EXPECT_EQ(info->qc_statements,
            (std::vector<std::string>{"0.4.0.1862.1.1", "0.4.0.1862.1.2", "2.16.792.1.61.0.1.5070.1.1"}));
  EXPECT_EQ(card::validity_at(*info, now), card::validity::valid);
  EXPECT_NEAR(static_cast<double>(info->not_before), static_cast<double>(spec.not_before), 2.0);

  spec.key = test::key_kind::ec_p384;
  spec.not_before = now + 15 * test::day;  // renewal card
  spec.serial_number_attr = "TCKN10000000146";
  auto renewal = card::parse_certificate(test::make_certificate(spec));
  ASSERT_TRUE(renewal);
  EXPECT_EQ(renewal->verdict, card::nes_verdict::kamu_sm_nes);
  EXPECT_EQ(renewal->key_type, "EC-384");
  EXPECT_EQ(card::validity_at(*renewal, now), card::validity::not_yet_valid);
  EXPECT_EQ(renewal->tckn.value(), "10000000146");
}

TEST(Certificate, VerdictByProfile) {
  const std::pair<test::cert_profile, card::nes_verdict> cases[] = {
      {test::cert_profile::kamu_sm_test, card::nes_verdict::test},
      {test::cert_profile::mobile_nes, card::nes_verdict::mobile},
      {test::cert_profile::authentication, card::nes_verdict::not_qualified},
      {test::cert_profile::ca, card::nes_verdict::not_qualified},
      {test::cert_profile::bare, card::nes_verdict::not_qualified},
  };
  for (const auto& [profile, verdict] : cases)
    for (auto key : {test::key_kind::rsa_2048, test::key_kind::ec_p384}) {
      auto info = card::parse_certificate(test::make_certificate(spec_for(profile, key)));
      ASSERT_TRUE(info);
      EXPECT_EQ(info->verdict, verdict) << static_cast<int>(profile);
    }
  auto test_cert =
      card::parse_certificate(test::make_certificate(spec_for(test::cert_profile::kamu_sm_test)));
  EXPECT_EQ(test_cert->issuer, "Kamu Elektronik Sertifika Hizmet Sağlayıcısı - Sürüm 6 - TEST");
  auto auth = card::parse_certificate(test::make_certificate(spec_for(test::cert_profile::authentication)));
  EXPECT_FALSE(auth->non_repudiation);
  EXPECT_TRUE(auth->digital_signature);
  EXPECT_TRUE(card::parse_certificate(test::make_certificate(spec_for(test::cert_profile::ca)))->is_ca);

  auto odd = spec_for(test::cert_profile::bare);
  odd.serial_number_attr = "12345678901";  // checksum fails: no TCKN claimed
  EXPECT_FALSE(card::parse_certificate(test::make_certificate(odd))->tckn);
}

TEST(Certificate, VerdictRules) {
  const std::string compliance = "0.4.0.1862.1.1", law = "2.16.792.1.61.0.1.5070.1.1",
                    other_law = "2.16.792.1.61.0.1.5070.2.1";
  const std::string nes = "2.16.792.1.2.1.1.5.7.1.1", test_policy = "2.16.792.1.2.1.1.5.7.1.4.1";
  const std::string issuer = "Kamu Elektronik Sertifika Hizmet Sağlayıcısı - Sürüm 5";
  EXPECT_EQ(card::verdict_from({compliance, law}, {nes}, issuer), card::nes_verdict::kamu_sm_nes);
  // The first version's mistake: 5070.1.1 as a certificate policy proves nothing.
  EXPECT_EQ(card::verdict_from({}, {law}, issuer), card::nes_verdict::not_qualified);
  EXPECT_EQ(card::verdict_from({law}, {nes}, issuer), card::nes_verdict::not_qualified) << "no QcCompliance";
  EXPECT_EQ(card::verdict_from({compliance}, {nes}, issuer), card::nes_verdict::not_qualified)
      << "no 5070 statement";
  EXPECT_EQ(card::verdict_from({compliance, other_law}, {"1.2.3.4"}, "Another CA"),
            card::nes_verdict::qualified);
  EXPECT_EQ(card::verdict_from({compliance, law}, {test_policy}, issuer), card::nes_verdict::test);
  EXPECT_EQ(card::verdict_from({compliance, law}, {nes}, issuer + " - TEST"), card::nes_verdict::test);
}

TEST(Certificate, ChoosesTheSigningOne) {
  auto parse = [](test::cert_profile p) {
    return card::parse_certificate(test::make_certificate(spec_for(p, test::key_kind::ec_p256))).value();
  };
  const auto auth = parse(test::cert_profile::authentication), nes = parse(test::cert_profile::kamu_sm_nes),
             ca = parse(test::cert_profile::ca);
  auto c = card::choose_signing_certificate({auth, nes});
  EXPECT_EQ(c.index.value(), 1u);
  EXPECT_EQ(c.reason, "qualified_non_repudiation");
  c = card::choose_signing_certificate({nes, auth});
  EXPECT_EQ(c.index.value(), 0u);
  c = card::choose_signing_certificate({ca, auth});
  EXPECT_EQ(c.index.value(), 1u);
  EXPECT_EQ(c.reason, "first_end_entity");
  EXPECT_FALSE(card::choose_signing_certificate({ca}).index);
  EXPECT_EQ(card::choose_signing_certificate({}).reason, "no_certificate");
}

TEST(Certificate, RejectsGarbage) {
  EXPECT_EQ(card::parse_certificate({}).error(), card::card_errc::bad_certificate);
  EXPECT_EQ(card::parse_certificate(hex("3003020101")).error(), card::card_errc::bad_certificate);
  auto der = test::make_certificate({.not_before = 0, .not_after = test::now_unix()});
  der.push_back(0);  // trailing byte
  EXPECT_EQ(card::parse_certificate(der).error(), card::card_errc::bad_certificate);
  EXPECT_EQ(card::parse_certificate(bytes(card::certificate_max + 1, 0x30)).error(),
            card::card_errc::bad_certificate);
  auto broken = spec_for(test::cert_profile::kamu_sm_nes);
  broken.broken_qc_statements = true;
  EXPECT_EQ(card::parse_certificate(test::make_certificate(broken)).error(),
            card::card_errc::bad_certificate);
}

// A channel into the in-process virtual card, with an optional fault hook.
class sim_channel final : public card::card_channel {
 public:
  explicit sim_channel(sim::virtual_akis_card& c) : card_(c) {}
  std::function<std::optional<card::card_result<bytes>>(bridgelink::byte_view, int)> fault;
  card::card_result<bytes> transmit(bridgelink::byte_view cmd) override {
    ++count_;
    if (cmd.size() >= 2) ins_seen.push_back(cmd[1]);
    if (fault)
      if (auto f = fault(cmd, count_)) return *f;
    return card_.respond(cmd);
  }
  const bytes& atr() const noexcept override { return card_.atr(); }
  const std::string& reader_name() const noexcept override { return name_; }
  card::card_status begin_transaction() override {
    ++transactions_;
    ++open_;
    return card::done;
  }
  void end_transaction() noexcept override { --open_; }
  /// The instruction bytes the card received.
  std::vector<std::uint8_t> ins_seen;
  int count_ = 0, transactions_ = 0, open_ = 0;

 private:
  sim::virtual_akis_card& card_;
  std::string name_ = "in-process";
};

sim::card_fixture fixture(int retries = 3) {
  sim::card_fixture f;
  f.atr = sim::default_atr();
  f.serial = hex("0036267E57013B46");
  f.pin = bridgelink::secret_bytes(bridgelink::as_bytes("123456"));
  f.pin_retries = retries;
  const auto now = test::now_unix();
  f.certificates.push_back(
      test::make_certificate({.not_before = now - test::day, .not_after = now + 900 * test::day}));
  return f;
}

TEST(ApduCard, ReadsTheVirtualCard) {
  sim::virtual_akis_card vc(fixture());
  sim_channel ch(vc);
  card::apdu_card c(ch);
  auto s = c.read_summary();
  ASSERT_TRUE(s) << card::code_name(s.error());
  EXPECT_EQ(s->serial, "0036267E57013B46");
  EXPECT_EQ(s->family, card::card_family::virtual_card);
  EXPECT_EQ(s->pin.retries_left.value(), 3);
  ASSERT_EQ(s->certificates.size(), 1u);
  EXPECT_EQ(s->certificates[0].tckn.value(), "10000000146");
  EXPECT_EQ(s->signing(), &s->certificates[0]);
  EXPECT_EQ(vc.pin_retries(), 3) << "reading never spends a PIN try";
  EXPECT_EQ(ch.transactions_, 1) << "one PC/SC transaction for the whole read";
  EXPECT_EQ(ch.open_, 0);
}

TEST(ApduCard, RealLayoutSeveralCertificatesTheSigningOneChosen) {
  auto f = fixture();
  const auto now = test::now_unix();
  f.certificates.insert(f.certificates.begin(),
                        test::make_certificate({.not_before = now - test::day,
                                                .not_after = now + 900 * test::day,
                                                .profile = test::cert_profile::authentication}));
  f.certificates.push_back({0x30, 0x03, 0x02, 0x01, 0x01});  // a third EF that is not a certificate
  sim::virtual_akis_card vc(std::move(f));
  sim_channel ch(vc);
  card::apdu_card c(ch);
  auto s = c.read_summary();
  ASSERT_TRUE(s) << card::code_name(s.error());
  ASSERT_EQ(s->certificates.size(), 2u);
  EXPECT_EQ(s->unreadable_certificates, 1u);
  EXPECT_EQ(s->choice.index.value(), 1u);
  EXPECT_EQ(s->signing()->verdict, card::nes_verdict::kamu_sm_nes);
  // MF, then the DF by name "PKCS-15": the layout real cards answer.
  ASSERT_GE(ch.ins_seen.size(), 2u);
  EXPECT_EQ(ch.ins_seen[0], 0xA4);
}

TEST(ApduCard, RealCardGetsNoPinCommands) {
  for (const char* preset : {"akis_v1.2", "akis_v2"}) {
    auto f = fixture();
    f.atr = sim::atr_preset(preset);
    sim::virtual_akis_card vc(std::move(f));
    sim_channel ch(vc);
    card::apdu_card c(ch);
    auto s = c.read_summary();
    ASSERT_TRUE(s) << preset;
    EXPECT_FALSE(s->pin.known);
    EXPECT_FALSE(s->pin.retries_left);
    using bridgelink::secret_bytes;
    EXPECT_EQ(c.change_pin(secret_bytes(bridgelink::as_bytes("123456")),
                           secret_bytes(bridgelink::as_bytes("654321")))
                  .error(),
              card::card_errc::driver_missing);
    for (auto ins : ch.ins_seen) {
      EXPECT_NE(ins, 0x20) << preset << ": VERIFY sent to a real card";
      EXPECT_NE(ins, card::layout::ins_change_reference_data) << preset << ": CHANGE REFERENCE DATA sent";
    }
    EXPECT_EQ(vc.pin_retries(), 3);
  }
}

TEST(ApduCard, ChangePinOneAttemptAndCounter) {
  sim::virtual_akis_card vc(fixture());
  sim_channel ch(vc);
  card::apdu_card c(ch);
  using bridgelink::secret_bytes;
  EXPECT_EQ(
      c.change_pin(secret_bytes(bridgelink::as_bytes("000000")), secret_bytes(bridgelink::as_bytes("654321")))
          .error(),
      card::card_errc::pin_wrong);
  EXPECT_EQ(vc.pin_retries(), 2);
  EXPECT_EQ(
      c.change_pin(secret_bytes(bridgelink::as_bytes("123456")), secret_bytes(bridgelink::as_bytes("12ab56")))
          .error(),
      card::card_errc::pin_format);
  EXPECT_EQ(vc.pin_retries(), 2) << "a malformed new PIN is refused before the card sees it";
  EXPECT_TRUE(c.change_pin(secret_bytes(bridgelink::as_bytes("123456")),
                           secret_bytes(bridgelink::as_bytes("654321"))));
  EXPECT_EQ(vc.pin_retries(), 3);
  EXPECT_EQ(c.read_summary()->pin.retries_left.value(), 3);
}

TEST(ApduCard, BlockedPinIsNeverTried) {
  sim::virtual_akis_card vc(fixture(0));
  sim_channel ch(vc);
  card::apdu_card c(ch);
  auto s = c.read_summary();
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->pin.blocked);
  const int before = ch.count_;
  using bridgelink::secret_bytes;
  EXPECT_EQ(
      c.change_pin(secret_bytes(bridgelink::as_bytes("123456")), secret_bytes(bridgelink::as_bytes("654321")))
          .error(),
      card::card_errc::pin_blocked);
  EXPECT_EQ(ch.count_ - before, 3)
      << "SELECT MF, SELECT DF and the status check only; no CHANGE REFERENCE DATA";
}

TEST(ApduCard, FaultsGiveClearErrors) {
  struct fault_case {
    const char* name;
    int at;
    card::card_result<bytes> reply;
    card::card_errc expected;
  };
  const std::vector<fault_case> cases{
      {"removed mid-read", 4, card::card_errc::card_removed, card::card_errc::card_removed},
      {"truncated reply", 3, bytes{0x90}, card::card_errc::protocol_error},
      {"odd status", 1, bytes{0x6F, 0x00}, card::card_errc::unexpected_status},
      {"no application", 2, bytes{0x6A, 0x82}, card::card_errc::file_not_found},
      {"bad token info", 4, bytes{0x30, 0x05, 0x02, 0x90, 0x00}, card::card_errc::protocol_error},
      {"oversized chunk", 4,
       [] {
         bytes r(0xE1, 0x30);  // one byte more than asked for, then 90 00
         r.push_back(0x90);
         r.push_back(0x00);
         return r;
       }(),
       card::card_errc::protocol_error},
  };
  for (const auto& fc : cases) {
    sim::virtual_akis_card vc(fixture());
    sim_channel ch(vc);
    ch.fault = [&](bridgelink::byte_view, int n) -> std::optional<card::card_result<bytes>> {
      if (n != fc.at) return std::nullopt;
      return fc.reply;
    };
    card::apdu_card c(ch);
    auto s = c.read_summary();
    ASSERT_FALSE(s) << fc.name;
    EXPECT_EQ(s.error(), fc.expected) << fc.name;
  }
}

TEST(ApduCard, EndlessFileIsBounded) {
  sim::virtual_akis_card vc(fixture());
  sim_channel ch(vc);
  // Every READ BINARY answers a full chunk: the reader must stop at its limit.
  ch.fault = [](bridgelink::byte_view cmd, int) -> std::optional<card::card_result<bytes>> {
    if (cmd.size() >= 2 && cmd[1] == 0xB0) {
      bytes r(0xE0, 0x30);
      r.push_back(0x90);
      r.push_back(0x00);
      return card::card_result<bytes>(r);
    }
    return std::nullopt;
  };
  card::apdu_card c(ch);
  auto s = c.read_summary();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), card::card_errc::protocol_error);
  EXPECT_LT(ch.count_, 40);
}

TEST(VirtualCard, SpeaksIso7816) {
  sim::virtual_akis_card vc(fixture());
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("80A40000"))), "6e00");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00FF0000"))), "6d00");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4040C02A000"))), "6a82");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00B0000010"))), "6986");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4040C05A000"))), "6700");
  // The 12-byte PKCS#15 AID is not answered (as on real AKIS cards); the DF name "PKCS-15" is.
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4040C0CA000000063504B43532D3135"))), "6a82");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4040C07504B43532D3135"))), "9000");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4020C022F10"))), "9000");
  EXPECT_EQ(bridgelink::to_hex(vc.respond(hex("00A4020C022F11"))), "6a82");
}

}  // namespace
