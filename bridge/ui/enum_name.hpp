#pragma once
// Enum names through one mechanism: an enum described with BOOST_DESCRIBE_ENUM gives its
// enumerators' names (for logs, JSON, the phone, the catalogue's keys) and reads them back.
#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <optional>
#include <string_view>
#include <type_traits>

namespace eimza::ui {

template <class E>
concept described_enum = std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

/// The enumerator's name as written in the source ("no_reader"); "?" for a value with none.
template <described_enum E>
[[nodiscard]] std::string_view enum_name(E e) noexcept {
  return boost::describe::enum_to_string(e, "?");
}

/// The enumerator with this name, or nullopt.
template <described_enum E>
[[nodiscard]] std::optional<E> enum_from_name(std::string_view name) noexcept {
  std::optional<E> found;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto d) {
    if (!found && name == d.name) found = d.value;
  });
  return found;
}

}  // namespace eimza::ui
