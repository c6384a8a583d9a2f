// Runs a cacophony-format Noise test vector file against bridgelink::noise.
// Usage: noise_vectors FILE.json   — prints one line per failure and "noise vectors: P/N passed".
// Vectors for other suites (not 25519/ChaChaPoly/BLAKE2b) are counted as skipped, never as passed.
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bridgelink/noise.hpp"

namespace json = boost::json;
using namespace bridgelink;

namespace {

bytes hex_field(const json::object& v, std::string_view key) {
  auto it = v.find(key);
  if (it == v.end()) return {};
  auto b = from_hex(std::string_view(it->value().as_string()));
  if (!b) throw std::runtime_error("bad hex in " + std::string(key));
  return *b;
}

noise::public_key to_key(const bytes& b) {
  noise::public_key k{};
  if (b.size() != k.size()) throw std::runtime_error("bad key length");
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

noise::handshake_config side_config(const json::object& v, bool initiator) {
  const std::string p = initiator ? "init_" : "resp_";
  noise::handshake_config cfg;
  cfg.protocol_name = std::string(v.at("protocol_name").as_string());
  cfg.initiator = initiator;
  cfg.prologue = hex_field(v, p + "prologue");
  if (auto s = hex_field(v, p + "static"); !s.empty()) cfg.s = noise::keypair::from_secret(s);
  if (auto e = hex_field(v, p + "ephemeral"); !e.empty()) cfg.e = noise::keypair::from_secret(e);
  if (auto rs = hex_field(v, p + "remote_static"); !rs.empty()) cfg.rs = to_key(rs);
  if (auto re = hex_field(v, p + "remote_ephemeral"); !re.empty()) cfg.re = to_key(re);
  if (auto it = v.find(p + "psks"); it != v.end()) {
    for (const auto& psk : it->value().as_array()) {
      auto b = from_hex(std::string_view(psk.as_string()));
      if (!b || b->size() != noise::psk_len) throw std::runtime_error("bad psk");
      cfg.psks.emplace_back(*b);
    }
  }
  return cfg;
}

// Returns an empty string on success, otherwise what went wrong.
std::string run_vector(const json::object& v) {
  auto init = noise::handshake::create(side_config(v, true));
  auto resp = noise::handshake::create(side_config(v, false));
  if (!init || !resp) return "cannot create handshake state";
  const auto& msgs = v.at("messages").as_array();
  std::optional<noise::transport_keys> ti, tr;
  bool one_way = false;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    const auto& m = msgs[i].as_object();
    const auto payload = hex_field(m, "payload");
    const auto expected = hex_field(m, "ciphertext");
    bytes ct, pt;
    const std::string where = "message " + std::to_string(i) + ": ";
    if (!init->finished() || !resp->finished()) {
      const bool from_init = init->is_my_turn();
      auto& writer = from_init ? *init : *resp;
      auto& reader = from_init ? *resp : *init;
      if (auto st = writer.write_message(payload, ct); !st)
        return where + "write: " + std::string(describe(st.error()));
      if (ct != expected) return where + "ciphertext differs";
      if (auto st = reader.read_message(ct, pt); !st)
        return where + "read: " + std::string(describe(st.error()));
      if (pt != payload) return where + "payload differs";
      if (init->finished() && resp->finished()) {
        auto ki = init->split();
        auto kr = resp->split();
        if (!ki || !kr) return where + "split failed";
        ti = std::move(ki.value());
        tr = std::move(kr.value());
        one_way = noise::parse_protocol_name(std::string(v.at("protocol_name").as_string()))->one_way;
      }
      continue;
    }
    const bool from_init = one_way || i % 2 == 0;
    auto& send = from_init ? ti->send : tr->send;
    auto& recv = from_init ? tr->receive : ti->receive;
    if (auto st = send.encrypt_with_ad({}, payload, ct); !st) return where + "encrypt failed";
    if (ct != expected) return where + "transport ciphertext differs";
    if (auto st = recv.decrypt_with_ad({}, ct, pt); !st) return where + "decrypt failed";
    if (pt != payload) return where + "transport payload differs";
  }
  if (auto hh = hex_field(v, "handshake_hash"); !hh.empty()) {
    const auto& a = init->handshake_hash();
    const auto& b = resp->handshake_hash();
    if (!std::equal(a.begin(), a.end(), hh.begin(), hh.end()) || a != b) return "handshake hash differs";
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: noise_vectors FILE.json\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const auto doc = json::parse(ss.str());
  std::size_t passed = 0, failed = 0, skipped = 0;
  for (const auto& item : doc.at("vectors").as_array()) {
    const auto& v = item.as_object();
    const std::string name(v.at("protocol_name").as_string());
    if (!noise::parse_protocol_name(name)) {
      ++skipped;
      continue;
    }
    std::string err;
    try {
      err = run_vector(v);
    } catch (const std::exception& e) {
      err = e.what();
    }
    if (err.empty()) {
      ++passed;
    } else {
      ++failed;
      std::cout << "FAIL " << name << ": " << err << "\n";
    }
  }
  std::cout << "noise vectors: " << passed << "/" << (passed + failed) << " passed";
  if (skipped) std::cout << " (" << skipped << " of other suites skipped)";
  std::cout << "\n";
  return failed == 0 && passed > 0 ? 0 : 1;
}
