#pragma once
// The HTML form-submission algorithm, as browsers run it ("constructing the entry list"): only
// successful controls — no disabled ones, no buttons but the submitter, checkboxes and radios only
// when checked (value "on" by default), a select's selected options (the first when none is
// selected), an image submitter as name.x/name.y — in tree order; the submitter's formaction and
// formmethod; values typed by the person replace the page's for the controls they name; an
// ASP.NET __doPostBack fills __EVENTTARGET/__EVENTARGUMENT. Values are encoded in the page's
// charset (charset.hpp).
#include <optional>
#include <string>
#include <vector>

#include "portal/html_page.hpp"
#include "portal/http_client.hpp"

namespace eimza::portal {

struct form_submission {
  std::string method;  // "get" or "post"
  std::string url;     // absolute; for GET with the query
  std::vector<form_value> fields;
};

/// ours: values for controls by name (the person's input). submitter may be null (a postback or
/// a script submit). base_url: the page's URL.
[[nodiscard]] form_submission build_submission(const html_form& form, const form_control* submitter,
                                               std::vector<form_value> ours, const std::string& base_url,
                                               const std::string& charset,
                                               const std::optional<postback>& pb = std::nullopt);

}  // namespace eimza::portal
