#include "journey/desktop_page.hpp"
#include "bridgelink/random.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

#include <condition_variable>
#include <functional>
#include <mutex>

#include <map>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>
#include <optional>

#include "bridgelink/secret.hpp"
#include "journey/desktop_text.hpp"
#include "journey/journey_text.hpp"
#include "ui/terminal_qr.hpp"
#include "ui/text.hpp"

namespace eimza::journey {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// The page's files (bridge/journey/desktop/), compiled in by cmake/embed_text.cmake.
extern const char* const desktop_html;
extern const char* const desktop_css;
extern const char* const desktop_js;
extern const char* const desktop_text_js;

namespace {

std::string_view outcome_name(bridgelink::sas_verifier::outcome o) {
  switch (o) {
    case bridgelink::sas_verifier::outcome::accepted: return "accepted";
    case bridgelink::sas_verifier::outcome::wrong: return "wrong";
    case bridgelink::sas_verifier::outcome::locked: return "locked";
    case bridgelink::sas_verifier::outcome::malformed: return "malformed";
  }
  return "malformed";
}

// The page's own words from the catalogue, both languages: {tr: {key: text}, en: {…}} ({left} and
// other placeholders are filled by the page).
const std::string& page_words() {
  static const std::string json = [] {
    boost::json::object out;
    for (auto lang : {ui::language::tr, ui::language::en}) {
      boost::json::object words;
      auto add = [&](auto d) { words[d.name] = ui::catalogue_text(lang, ui::key_of(d.value)); };
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<desktop_text>>(add);
      boost::mp11::mp_for_each<boost::describe::describe_enumerators<desktop_guide>>(add);
      out[ui::enum_name(lang)] = std::move(words);
    }
    return boost::json::serialize(out);
  }();
  return json;
}

// A plain-text page for a browser whose language we do not know: Turkish, then English.
std::string both_lines(journey_text id) {
  const auto [tr, en] = ui::say_both(id);
  return tr + "\n" + en + "\n";
}

}  // namespace

std::string qr_svg(const std::string& text) {
  const auto qr = ui::make_qr(text);
  const int size = qr.getSize(), border = 4;
  std::string path;
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      if (qr.getModule(x, y))
        path += "M" + std::to_string(x + border) + "," + std::to_string(y + border) + "h1v1h-1z";
  const auto dim = std::to_string(size + 2 * border);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dim + " " + dim +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"" +
         path + "\" fill=\"#000\"/></svg>";
}

struct desktop_page::impl : std::enable_shared_from_this<desktop_page::impl> {
  asio::io_context& io;
  status_board& board;
  std::string token;  // the session: only ever in the HttpOnly cookie
  tcp::acceptor acceptor;
  std::mutex codes_m;
  std::map<std::string, std::chrono::steady_clock::time_point> codes;  // one-time link codes → expiry

  std::string mint_code() {
    bridgelink::system_random rng;
    std::array<std::uint8_t, 16> b{};
    rng.fill(b);
    auto code = bridgelink::to_base64url(b);
    std::lock_guard lk(codes_m);
    const auto now = std::chrono::steady_clock::now();
    for (auto it = codes.begin(); it != codes.end();) it = it->second < now ? codes.erase(it) : std::next(it);
    if (codes.size() < 64) codes.emplace(code, now + std::chrono::minutes(2));
    return code;
  }
  // True once per unexpired code.
  bool redeem(const std::string& code) {
    std::lock_guard lk(codes_m);
    for (auto it = codes.begin(); it != codes.end(); ++it)
      if (bridgelink::constant_time_equal(bridgelink::as_bytes(it->first), bridgelink::as_bytes(code))) {
        const bool fresh = it->second >= std::chrono::steady_clock::now();
        codes.erase(it);
        return fresh;
      }
    return false;
  }
  bool has_session(const http::request<http::string_body>& req) const {
    const std::string_view cookies = req[http::field::cookie];
    constexpr std::string_view name = "eimza_desktop=";
    for (std::size_t pos = 0; pos < cookies.size();) {
      while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
      const auto end = std::min(cookies.find(';', pos), cookies.size());
      const auto item = cookies.substr(pos, end - pos);
      if (item.substr(0, name.size()) == name &&
          bridgelink::constant_time_equal(bridgelink::as_bytes(item.substr(name.size())),
                                          bridgelink::as_bytes(token)))
        return true;
      pos = end;
    }
    return false;
  }

  impl(asio::io_context& i, status_board& b, std::string t, unsigned short port)
      : io(i),
        board(b),
        token(std::move(t)),
        acceptor(i, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)) {}

  void accept() {
    acceptor.async_accept(io.get_executor(),
                          [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
                            if (ec == asio::error::operation_aborted) return;
                            if (!ec) self->serve(std::make_shared<beast::tcp_stream>(std::move(s)));
                            self->accept();
                          });
  }

  void serve(std::shared_ptr<beast::tcp_stream> stream) {
    auto buffer = std::make_shared<beast::flat_buffer>();
    auto parser = std::make_shared<http::request_parser<http::string_body>>();
    parser->header_limit(8 * 1024);
    parser->body_limit(1024);
    stream->expires_after(std::chrono::seconds(10));
    http::async_read(*stream, *buffer, *parser,
                     [self = shared_from_this(), stream, buffer, parser](beast::error_code ec, std::size_t) {
                       if (ec) return;
                       auto res = self->handle(parser->get());
                       // GET /api/state?after=<version>: held until the board moves on (a long
                       // poll: the page does not ask again and again).
                       if (res.result() == http::status::ok && self->holds(parser->get()))
                         return self->park(stream, parser->release());
                       respond(stream, std::move(res), self->on_sent(parser->get()));
                     });
  }

  static void respond(const std::shared_ptr<beast::tcp_stream>& stream, http::response<http::string_body> r,
                      std::function<void()> sent = {}) {
    auto res = std::make_shared<http::response<http::string_body>>(std::move(r));
    res->keep_alive(false);
    res->prepare_payload();
    stream->expires_after(std::chrono::seconds(10));
    http::async_write(*stream, *res, [stream, res, sent](beast::error_code ec, std::size_t) {
      beast::error_code e;
      stream->socket().shutdown(tcp::socket::shutdown_both, e);
      if (!ec && sent) sent();
    });
  }

  // What the page has been sent: the last state version written out (wait_shown()).
  std::mutex shown_m;
  std::condition_variable shown_cv;
  std::uint64_t shown_version = 0;
  bool watched = false;
  std::uint64_t answered_version = 0;  // of the state handle() built last (io thread)

  // For a state answer: marks its version as shown once written.
  std::function<void()> on_sent(const http::request<http::string_body>& req) {
    const std::string_view target = req.target();
    if (target.substr(0, target.find('?')) != "/api/state") return {};
    return [self = shared_from_this(), v = answered_version] {
      {
        std::lock_guard lk(self->shown_m);
        self->watched = true;
        self->shown_version = std::max(self->shown_version, v);
      }
      self->shown_cv.notify_all();
    };
  }

  // The long poll. Only ever on the io thread; the board's subscription posts here.
  struct parked {
    std::shared_ptr<beast::tcp_stream> stream;
    http::request<http::string_body> req;
    std::shared_ptr<asio::steady_timer> timer;
  };
  static constexpr std::size_t max_parked = 8;             // a few tabs; more are answered at once
  static constexpr std::chrono::seconds longest_hold{25};  // then answered as it is: the page asks again
  std::vector<std::shared_ptr<parked>> waiting;
  std::uint64_t subscription = 0;

  // The request asks to wait for a version the board is still at.
  bool holds(const http::request<http::string_body>& req) const {
    if (waiting.size() >= max_parked) return false;
    const std::string_view target = req.target();
    const auto at = target.find("?after=");
    if (at == std::string_view::npos) return false;
    std::uint64_t after = 0;
    const auto digits = target.substr(at + 7);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), after);
    return ec == std::errc{} && end == digits.data() + digits.size() && after == board.snapshot().version;
  }

  void park(const std::shared_ptr<beast::tcp_stream>& stream, http::request<http::string_body> req) {
    auto p =
        std::make_shared<parked>(parked{stream, std::move(req), std::make_shared<asio::steady_timer>(io)});
    stream->expires_never();  // the timer below bounds the wait
    p->timer->expires_after(longest_hold);
    p->timer->async_wait([self = shared_from_this(), p](beast::error_code ec) {
      if (!ec) self->answer(p);
    });
    waiting.push_back(std::move(p));
  }

  void answer(const std::shared_ptr<parked>& p) {
    const auto it = std::find(waiting.begin(), waiting.end(), p);
    if (it == waiting.end()) return;  // answered already
    waiting.erase(it);
    p->timer->cancel();
    auto res = handle(p->req);
    respond(p->stream, std::move(res), on_sent(p->req));
  }

  // The board changed: every held request is answered with the new state.
  void board_changed() {
    for (auto held = waiting; const auto& p : held) answer(p);
  }

  http::response<http::string_body> reply(http::status st, std::string_view type, std::string body) {
    http::response<http::string_body> r{st, 11};
    r.set(http::field::content_type, type);
    r.set(http::field::cache_control, "no-store");
    r.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; connect-src 'self'; "
          "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    r.set("X-Content-Type-Options", "nosniff");
    r.set("X-Frame-Options", "DENY");
    r.set("Referrer-Policy", "no-referrer");
    r.body() = std::move(body);
    return r;
  }

  http::response<http::string_body> handle(const http::request<http::string_body>& req) {
    const auto port = std::to_string(acceptor.local_endpoint().port());
    const std::string host(req[http::field::host]);
    // DNS rebinding: only our own loopback name.
    if (host != "127.0.0.1:" + port && host != "localhost:" + port)
      return reply(http::status::misdirected_request, "text/plain", "wrong host\n");
    const std::string origin(req[http::field::origin]);
    if (!origin.empty() && origin != "http://127.0.0.1:" + port && origin != "http://localhost:" + port)
      return reply(http::status::forbidden, "text/plain", "cross-origin requests are refused\n");
    const std::string target(req.target());
    const std::string path = target.substr(0, target.find('?'));
    const std::string query =
        target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1);
    if (req.method() == http::verb::get && path == "/" && query.rfind("c=", 0) == 0) {
      // The one-time link: swapped for the session cookie, then the same page without the code.
      if (!redeem(query.substr(2)))
        return reply(http::status::unauthorized, "text/plain; charset=utf-8",
                     both_lines(journey_text::link_used));
      auto r = reply(http::status::see_other, "text/plain", "");
      r.set(http::field::location, "/");
      r.set(http::field::set_cookie, "eimza_desktop=" + token + "; Path=/; HttpOnly; SameSite=Strict");
      return r;
    }
    if (req.method() == http::verb::get && path == "/") {
      if (!has_session(req))
        return reply(http::status::unauthorized, "text/plain; charset=utf-8",
                     both_lines(journey_text::open_with_link));
      return reply(http::status::ok, "text/html; charset=utf-8", desktop_html);
    }
    if (req.method() == http::verb::get && path == "/desktop.js")
      return reply(http::status::ok, "text/javascript; charset=utf-8", desktop_js);
    if (req.method() == http::verb::get && path == "/desktop-text.js")
      return reply(http::status::ok, "text/javascript; charset=utf-8", desktop_text_js);
    if (req.method() == http::verb::get && path == "/desktop-text.json")
      return reply(http::status::ok, "application/json; charset=utf-8", page_words());
    if (req.method() == http::verb::get && path == "/desktop.css")
      return reply(http::status::ok, "text/css; charset=utf-8", desktop_css);
    if (path.rfind("/api/", 0) == 0) {
      if (!has_session(req) || req["X-Desktop"] != "1")
        return reply(http::status::unauthorized, "text/plain", "session required\n");
      if (req.method() == http::verb::get && path == "/api/state") {
        const auto s = board.snapshot();
        answered_version = s.version;
        boost::json::array warnings;
        for (const auto& w : s.warnings) {
          auto [tr, en] = ui::say_both(w);
          warnings.emplace_back(boost::json::object{{"tr", std::move(tr)}, {"en", std::move(en)}});
        }
        auto [message_tr, message_en] = ui::say_both(s.message);
        boost::json::object o{{"stage", stage_name(s.at)},
                              {"step", ui::enum_name(s.step)},
                              {"paused", pause_of(s)},
                              {"message_tr", std::move(message_tr)},
                              {"message_en", std::move(message_en)},
                              {"qr_svg", s.qr_url.empty() ? "" : qr_svg(s.qr_url)},
                              {"warnings", std::move(warnings)},
                              {"sas_attempts_left", s.sas_attempts_left},
                              {"version", s.version}};
        if (s.card) {
          auto [verdict_tr, verdict_en] = ui::say_both(s.card->verdict);
          o["card"] = boost::json::object{{"holder", s.card->holder},
                                          {"tckn_masked", s.card->tckn_masked},
                                          {"serial", s.card->serial},
                                          {"valid_from", s.card->valid_from},
                                          {"valid_to", s.card->valid_to},
                                          {"validity", s.card->validity},
                                          {"verdict_tr", std::move(verdict_tr)},
                                          {"verdict_en", std::move(verdict_en)}};
        }
        return reply(http::status::ok, "application/json", boost::json::serialize(o));
      }
      if (req.method() == http::verb::post && path == "/api/cancel") {
        board.request_cancel();
        return reply(http::status::ok, "application/json", "{\"cancelled\":true}");
      }
      if (req.method() == http::verb::post && path == "/api/sas") {
        const auto outcome = board.submit_sas(req.body());
        const auto s = board.snapshot();
        // Nothing armed: the phone's channel ended (or pairing is not done): nothing is accepted.
        boost::json::object o{{"outcome", outcome ? outcome_name(*outcome) : "unavailable"},
                              {"attempts_left", s.sas_attempts_left}};
        return reply(http::status::ok, "application/json", boost::json::serialize(o));
      }
    }
    return reply(http::status::not_found, "text/plain", "not found\n");
  }
};

bool desktop_page::wait_shown(std::uint64_t version, std::chrono::milliseconds grace) {
  std::unique_lock lk(impl_->shown_m);
  if (!impl_->watched) return false;  // no page open: nobody to show it to
  return impl_->shown_cv.wait_for(lk, grace, [&] { return impl_->shown_version >= version; });
}

desktop_page::desktop_page(asio::io_context& io, status_board& board, std::string token, unsigned short port)
    : impl_(std::make_shared<impl>(io, board, std::move(token), port)) {
  impl_->subscription = board.subscribe([&io, w = std::weak_ptr<impl>(impl_)] {
    asio::post(io, [w] {
      if (auto self = w.lock()) self->board_changed();
    });
  });
  impl_->accept();
}

desktop_page::~desktop_page() {
  impl_->board.unsubscribe(impl_->subscription);
  stop();
}

unsigned short desktop_page::port() const {
  return impl_->acceptor.local_endpoint().port();
}

std::string desktop_page::url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/?c=" + impl_->mint_code();
}

void desktop_page::stop() {
  beast::error_code ec;
  impl_->acceptor.close(ec);
}

}  // namespace eimza::journey
