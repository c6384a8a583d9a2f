#pragma once
// A sentence for the person, not yet in a language: a catalogue key and named arguments. Layers
// return codes and messages; the text is looked up at the edge (terminal, desktop page, tray,
// notifications) in the person's language. The catalogue is bridge/ui/i18n/{tr,en}.json, compiled
// in; docs/architecture.md "Text" says how to add a sentence.
//
// Enums whose values are shown to the person are the message ids: each is described with
// BOOST_DESCRIBE_ENUM and names its catalogue domain with a `text_domain(E)` function next to it,
// so `card_errc::no_reader` is the key "card.no_reader". The catalogue test checks every
// enumerator of every such enum against both languages.
#include <concepts>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/enum_name.hpp"

namespace eimza::ui {

template <class E>
concept catalogued = described_enum<E> && requires(E e) {
  { text_domain(e) } -> std::convertible_to<std::string_view>;
};

/// "domain.enumerator".
template <catalogued E>
[[nodiscard]] std::string key_of(E e) {
  std::string key(text_domain(e));
  key += '.';
  key += enum_name(e);
  return key;
}

class message {
 public:
  using arg = std::pair<std::string, std::string>;

  message() = default;
  template <catalogued E>
  message(E id, std::vector<arg> args = {})  // NOLINT(google-explicit-constructor): an id is a message
      : key_(key_of(id)), args_(std::move(args)) {}

  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  [[nodiscard]] const std::vector<arg>& args() const noexcept { return args_; }
  [[nodiscard]] bool empty() const noexcept { return key_.empty(); }
  friend bool operator==(const message&, const message&) = default;

 private:
  std::string key_;
  std::vector<arg> args_;
};

}  // namespace eimza::ui
