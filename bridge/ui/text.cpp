#include "ui/text.hpp"

#include <cstdlib>

namespace eimza::ui {

language parse_language(std::string_view tag) noexcept {
  return tag.substr(0, 2) == "en" ? language::en : language::tr;
}

language language_from_environment() noexcept {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);  // NOLINT(concurrency-mt-unsafe): read once at start-up
    if (v && *v && std::string_view(v) != "C" && std::string_view(v) != "C.UTF-8" &&
        std::string_view(v) != "POSIX")
      return parse_language(v);
  }
  return language::tr;
}

namespace {
struct entry {
  std::string_view tr, en;
};

entry lookup(text_id id) noexcept {
  switch (id) {
    case text_id::demo_title:
      return {"e-imza companion — tanıtım (yerleşik varsayılan)",
              "e-imza companion — demo (embedded default)"};
    case text_id::scan_qr:
      return {"Telefonunuzun kamerasıyla bu QR kodunu okutun:",
              "Scan this QR code with your phone's camera:"};
    case text_id::qr_expires:
      return {"Kod 30 saniyede bir yenilenir ve 5 dakika sonra geçersiz olur.",
              "The code changes every 30 seconds and stops working after 5 minutes."};
    case text_id::selfcheck_title:
      return {"Protokol öz denetimi (bellekte, ağ yok):", "Protocol self-check (in memory, no network):"};
    case text_id::selfcheck_pairing: return {"Eşleşme (Noise NKpsk0)", "Pairing (Noise NKpsk0)"};
    case text_id::selfcheck_sas:
      return {"Doğrulama kodu iki tarafta aynı", "Verification code equal on both sides"};
    case text_id::selfcheck_steps:
      return {"Adım isteği/yanıtı, tek yanıt kuralı", "Step request/response, one answer per step"};
    case text_id::selfcheck_resume:
      return {"Bağlantı kopunca sürdürme (Noise NNpsk0)", "Resume after a dropped connection (Noise NNpsk0)"};
    case text_id::selfcheck_tamper: return {"Değiştirilmiş çerçeve reddedildi", "Tampered frame refused"};
    case text_id::selfcheck_ok: return {"tamam", "ok"};
    case text_id::selfcheck_failed: return {"BAŞARISIZ", "FAILED"};
    case text_id::next_steps:
      return {
          "Sonraki adım: kart okuyucu, portal benzetimi ve telefon sayfası sonraki sürümlerde bu komuta "
          "eklenecek (bkz. README). Şimdilik QR kodu ve protokol denetimi gösterilir.",
          "Next: the card reader, portal simulator and phone page join this command in later versions "
          "(see README). For now it shows the QR code and checks the protocol."};
    case text_id::error_prefix: return {"Hata", "Error"};
  }
  return {"?", "?"};
}
}  // namespace

std::string_view text(language lang, text_id id) noexcept {
  const auto e = lookup(id);
  return lang == language::en ? e.en : e.tr;
}

}  // namespace eimza::ui
