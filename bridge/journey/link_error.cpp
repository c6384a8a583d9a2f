#include "journey/link_error.hpp"

#include <string>

namespace eimza::journey {

namespace {

struct link_text {
  const char* log;  // English, for logs and error_code::message()
  const char* tr;
  const char* en;
};

link_text text_of(link_errc e) noexcept {
  switch (e) {
    case link_errc::relay_not_found:
      return {"relay address not found", "Aktarıcının adresi bulunamadı.",
              "The relay's address was not found."};
    case link_errc::relay_unreachable:
      return {"relay unreachable", "Aktarıcıya ulaşılamıyor.", "The relay cannot be reached."};
    case link_errc::relay_tls:
      return {"relay certificate not trusted or TLS failed",
              "Aktarıcının sertifikasına güvenilmedi ya da TLS başarısız oldu.",
              "The relay's certificate is not trusted, or TLS failed."};
    case link_errc::relay_refused:
      return {"relay refused the channel", "Aktarıcı kanalı reddetti.", "The relay refused the channel."};
    case link_errc::bad_ticket:
      return {"QR ticket unusable", "İç hata: QR kodu kullanılamıyor.",
              "Internal error: the QR code cannot be used."};
    case link_errc::pairing_failed:
      return {"pairing failed", "Telefonla eşleşme başarısız oldu.", "Pairing with the phone failed."};
    case link_errc::already_paired:
      return {"another phone paired first", "Başka bir telefon önce eşleşti.", "Another phone paired first."};
    case link_errc::phone_left:
      return {"the phone left", "Telefondaki sayfa kapandı.", "The page on the phone was closed."};
    case link_errc::connection_lost:
      return {"connection lost", "Telefon bağlantısı koptu.", "The connection to the phone was lost."};
    case link_errc::phone_not_back:
      return {"the phone did not come back", "Telefon zamanında geri bağlanmadı.",
              "The phone did not reconnect in time."};
    case link_errc::resume_failed:
      return {"resume failed", "Telefon bağlantısı yeniden kurulamadı.",
              "The connection to the phone could not be resumed."};
    case link_errc::channel_error:
      return {"channel error", "Telefonla güvenli bağlantı bozuldu; oturum kapatıldı.",
              "The secure connection to the phone broke; the session was closed."};
  }
  return {"unknown link error", "Telefon bağlantısı sona erdi.", "The phone connection ended."};
}

class category : public std::error_category {
 public:
  const char* name() const noexcept override { return "bridgelink.link"; }
  std::string message(int e) const override { return text_of(static_cast<link_errc>(e)).log; }
};

}  // namespace

const std::error_category& link_category() noexcept {
  static const category c;
  return c;
}

std::error_code make_error_code(link_errc e) noexcept {
  return {static_cast<int>(e), link_category()};
}

bool is_relay_problem(std::error_code ec) noexcept {
  return ec == link_errc::relay_not_found || ec == link_errc::relay_unreachable ||
         ec == link_errc::relay_tls || ec == link_errc::relay_refused;
}

std::string_view describe(std::error_code ec, ui::language lang) noexcept {
  if (!ec) return {};
  if (ec.category() != link_category())
    return lang == ui::language::tr ? "Telefon bağlantısı sona erdi." : "The phone connection ended.";
  const auto t = text_of(static_cast<link_errc>(ec.value()));
  return lang == ui::language::tr ? t.tr : t.en;
}

}  // namespace eimza::journey
