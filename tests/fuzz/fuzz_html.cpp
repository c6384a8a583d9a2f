// libFuzzer: the portal page model (gumbo + our walker) on arbitrary markup, and the label /
// button lookups the flow does on it. No crash, no unbounded recursion or memory.
#include <string_view>

#include "portal/html_page.hpp"
#include "portal/text_match.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto page = eimza::portal::parse_html(in);
  (void)page.form_with_field("Kimlik No");
  (void)page.form_with_button("Giriş");
  (void)page.link("PIN/PUK Bilgisi");
  (void)page.row("PIN");
  (void)eimza::portal::contains_text(page.text, "bloke");
  (void)eimza::portal::normalize_text(in.substr(0, 4096));
  return 0;
}
