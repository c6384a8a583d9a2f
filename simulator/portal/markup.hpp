#pragma once
// The words and the HTML habits of one portal markup. Two are built in (kamusm: the activation
// guide's texts; alt: other words, wrapping labels, <input type=submit>, no separate "send SMS"
// step); more are data: simulator/portal/markups/*.json, each {"base": "kamusm"|"alt",
// "texts": {field: text}, "style": {…}} — the ordinary variations a real portal may use (labels
// in table cells, image buttons, ASP.NET postbacks, captcha outside the form or inline, PIN/PUK in
// other tables, windows-1254, a refresh after POST, messages only in alert(), NFD text…).
#include <memory>
#include <string>

namespace eimza::sim {

struct markup {
  // Texts a person reads.
  std::string entry_title, entry_link, choose_title, login_link, other_login_1, other_login_2;
  std::string login_title, kimlik_label, captcha_label, word_label, login_button, forgot_button;
  std::string wrong_captcha, wrong_word, blocked, guidance;
  std::string phone_title, phone_intro, confirm_button, send_intro, send_button;
  std::string sms_label, sms_button, wrong_sms, sms_expired, too_many_sms;
  std::string menu_title, pin_puk_button, unlock_button, logout_button;
  std::string table_key, table_value, serial_row, pin_row, puk_row, save_link, delete_link, no_passwords;
  std::string delete_question, delete_yes, delete_no, deleted, expired, logged_out, bad_request;
  // HTML habits.
  std::string labels = "for";         // for | wrap | aria_labelledby | table_cell | text_before
  std::string buttons = "button";     // button | input_submit | input_image | postback
  std::string captcha = "in_form";    // in_form | outside_form | data_uri | css_background
  std::string values = "two_cell";    // two_cell | wide_row | header_row | dl | readonly
  std::string messages = "div";       // div | script_alert
  std::string charset = "utf-8";      // utf-8 | windows-1254 | iso-8859-9
  std::string charset_in = "header";  // header | meta (and a bare text/html header)
  bool send_step = true;              // a separate "send SMS" screen
  bool info_icon = false;             // a small info icon in the login form, before the captcha
  bool nbsp_values = false;           // PIN/PUK values padded with &nbsp;
  bool refresh_after_post = false;    // every POST answers with <meta http-equiv=refresh> to the result
  bool upper_case_messages = false;
  bool extra_controls = false;  // a selected <select>, checked radios and a checkbox the server requires
  bool nfd = false;             // texts in NFD, İ as I + U+0307
};

/// "kamusm", "alt", or a path to a markup JSON file. Throws std::runtime_error naming the problem.
[[nodiscard]] std::shared_ptr<const markup> load_markup(const std::string& name_or_path);

/// Text as this markup writes it (NFD when asked), not escaped.
[[nodiscard]] std::string as_written(const markup& m, std::string_view text);
/// as_written, HTML-escaped.
[[nodiscard]] std::string visible(const markup& m, std::string_view text);
/// A message as this markup writes it (upper case, Turkish rules, when asked), not escaped.
[[nodiscard]] std::string message_text(const markup& m, std::string_view text);
[[nodiscard]] std::string html_escape(std::string_view s);
/// UTF-8 ↔ the markup's charset (glibc iconv).
[[nodiscard]] std::string encode_body(const markup& m, const std::string& utf8);
[[nodiscard]] std::string decode_value(const markup& m, const std::string& raw);

}  // namespace eimza::sim
