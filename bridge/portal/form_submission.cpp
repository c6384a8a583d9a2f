#include "portal/form_submission.hpp"

#include "portal/charset.hpp"

namespace eimza::portal {
namespace {

bridgelink::secret_bytes text(std::string_view s) {
  return bridgelink::secret_bytes(bridgelink::as_bytes(s));
}

}  // namespace

form_submission build_submission(const html_form& form, const form_control* submitter,
                                 std::vector<form_value> ours, const std::string& base_url,
                                 const std::string& charset, const std::optional<postback>& pb) {
  if (pb) {
    ours.push_back({"__EVENTTARGET", text(pb->target)});
    ours.push_back({"__EVENTARGUMENT", text(pb->argument)});
  }
  auto take_ours = [&](const std::string& name) -> std::optional<bridgelink::secret_bytes> {
    for (auto& v : ours)
      if (!v.name.empty() && v.name == name) {
        auto out = std::move(v.value);
        v.name.clear();  // used
        return out;
      }
    return std::nullopt;
  };
  form_submission s;
  for (const auto& c : form.controls) {
    if (c.disabled) continue;
    if (c.is_button()) {
      if (&c != submitter) continue;
      if (c.type == "image") {
        const std::string prefix = c.name.empty() ? "" : c.name + ".";
        s.fields.push_back({prefix + "x", text("0")});
        s.fields.push_back({prefix + "y", text("0")});
      } else if (!c.name.empty()) {
        s.fields.push_back({c.name, text(c.value)});
      }
      continue;
    }
    if (c.name.empty() || c.type == "file") continue;
    if ((c.type == "checkbox" || c.type == "radio") && !c.checked) continue;
    if (auto mine = take_ours(c.name)) {
      s.fields.push_back({c.name, std::move(*mine)});
      continue;
    }
    if (c.type == "select-one" || c.type == "select-multiple") {
      for (const auto& v : c.selected) s.fields.push_back({c.name, text(v)});
      continue;
    }
    if (c.type == "checkbox" || c.type == "radio") {
      s.fields.push_back({c.name, text(c.value.empty() ? "on" : c.value)});
      continue;
    }
    s.fields.push_back({c.name, text(c.value)});
  }
  // A postback's fields when the page had no hidden inputs for them.
  for (auto& v : ours)
    if (!v.name.empty() && (v.name == "__EVENTTARGET" || v.name == "__EVENTARGUMENT"))
      s.fields.push_back(std::move(v));
  for (auto& f : s.fields) f.value = from_utf8(f.value.view(), charset);
  const std::string action =
      submitter && !submitter->formaction.empty() ? submitter->formaction : form.action;
  s.method = submitter && (submitter->formmethod == "post" || submitter->formmethod == "get")
                 ? submitter->formmethod
                 : form.method;
  if (s.method != "post") s.method = "get";
  s.url = resolve_url(base_url, action);
  if (s.method == "get") {
    const auto q = form_encode(s.fields);
    s.url = s.url.substr(0, s.url.find('?')) + "?" +
            std::string(reinterpret_cast<const char*>(q.data()), q.size());
    s.fields.clear();
  }
  return s;
}

}  // namespace eimza::portal
