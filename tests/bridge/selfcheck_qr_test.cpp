// `bridge selfcheck` output: the QR drawn in the terminal is read back by a real QR decoder
// (zbarimg) and must carry a valid, fresh BridgeLink pairing URL; every self-check passes.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "bridgelink/qr_payload.hpp"
#include "ui/terminal_qr.hpp"

namespace {

// Light = true. Rebuilds the module rows from the half-block characters.
std::vector<std::vector<bool>> modules_from_text(const std::string& text) {
  std::vector<std::vector<bool>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<bool> top, bottom;
    bool qr_line = !line.empty();
    for (std::size_t i = 0; i < line.size() && qr_line;) {
      if (line.compare(i, 3, "\u2588") == 0)
        top.push_back(true), bottom.push_back(true), i += 3;
      else if (line.compare(i, 3, "\u2580") == 0)
        top.push_back(true), bottom.push_back(false), i += 3;
      else if (line.compare(i, 3, "\u2584") == 0)
        top.push_back(false), bottom.push_back(true), i += 3;
      else if (line[i] == ' ')
        top.push_back(false), bottom.push_back(false), i += 1;
      else
        qr_line = false;
    }
    if (!qr_line || top.size() < 21) continue;
    rows.push_back(top);
    rows.push_back(bottom);
  }
  return rows;
}

std::string decode_with_zbar(const std::vector<std::vector<bool>>& rows) {
  const auto path =
      std::filesystem::temp_directory_path() / ("eimza-qr-" + std::to_string(::getpid()) + ".pbm");
  constexpr int scale = 6, margin = 4;
  const int w = static_cast<int>(rows.at(0).size()) + 2 * margin;
  const int h = static_cast<int>(rows.size()) + 2 * margin;
  {
    std::ofstream f(path);
    f << "P1\n" << w * scale << " " << h * scale << "\n";
    for (int y = 0; y < h * scale; ++y) {
      for (int x = 0; x < w * scale; ++x) {
        const int mx = x / scale - margin, my = y / scale - margin;
        const bool light = mx < 0 || my < 0 || my >= static_cast<int>(rows.size()) ||
                           mx >= static_cast<int>(rows[static_cast<std::size_t>(my)].size()) ||
                           rows[static_cast<std::size_t>(my)][static_cast<std::size_t>(mx)];
        f << (light ? '0' : '1');
      }
      f << '\n';
    }
  }
  std::string cmd = "zbarimg -q --raw " + path.string() + " 2>/dev/null";
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    ::pclose(p);
  }
  std::filesystem::remove(path);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST(TerminalQr, HalfBlocksMatchTheSymbol) {
  auto qr = eimza::ui::make_qr("https://eimza.localhost/c#AAAA");
  auto rows = modules_from_text(eimza::ui::render_half_blocks(qr, 2));
  const int size = qr.getSize();
  ASSERT_GE(rows.size(), static_cast<std::size_t>(size + 4));
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      ASSERT_EQ(rows[static_cast<std::size_t>(y + 2)][static_cast<std::size_t>(x + 2)], !qr.getModule(x, y))
          << x << "," << y;
}

TEST(BridgeSelfcheck, PrintsAScannablePairingQrAndPassesSelfcheck) {
  std::ostringstream out;
  eimza::app::selfcheck_options opts;
  opts.lang = eimza::ui::language::en;
  ASSERT_EQ(eimza::app::run_selfcheck(opts, out), 0) << out.str();
  const auto text = out.str();
  EXPECT_EQ(text.find("FAILED"), std::string::npos);
  EXPECT_NE(text.find("[ok] Resume"), std::string::npos);

  const auto url = decode_with_zbar(modules_from_text(text));
  ASSERT_EQ(url.rfind("https://eimza.localhost/c#", 0), 0u) << "zbarimg read: '" << url << "'";
  auto payload = bridgelink::payload_from_fragment(url);
  ASSERT_TRUE(payload);
  auto qr = bridgelink::decode_qr_payload(*payload);
  ASSERT_TRUE(qr) << bridgelink::describe(qr.error());
  const auto now = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  EXPECT_TRUE(bridgelink::qr_time_acceptable(qr->created_at, now));
  EXPECT_EQ(qr->flags, bridgelink::qr_flag_relay);
}

TEST(BridgeSelfcheck, TurkishByDefault) {
  std::ostringstream out;
  ASSERT_EQ(eimza::app::run_selfcheck({}, out), 0);
  EXPECT_NE(out.str().find("QR kodunu okutun"), std::string::npos);
}

}  // namespace
