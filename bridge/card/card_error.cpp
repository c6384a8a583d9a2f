#include "card/card_error.hpp"

namespace eimza::card {
namespace {
struct entry {
  std::string_view name, tr, en;
};

entry lookup(card_errc e) noexcept {
  switch (e) {
    case card_errc::no_service:
      return {"no_service", "Akıllı kart hizmeti (pcscd) çalışmıyor. Başlatın: sudo systemctl start pcscd",
              "The smart card service (pcscd) is not running. Start it: sudo systemctl start pcscd"};
    case card_errc::no_reader:
      return {"no_reader", "Kart okuyucu bulunamadı. Okuyucuyu USB'ye takın.",
              "No card reader found. Plug the reader into USB."};
    case card_errc::no_card:
      return {"no_card", "Okuyucuda kart yok. Kartı çipi yukarı gelecek şekilde takın.",
              "No card in the reader. Insert the card, chip first."};
    case card_errc::card_removed:
      return {"card_removed", "Kart okuma sırasında çıkarıldı. Kartı yeniden takın.",
              "The card was removed while being read. Insert it again."};
    case card_errc::reader_removed:
      return {"reader_removed", "Kart okuyucu çıkarıldı.", "The card reader was unplugged."};
    case card_errc::timeout:
      return {"timeout", "Zaman aşımı: kart beklenen sürede yanıt vermedi.",
              "Timed out waiting for the card."};
    case card_errc::cancelled: return {"cancelled", "İptal edildi.", "Cancelled."};
    case card_errc::unresponsive:
      return {"unresponsive", "Kart yanıt vermiyor. Kartı çıkarıp yeniden takın.",
              "The card does not respond. Remove it and insert it again."};
    case card_errc::sharing_violation:
      return {"sharing_violation", "Kartı başka bir program kullanıyor. O programı kapatın.",
              "Another program is using the card. Close that program."};
    case card_errc::protocol_error:
      return {"protocol_error", "Karttan beklenmeyen veri geldi.",
              "The card returned data we could not understand."};
    case card_errc::unexpected_status:
      return {"unexpected_status", "Kart beklenmeyen bir durum kodu döndürdü.",
              "The card returned an unexpected status."};
    case card_errc::file_not_found:
      return {"file_not_found", "Kartta e-imza uygulaması bulunamadı. Bu bir e-imza kartı mı?",
              "No e-signature application on this card. Is it an e-signature card?"};
    case card_errc::pin_blocked:
      return {"pin_blocked",
              "PIN bloke. PUK'u denemeyin: Kamu SM portalındaki 'Kilit Çözme' adımını kullanın.",
              "The PIN is blocked. Do not try the PUK: use 'Kilit Çözme' on the Kamu SM portal."};
    case card_errc::pin_wrong: return {"pin_wrong", "PIN yanlış.", "Wrong PIN."};
    case card_errc::pin_format:
      return {"pin_format", "Yeni PIN 6-16 haneli bir sayı olmalı.", "The new PIN must be 6-16 digits."};
    case card_errc::module_missing:
      return {"module_missing",
              "Verilen PKCS#11 sürücüsü bulunamadı ya da yüklenemedi. Yolu --pkcs11 ile doğru verin.",
              "The PKCS#11 module given was not found or could not be loaded. Check the path given with "
              "--pkcs11."};
    case card_errc::module_failed:
      return {"module_failed", "PKCS#11 sürücüsü bir hata döndürdü.",
              "The PKCS#11 module returned an error."};
    case card_errc::no_token:
      return {"no_token", "PKCS#11: kart (token) bulunamadı.", "PKCS#11: no token present."};
    case card_errc::bad_certificate:
      return {"bad_certificate", "Karttaki sertifika okunamadı.",
              "The certificate on the card could not be read."};
    case card_errc::driver_missing:
      return {
          "driver_missing",
          "AKİS kart sürücüsü (akisp11) bu bilgisayarda kurulu değil. Kamu SM'nin sürücü yükleme hizmetinden "
          "(kamusm.bilgem.tubitak.gov.tr, \"Sürücü Yükleme Servisi\") AKİS sürücüsünü kurun, sonra kartı "
          "yeniden takın.",
          "The AKİS card driver (akisp11) is not installed on this computer. Install the AKİS driver from "
          "Kamu SM's "
          "driver download service (kamusm.bilgem.tubitak.gov.tr, \"Sürücü Yükleme Servisi\"), then insert "
          "the card again."};
    case card_errc::no_certificate:
      return {"no_certificate", "Kartta e-imza sertifikası yok.",
              "There is no e-signature certificate on the card."};
    case card_errc::identity_card:
      return {
          "identity_card",
          "Bu kartta e-imza sertifikası bulunamadı: bu bir kimlik kartı olabilir. E-imza kartınızı takın.",
          "No e-signature certificate on this card: it may be an identity card. Insert your e-signature "
          "card."};
    case card_errc::several_cards:
      return {"several_cards",
              "Birden fazla okuyucuda kart var. Yalnızca e-imza kartınızı takılı bırakın ya da okuyucuyu "
              "--reader ile seçin.",
              "There are cards in more than one reader. Leave only your e-signature card in, or choose the "
              "reader with --reader."};
    case card_errc::internal: return {"internal", "Beklenmeyen iç hata.", "Unexpected internal error."};
  }
  return {"unknown", "Bilinmeyen hata.", "Unknown error."};
}
}  // namespace

std::string_view code_name(card_errc e) noexcept {
  return lookup(e).name;
}
std::string_view describe(card_errc e, ui::language lang) noexcept {
  const auto x = lookup(e);
  return lang == ui::language::en ? x.en : x.tr;
}

}  // namespace eimza::card
