#include "journey/journey.hpp"

#include <chrono>

#include "bridgelink/step_tracker.hpp"
#include "card/card_report.hpp"
#include "card/open_card.hpp"
#include "card/pcsc.hpp"
#include "identity/kimlik_no.hpp"
#include "journey/card_presence.hpp"
#include "journey/phone_pairing.hpp"
#include "journey/phone_steps.hpp"
#include "journey/sas_confirmation.hpp"
#include "log/logger.hpp"
#include "platform/clock.hpp"
#include "portal/http_client_loader.hpp"
#include "portal/portal_session.hpp"

namespace eimza::journey {
namespace bl = bridgelink;

namespace {

std::string text(const bl::field_value* v) {
  return v && v->type == bl::field_value::kind::text ? std::string(v->text()) : "";
}

bool fail(status_board& board, std::string tr, std::string en) {
  board.set(stage::failed, std::move(tr), std::move(en));
  return false;
}

bool fail(status_board& board, card::card_errc e) {
  return fail(board, std::string(card::describe(e, ui::language::tr)),
              std::string(card::describe(e, ui::language::en)));
}

}  // namespace

bool run_journey(boost::asio::io_context& io, const journey_config& cfg, status_board& board,
                 const std::atomic<bool>& cancel) {
  bl::system_random rng;
  log::logger quiet(log::level::error);
  log::logger& lg = cfg.log ? *cfg.log : quiet;
  // 1. The card.
  board.set(stage::waiting_card, "Kart bekleniyor: kartı okuyucuya takın.",
            "Waiting for the card: insert it into the reader.");
  auto ctx = card::pcsc_context::establish();
  if (!ctx) return fail(board, ctx.error());
  auto reader = ctx->wait_for_card(
      cfg.reader, cfg.card_wait, [&cancel](std::chrono::seconds) { return !cancel; },
      cfg.skip_virtual_readers);
  if (!reader) return fail(board, reader.error());
  // The card is watched from here on: pulling it pauses the journey at the next step.
  card_presence presence(*reader);
  if (const auto e = presence.start(); e != card::card_errc{}) return fail(board, e);
  (void)presence.wait_present(std::chrono::seconds(5), cancel);  // the watch reports the card already in
  auto opened = card::open_card(*ctx, *reader, cfg.pkcs11_module);
  if (!opened) return fail(board, opened.error());
  std::unique_ptr<card::card_access> the_card = std::move(*opened);
  auto summary = the_card->read_summary();
  if (!summary) return fail(board, summary.error());
  // Nothing to sign with: the journey would activate nothing.
  if (!summary->signing()) return fail(board, card::missing_signing_certificate(*summary));
  const auto& cert = *summary->signing();  // the qualified signing certificate, not merely the first
  for (const auto& w : card::summary_warnings(*summary, platform::unix_seconds(), ui::language::en))
    board.add_warning(w);
  if (!cert.tckn)
    return fail(board, "Sertifikada T.C. Kimlik No yok.", "No T.C. Kimlik No in the certificate.");

  // 2. Pairing.
  const auto bridge_static = bl::noise::keypair::generate();
  bl::qr_rotation::options qo;
  qo.bridge_key = bridge_static.pub;
  qo.flags = cfg.qr_flags;
  qo.origin = cfg.companion_origin;
  qo.lan = cfg.lan;
  bl::qr_rotation rotation(qo, rng, static_cast<std::uint64_t>(platform::unix_seconds()));
  board.set(stage::waiting_phone, "Telefonunuzla QR kodunu okutun.", "Scan the QR code with your phone.");
  phone_link::options link_options;
  link_options.resume_wait = cfg.step_wait;
  auto paired =
      wait_for_phone(io, cfg.relay, bridge_static, rotation, link_options, board, cfg.pairing_wait, cancel);
  if (!paired.link) {
    if (!paired.log_detail.empty()) lg.warn("relay_failed", {{"detail", paired.log_detail}});
    return fail(board, paired.why_tr, paired.why_en);
  }
  auto link = paired.link;
  const auto sas = paired.sas;
  lg.info("phone_paired");

  // 3. The person compares: the code on the phone, typed here.
  board.set(stage::waiting_sas, "Telefonda görünen 6 haneli kodu buraya yazın.",
            "Type the 6-digit code shown on the phone here.");
  switch (confirm_sas(*link, sas, board, std::chrono::seconds(180))) {
    case sas_result::confirmed: break;
    case sas_result::cancelled: link->close("cancelled"); return fail(board, "İptal edildi.", "Cancelled.");
    case sas_result::phone_gone:
      lg.warn("sas_not_confirmed", {{"reason", std::string("phone_gone")}, {"link", link->last_error()}});
      return fail(board, "Telefon bağlantısı kod onaylanmadan sona erdi; yeniden başlatın.",
                  "The phone connection ended before the code was confirmed; start again.");
    case sas_result::rejected:
      lg.warn("sas_not_confirmed", {{"reason", std::string("wrong_or_timeout")}});
      link->close("sas failed");
      return fail(board, "Doğrulama kodu eşleşmedi; eşleşme iptal edildi.",
                  "The verification code did not match; pairing cancelled.");
  }
  // After a pull and re-insert: a new PC/SC handle, and the same card (serial) or nothing.
  auto reattach = [&] {
    the_card.reset();
    auto again = card::open_card(*ctx, *reader, cfg.pkcs11_module);
    if (!again) return false;
    the_card = std::move(*again);
    auto s = the_card->read_summary();
    return s && s->serial == summary->serial;
  };
  phone_steps phone(*link, rng, board, cancel, card_guard{&presence, reattach, cfg.card_wait});
  auto phone_failed = [&] { return fail(board, phone.why_tr(), phone.why_en()); };
  board.set(stage::on_phone, "Telefonunuzdaki adımları izleyin.", "Follow the steps on your phone.");

  // 4. What is on the card, for the person to check.
  bl::fields card_info =
      fields_of({{"holder", bl::field_value::of_text(cert.holder_name)},
                 {"tckn_masked", bl::field_value::of_text(identity::mask_tckn(*cert.tckn))},
                 {"serial", bl::field_value::of_text(summary->serial)},
                 {"valid_from", bl::field_value::of_text(card::utc_date(cert.not_before))},
                 {"valid_to", bl::field_value::of_text(card::utc_date(cert.not_after))},
                 {"validity", bl::field_value::of_text(std::string(
                                  card::validity_name(card::validity_at(cert, platform::unix_seconds()))))}});
  if (!phone.ask("card", std::move(card_info), cfg.step_wait)) return phone_failed();

  // 5. The portal: login with the captcha and the security word from the phone.
  std::string no_http;
  auto http = portal::load_http_client(cfg.http, no_http);
  if (!http)
    return fail(board, "Portal istemcisi yüklenemedi: " + no_http,
                "The portal client could not be loaded: " + no_http);
  portal::portal_session session(*http, cfg.profile);
  board.set(stage::portal, "Portala bağlanılıyor…", "Connecting to the portal…");
  auto screen = session.open();
  if (!screen)
    return fail(board, std::string(portal::describe(screen.error(), ui::language::tr)),
                std::string(portal::describe(screen.error(), ui::language::en)));
  std::string login_error, masked_phone;
  for (;;) {
    if (cancel) return fail(board, "İptal edildi.", "Cancelled.");
    const auto& ls = session.current_login();
    auto answer = phone.ask(
        "login",
        fields_of(
            {{"captcha", bl::field_value::of_bytes(ls.captcha_image)},
             {"attempts_left", bl::field_value::of_number(static_cast<std::uint64_t>(ls.attempts_left))},
             {"last_try", bl::field_value::of_bool(ls.last_try)},
             {"error", bl::field_value::of_text(login_error)}}),
        cfg.step_wait);
    if (!answer) return phone_failed();
    const auto* captcha = bl::find_field(*answer, "captcha");
    const auto* word = bl::find_field(*answer, "security_word");
    if (!captcha || !word) return fail(board, "Eksik yanıt.", "Incomplete answer.");
    board.set(stage::portal, "Portala giriş yapılıyor…", "Logging in to the portal…");
    auto r = session.login(*cert.tckn, captcha->data, word->data);
    lg.info("portal_login", {{"captcha", captcha->data},
                             {"security_word", word->data},
                             {"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
    if (r) {
      masked_phone = r->masked_phone;
      break;
    }
    if (r.error() == portal::portal_errc::wrong_captcha ||
        r.error() == portal::portal_errc::wrong_credentials) {
      login_error = std::string(portal::code_name(r.error()));
      continue;  // the person decides whether to try again, on the phone
    }
    return fail(board, std::string(portal::describe(r.error(), ui::language::tr)),
                std::string(portal::describe(r.error(), ui::language::en)));
  }
  // 6. The registered phone number, as the portal shows it (masked).
  auto confirm = phone.ask(
      "confirm_phone", fields_of({{"masked_phone", bl::field_value::of_text(masked_phone)}}), cfg.step_wait);
  if (!confirm) return phone_failed();
  const auto* ok = bl::find_field(*confirm, "confirmed");
  if (!ok || !ok->flag)
    return fail(board, "Kayıtlı numara size ait değil: Kamu SM çağrı merkezini arayın (444 5 576).",
                "The registered number is not yours: call the Kamu SM call centre (444 5 576).");
  if (auto r = session.confirm_phone(); !r)
    return fail(board, std::string(portal::describe(r.error(), ui::language::tr)),
                std::string(portal::describe(r.error(), ui::language::en)));
  // 7. The SMS code.
  std::string sms_error;
  for (;;) {
    board.set(stage::on_phone, "SMS kodunu telefondaki sayfaya yazın.", "Type the SMS code on the phone.");
    auto answer =
        phone.ask("sms_code", fields_of({{"error", bl::field_value::of_text(sms_error)}}), cfg.step_wait);
    if (!answer) return phone_failed();
    const auto* code = bl::find_field(*answer, "code");
    if (!code) return fail(board, "Eksik yanıt.", "Incomplete answer.");
    auto r = session.submit_sms(code->data);
    lg.info("sms_code_submitted",
            {{"code", code->data},
             {"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
    if (r) break;
    if (r.error() == portal::portal_errc::wrong_sms_code) {
      sms_error = "wrong_sms_code";
      continue;
    }
    return fail(board, std::string(portal::describe(r.error(), ui::language::tr)),
                std::string(portal::describe(r.error(), ui::language::en)));
  }
  // 8. PIN/PUK: only to the phone.
  auto info = session.pin_puk();
  if (!info)
    return fail(board, std::string(portal::describe(info.error(), ui::language::tr)),
                std::string(portal::describe(info.error(), ui::language::en)));
  lg.info("pin_puk_read", {{"pin", info->pin}, {"card_serial", info->card_serial}});
  // The portal's PIN belongs to the card with the portal's serial: the PIN is never sent to another.
  const bool serial_matches = card::same_card_serial(info->card_serial, summary->serial);
  if (!serial_matches)
    board.add_warning(
        "Portaldaki kart seri numarası takılı kartla aynı değil; PIN bu kartta değiştirilmeyecek. / "
        "The portal's card serial differs from the inserted card; the PIN will not be changed on it.");
  bool pin_changed = false, deleted = false;
  std::string note;
  for (;;) {
    bl::fields f = fields_of({{"pin", bl::field_value::of_bytes(info->pin.view())},
                              {"serial", bl::field_value::of_text(info->card_serial)},
                              {"card_serial", bl::field_value::of_text(summary->serial)},
                              {"serial_matches", bl::field_value::of_bool(serial_matches)},
                              {"pin_changed", bl::field_value::of_bool(pin_changed)},
                              {"deleted", bl::field_value::of_bool(deleted)},
                              {"note", bl::field_value::of_text(note)}});
    if (info->puk) f.push_back({"puk", bl::field_value::of_bytes(info->puk->view())});
    board.set(stage::on_phone, "PIN telefonunuzda gösteriliyor.", "The PIN is shown on your phone.");
    auto answer = phone.ask("pin", std::move(f), cfg.step_wait);
    if (!answer) break;  // the person left: nothing more to do
    const auto action = text(bl::find_field(*answer, "action"));
    if (action == "change" && !pin_changed) {
      if (!serial_matches) {  // refused, not warned about: nothing goes to a card that is not the person's
        lg.warn("pin_change_refused", {{"reason", std::string("serial_mismatch")}});
        note = "pin_change_refused_serial";
        continue;
      }
      const auto* new_pin = bl::find_field(*answer, "new_pin");
      if (!new_pin) continue;
      auto r = the_card->change_pin(info->pin, new_pin->data);  // one attempt, on the person's action
      lg.info("pin_change", {{"new_pin", new_pin->data},
                             {"result", r ? std::string("ok") : std::string(card::code_name(r.error()))}});
      pin_changed = r.ok();
      note = r ? "pin_changed" : std::string(card::code_name(r.error()));
      continue;
    }
    if (action == "delete" && !deleted) {
      const auto* confirmed = bl::find_field(*answer, "confirmed");
      auto r = session.delete_passwords(confirmed && confirmed->flag);
      lg.info("portal_delete",
              {{"result", r ? std::string("ok") : std::string(portal::code_name(r.error()))}});
      deleted = r.ok();
      note = r ? "deleted" : std::string(portal::code_name(r.error()));
      continue;
    }
    break;  // "finish"
  }
  session.logout();
  (void)phone.ask("done",
                  fields_of({{"pin_changed", bl::field_value::of_bool(pin_changed)},
                             {"deleted", bl::field_value::of_bool(deleted)}}),
                  std::chrono::seconds(30));
  link->close("done");  // returns once the phone acknowledged the bye (or after 3 s)
  lg.info("phone_bye", {{"acknowledged", link->bye_acknowledged()}});
  board.set(stage::done, "Tamamlandı. Kartınız kullanıma hazır.", "Done. Your card is ready to use.");
  return true;
}

}  // namespace eimza::journey
