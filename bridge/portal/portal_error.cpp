#include "portal/portal_error.hpp"

namespace eimza::portal {
namespace {
struct entry {
  std::string_view name, tr, en;
};
entry lookup(portal_errc e) noexcept {
  switch (e) {
    case portal_errc::network:
      return {"network",
              "Portala bağlanılamadı. İnternet bağlantınızı ve vekil sunucu (proxy) ayarlarını kontrol edin.",
              "Could not reach the portal. Check the internet connection and proxy settings."};
    case portal_errc::tls:
      return {"tls", "Portalın güvenlik sertifikası doğrulanamadı; bağlantı kesildi.",
              "The portal's security certificate could not be verified; the connection was stopped."};
    case portal_errc::timeout:
      return {"timeout", "Portal zamanında yanıt vermedi.", "The portal did not answer in time."};
    case portal_errc::server_error:
      return {"server_error", "Portal şu anda hizmet veremiyor (sunucu hatası). Biraz sonra tekrar deneyin.",
              "The portal cannot serve right now (server error). Try again a little later."};
    case portal_errc::http_status:
      return {"http_status", "Portal beklenmeyen bir yanıt verdi.", "The portal gave an unexpected answer."};
    case portal_errc::too_large:
      return {"too_large", "Portal yanıtı çok büyük.", "The portal's answer is too large."};
    case portal_errc::unexpected_page:
      return {"unexpected_page", "Portal sayfası beklenenden farklı; portal değişmiş olabilir.",
              "The portal page is not what we expected; the portal may have changed."};
    case portal_errc::bad_kimlik_no:
      return {"bad_kimlik_no", "Kimlik No geçersiz: 11 haneli T.C. Kimlik No veya pasaport numarası girin.",
              "Invalid Kimlik No: enter an 11-digit T.C. Kimlik No or a passport number."};
    case portal_errc::wrong_captcha:
      return {"wrong_captcha", "Resimdeki yazı yanlış girildi. Yeni resimle tekrar deneyin.",
              "The text from the picture was wrong. Try again with the new picture."};
    case portal_errc::wrong_credentials:
      return {"wrong_credentials", "Kimlik No veya Güvenlik Sözcüğü yanlış.",
              "Kimlik No or security word is wrong."};
    case portal_errc::account_blocked:
      return {"account_blocked", "Portal hesabınız bloke oldu. Kamu SM çağrı merkezini arayın: 444 5 576.",
              "Your portal account is blocked. Call the Kamu SM call centre: 444 5 576."};
    case portal_errc::wrong_sms_code:
      return {"wrong_sms_code", "SMS onay kodu yanlış.", "The SMS code is wrong."};
    case portal_errc::sms_expired:
      return {"sms_expired", "SMS onay kodunun süresi doldu.", "The SMS code has expired."};
    case portal_errc::session_expired:
      return {"session_expired", "Portal oturumunun süresi doldu; baştan giriş gerekiyor.",
              "The portal session expired; you need to log in again."};
    case portal_errc::bad_state:
      return {"bad_state", "Bu adım şu anda yapılamaz.", "This step cannot be done now."};
    case portal_errc::not_confirmed:
      return {"not_confirmed", "Silmeden önce PIN'i kaydettiğinizi veya değiştirdiğinizi onaylayın.",
              "Confirm that you recorded or changed the PIN before deleting it."};
    case portal_errc::passwords_deleted:
      return {"passwords_deleted", "PIN/PUK bilgileri portaldan silinmiş; portal artık gösteremez.",
              "The PIN/PUK were deleted from the portal; it can no longer show them."};
    case portal_errc::internal:
      return {"internal", "Beklenmeyen bir iç hata oldu; işlem durduruldu. Baştan deneyin.",
              "An unexpected internal error stopped the process. Try again from the start."};
  }
  return {"unknown", "Bilinmeyen hata.", "Unknown error."};
}
}  // namespace

std::string_view code_name(portal_errc e) noexcept {
  return lookup(e).name;
}
std::string_view describe(portal_errc e, ui::language lang) noexcept {
  const auto x = lookup(e);
  return lang == ui::language::en ? x.en : x.tr;
}

}  // namespace eimza::portal
