#include "portal/html_page.hpp"

#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <unordered_map>
#include <utility>

#include "portal/text_match.hpp"

namespace eimza::portal {
namespace {

// Gumbo keeps copies of text nodes (the PIN among them): allocate with a size header so the
// deallocator can wipe every block it frees.
void* wiping_alloc(void*, size_t size) {
  auto* p = static_cast<std::size_t*>(std::malloc(size + sizeof(std::max_align_t)));
  if (!p) return nullptr;
  *p = size;
  return reinterpret_cast<char*>(p) + sizeof(std::max_align_t);
}
void wiping_free(void*, void* ptr) {
  if (!ptr) return;
  auto* base = reinterpret_cast<std::size_t*>(static_cast<char*>(ptr) - sizeof(std::max_align_t));
  bridgelink::secure_wipe(ptr, *base);
  std::free(base);
}

constexpr int max_depth = 512;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_element(const GumboNode* n) {
  return n && n->type == GUMBO_NODE_ELEMENT;
}
bool is_tag(const GumboNode* n, GumboTag t) {
  return is_element(n) && n->v.element.tag == t;
}

std::string attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string(a->value) : std::string();
}
bool has_attr(const GumboElement& e, const char* name) {
  return gumbo_get_attribute(&e.attributes, name) != nullptr;
}

int int_attr(const GumboElement& e, const char* name) {
  const auto v = attr(e, name);
  int n = -1;
  const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  return ec == std::errc{} ? n : -1;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_P:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ARTICLE: return true;
    default: return false;
  }
}

// Elements a browser lays out on lines of their own: their text never runs into the next.
bool breaks_line(GumboTag t) {
  if (is_block(t)) return true;
  switch (t) {
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LABEL: return true;
    default: return false;
  }
}

void append_space(std::string& out) {
  if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
}

// Visible text under root (iterative, depth-bounded): no script/style, no select/textarea
// content; submit-like inputs contribute their caption; block elements are on lines of their own.
void collect_text(const GumboNode* root, std::string& out) {
  std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (!n) {  // the end of a block
      if (!out.empty() && out.back() != '\n') out.push_back('\n');
      continue;
    }
    if (depth > max_depth) continue;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      append_space(out);
      out += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const auto tag = n->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
        tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_TEMPLATE)
      continue;
    if (tag == GUMBO_TAG_INPUT) {
      const auto type = lower(attr(n->v.element, "type"));
      if (type == "submit" || type == "button" || type == "reset") {
        append_space(out);
        out += attr(n->v.element, "value");
      }
      continue;
    }
    if (breaks_line(tag)) {
      if (!out.empty() && out.back() != '\n') out.push_back('\n');
      stack.push_back({nullptr, depth});
    }
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;)
      stack.push_back({static_cast<const GumboNode*>(kids.data[i]), depth + 1});
  }
}

// Spaces collapsed, line breaks kept (one per run): the page text's lines, trimmed.
std::string collapse_keep_lines(std::string_view raw) {
  std::string out;
  bool space = false, line = false;
  for (char c : raw) {
    if (c == '\n') {
      line = !out.empty();
      space = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (line) out.push_back('\n'), line = false, space = false;
    if (space) out.push_back(' '), space = false;
    out.push_back(c);
  }
  return out;
}

std::string collapse(std::string_view raw) {
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' '), space = false;
    out.push_back(c);
  }
  return out;
}

std::string text_of(const GumboNode* n) {
  std::string raw;
  collect_text(n, raw);
  return trim_space(collapse(raw));
}

bool contains_control(const GumboNode* root) {
  std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (!is_element(n) || depth > max_depth) continue;
    const auto t = n->v.element.tag;
    if (t == GUMBO_TAG_INPUT || t == GUMBO_TAG_SELECT || t == GUMBO_TAG_TEXTAREA || t == GUMBO_TAG_BUTTON)
      return true;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      stack.push_back({static_cast<const GumboNode*>(kids.data[i]), depth + 1});
  }
  return false;
}

const GumboNode* previous_element(const GumboNode* n) {
  if (!n->parent) return nullptr;
  const GumboVector& sib = n->parent->v.element.children;
  for (auto i = static_cast<long>(n->index_within_parent) - 1; i >= 0; --i) {
    auto* s = static_cast<const GumboNode*>(sib.data[i]);
    if (is_element(s)) return s;
  }
  return nullptr;
}

std::vector<const GumboNode*> cells_of(const GumboNode* tr) {
  std::vector<const GumboNode*> cells;
  const GumboVector& kids = tr->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto* c = static_cast<const GumboNode*>(kids.data[i]);
    if (is_tag(c, GUMBO_TAG_TD) || is_tag(c, GUMBO_TAG_TH)) cells.push_back(c);
  }
  return cells;
}

bool all_header_cells(const std::vector<const GumboNode*>& cells) {
  return !cells.empty() &&
         std::all_of(cells.begin(), cells.end(), [](auto* c) { return is_tag(c, GUMBO_TAG_TH); });
}

// The all-<th> row above a data row (in the same section, or the <thead> before its <tbody>).
const GumboNode* header_row_for(const GumboNode* tr) {
  const GumboNode* prev = previous_element(tr);
  if (is_tag(prev, GUMBO_TAG_TR)) return all_header_cells(cells_of(prev)) ? prev : nullptr;
  if (prev || !is_tag(tr->parent, GUMBO_TAG_TBODY)) return nullptr;
  const GumboNode* head = previous_element(tr->parent);
  if (!is_tag(head, GUMBO_TAG_THEAD)) return nullptr;
  const GumboNode* last = nullptr;
  const GumboVector& rows = head->v.element.children;
  for (unsigned i = 0; i < rows.length; ++i)
    if (is_tag(static_cast<const GumboNode*>(rows.data[i]), GUMBO_TAG_TR))
      last = static_cast<const GumboNode*>(rows.data[i]);
  return last && all_header_cells(cells_of(last)) ? last : nullptr;
}

std::string unescape_js(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    if (c == 'n')
      out.push_back(' ');
    else if (c == 'u' && i + 4 < s.size()) {
      unsigned cp = 0;
      if (std::from_chars(s.data() + i + 1, s.data() + i + 5, cp, 16).ec == std::errc{}) {
        // UTF-8 of a BMP code point
        if (cp < 0x80)
          out.push_back(static_cast<char>(cp));
        else if (cp < 0x800)
          out += {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
        else
          out += {static_cast<char>(0xE0 | cp >> 12), static_cast<char>(0x80 | (cp >> 6 & 0x3F)),
                  static_cast<char>(0x80 | (cp & 0x3F))};
        i += 4;
      }
    } else
      out.push_back(c);
  }
  return out;
}

// alert("…") / alert('…') calls in an inline script.
void script_alerts(std::string_view script, std::vector<std::string>& out) {
  for (std::size_t pos = script.find("alert"); pos != std::string_view::npos && out.size() < 32;
       pos = script.find("alert", pos + 5)) {
    auto p = script.find_first_not_of(" \t\r\n", pos + 5);
    if (p == std::string_view::npos || script[p] != '(') continue;
    p = script.find_first_not_of(" \t\r\n", p + 1);
    if (p == std::string_view::npos || (script[p] != '"' && script[p] != '\'')) continue;
    const char q = script[p];
    std::size_t end = p + 1;
    while (end < script.size() && script[end] != q) end += script[end] == '\\' ? 2 : 1;
    if (end >= script.size()) break;
    auto text = trim_space(unescape_js(script.substr(p + 1, end - p - 1)));
    if (!text.empty()) out.push_back(std::move(text));
  }
}

struct walker {
  html_page& page;
  std::unordered_map<std::string, const GumboNode*> ids;
  std::unordered_multimap<std::string, std::string> label_for;  // id -> label text

  void index(const GumboNode* root) {
    std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
    while (!stack.empty()) {
      auto [n, depth] = stack.back();
      stack.pop_back();
      if (!is_element(n) || depth > max_depth) continue;
      const GumboElement& e = n->v.element;
      if (auto id = attr(e, "id"); !id.empty()) ids.emplace(id, n);
      if (e.tag == GUMBO_TAG_LABEL)
        if (auto f = attr(e, "for"); !f.empty()) label_for.emplace(f, text_of(n));
      for (unsigned i = e.children.length; i-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), depth + 1});
    }
  }

  void walk(const GumboNode* root) {
    index(root);
    struct item {
      const GumboNode* n;
      int depth, form;
      bool disabled;  // inside a disabled fieldset
    };
    std::vector<item> stack{{root, 0, -1, false}};
    while (!stack.empty()) {
      const item it = stack.back();
      stack.pop_back();
      if (it.depth > max_depth || !is_element(it.n)) continue;
      const GumboElement& e = it.n->v.element;
      int form = it.form;
      bool disabled = it.disabled;
      bool descend = true;
      switch (e.tag) {
        case GUMBO_TAG_TITLE: page.title = text_of(it.n); break;
        case GUMBO_TAG_META: add_refresh(e); break;
        case GUMBO_TAG_SCRIPT:
          add_script(it.n);
          descend = false;
          break;
        case GUMBO_TAG_FORM: {
          html_form f;
          f.action = attr(e, "action");
          f.method = lower(attr(e, "method"));
          if (f.method != "post" && f.method != "dialog") f.method = "get";
          page.forms.push_back(std::move(f));
          form = static_cast<int>(page.forms.size()) - 1;
          break;
        }
        case GUMBO_TAG_FIELDSET: disabled = disabled || has_attr(e, "disabled"); break;
        case GUMBO_TAG_INPUT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_BUTTON:
          add_control(it.n, form, disabled);
          descend = e.tag == GUMBO_TAG_BUTTON;
          break;
        case GUMBO_TAG_OUTPUT: add_value_pairs(it.n, text_of(it.n)); break;
        case GUMBO_TAG_IMG: add_image(e, form, false); break;
        case GUMBO_TAG_A: add_link(it.n, form); break;
        case GUMBO_TAG_TR: add_row(it.n); break;
        case GUMBO_TAG_DT: add_term(it.n); break;
        default: break;
      }
      if (e.tag != GUMBO_TAG_IMG && lower(attr(e, "role")) == "img") add_image(e, form, true);
      if (is_message(e))
        if (auto t = text_of(it.n); !t.empty()) page.messages.push_back(std::move(t));
      if (!descend) continue;
      for (unsigned i = e.children.length; i-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), it.depth + 1, form, disabled});
    }
  }

  static bool is_message(const GumboElement& e) {
    const auto role = lower(attr(e, "role"));
    if (role == "alert" || role == "status" || has_attr(e, "aria-live")) return true;
    const auto cls = lower(attr(e, "class") + " " + attr(e, "id"));
    for (const char* k :
         // text-check: data (class names of the portal's error boxes)
         {"error", "alert", "hata", "uyari", "uyarı", "message", "mesaj", "warning", "validation", "notice"})
      if (cls.find(k) != std::string::npos) return true;
    return false;
  }

  void add_refresh(const GumboElement& e) {
    if (lower(attr(e, "http-equiv")) != "refresh") return;
    const auto content = attr(e, "content");
    int delay = 0;
    const auto [p, ec] = std::from_chars(content.data(), content.data() + content.size(), delay);
    if (ec != std::errc{} || delay > 5) return;  // a long timer is a timeout page, not a redirect
    const auto l = lower(content);
    auto at = l.find("url");
    if (at == std::string::npos) return;
    at = l.find('=', at);
    if (at == std::string::npos) return;
    auto url = trim_space(content.substr(at + 1));
    if (!url.empty() && (url.front() == '\'' || url.front() == '"')) {
      const char q = url.front();
      url = url.substr(1, url.find(q, 1) == std::string::npos ? std::string::npos : url.find(q, 1) - 1);
    }
    if (!url.empty()) page.refresh_url = url;
  }

  void add_script(const GumboNode* n) {
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      auto* c = static_cast<const GumboNode*>(kids.data[i]);
      if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA)
        script_alerts(c->v.text.text, page.messages);
    }
  }

  // The labels a person sees for a control (HTML and ARIA first, the layout only when there are none).
  std::vector<std::string> labels_of(const GumboNode* n) {
    const GumboElement& e = n->v.element;
    std::vector<std::string> out;
    auto add = [&](std::string s) {
      s = trim_space(collapse(s));
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    if (auto id = attr(e, "id"); !id.empty()) {
      auto [a, b] = label_for.equal_range(id);
      for (auto it = a; it != b; ++it) add(it->second);
    }
    for (const GumboNode* p = n->parent; is_element(p); p = p->parent)
      if (p->v.element.tag == GUMBO_TAG_LABEL) {
        add(text_of(p));
        break;
      }
    if (auto ids_attr = attr(e, "aria-labelledby"); !ids_attr.empty()) {
      std::string joined;
      std::size_t pos = 0;
      while (pos < ids_attr.size()) {
        const auto start = ids_attr.find_first_not_of(" \t\n", pos);
        if (start == std::string::npos) break;
        const auto end = ids_attr.find_first_of(" \t\n", start);
        const auto id = ids_attr.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (auto it = ids.find(id); it != ids.end())
          joined += (joined.empty() ? "" : " ") + text_of(it->second);
        pos = end == std::string::npos ? ids_attr.size() : end;
      }
      add(joined);
    }
    for (const char* a : {"aria-label", "title", "placeholder"}) add(attr(e, a));
    if (!out.empty()) return out;
    // Layout: the cell before in the same row, else the nearest text before it in its block.
    for (const GumboNode* p = n; is_element(p->parent); p = p->parent) {
      const GumboNode* parent = p->parent;
      if (parent->v.element.tag == GUMBO_TAG_TD || parent->v.element.tag == GUMBO_TAG_TH) {
        if (const GumboNode* prev = previous_element(parent);
            prev && (is_tag(prev, GUMBO_TAG_TD) || is_tag(prev, GUMBO_TAG_TH)) && !contains_control(prev))
          add(text_of(prev));
        break;
      }
      if (is_block(parent->v.element.tag)) break;
    }
    if (!out.empty()) return out;
    for (const GumboNode* p = n; is_element(p->parent); p = p->parent) {
      const GumboVector& sib = p->parent->v.element.children;
      for (auto i = static_cast<long>(p->index_within_parent) - 1; i >= 0; --i) {
        auto* s = static_cast<const GumboNode*>(sib.data[i]);
        if (is_element(s) && contains_control(s)) return out;  // that text belongs to another control
        std::string t;
        if (s->type == GUMBO_NODE_TEXT)
          t = trim_space(collapse(s->v.text.text));
        else if (is_element(s))
          t = text_of(s);
        if (!t.empty()) {
          add(t);
          return out;
        }
      }
      if (is_block(p->parent->v.element.tag)) break;
    }
    return out;
  }

  void add_control(const GumboNode* n, int form, bool in_disabled_fieldset) {
    const GumboElement& e = n->v.element;
    form_control c;
    c.name = attr(e, "name");
    c.id = attr(e, "id");
    c.disabled = in_disabled_fieldset || has_attr(e, "disabled");
    c.readonly = has_attr(e, "readonly");
    if (e.tag == GUMBO_TAG_INPUT) {
      c.type = lower(attr(e, "type"));
      if (c.type.empty()) c.type = "text";
      c.value = attr(e, "value");
      c.checked = has_attr(e, "checked");
    } else if (e.tag == GUMBO_TAG_BUTTON) {
      c.type = lower(attr(e, "type"));
      if (c.type != "button" && c.type != "reset") c.type = "submit";
      c.value = attr(e, "value");
      c.text = text_of(n);
    } else if (e.tag == GUMBO_TAG_TEXTAREA) {
      c.type = "textarea";
      std::string raw;
      const GumboVector& kids = e.children;
      for (unsigned i = 0; i < kids.length; ++i) {
        auto* k = static_cast<const GumboNode*>(kids.data[i]);
        if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) raw += k->v.text.text;
      }
      c.value = std::move(raw);
    } else {  // select
      const bool multiple = has_attr(e, "multiple");
      c.type = multiple ? "select-multiple" : "select-one";
      std::vector<std::pair<std::string, bool>> options;  // value, selected (non-disabled only)
      std::vector<std::pair<const GumboNode*, int>> stack;
      for (unsigned i = e.children.length; i-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), 0});
      while (!stack.empty()) {
        const GumboNode* o = stack.back().first;  // not a structured binding: the lambda below captures it
        const int depth = stack.back().second;
        stack.pop_back();
        if (!is_element(o) || depth > 2) continue;
        if (o->v.element.tag == GUMBO_TAG_OPTGROUP) {
          for (unsigned i = o->v.element.children.length; i-- > 0;)
            stack.push_back({static_cast<const GumboNode*>(o->v.element.children.data[i]), depth + 1});
          continue;
        }
        if (o->v.element.tag != GUMBO_TAG_OPTION || has_attr(o->v.element, "disabled")) continue;
        std::string v = has_attr(o->v.element, "value") ? attr(o->v.element, "value") : [&] {
          std::string raw;
          const GumboVector& ks = o->v.element.children;
          for (unsigned i = 0; i < ks.length; ++i) {
            auto* k = static_cast<const GumboNode*>(ks.data[i]);
            if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) raw += k->v.text.text;
          }
          return collapse(raw);
        }();
        options.emplace_back(std::move(v), has_attr(o->v.element, "selected"));
      }
      for (const auto& [v, sel] : options)
        if (sel) {
          if (!multiple) c.selected.clear();  // the last selected one wins
          c.selected.push_back(v);
        }
      if (!multiple && c.selected.empty() && !options.empty()) c.selected.push_back(options.front().first);
    }
    if (c.type == "submit" || c.type == "reset" || c.type == "button") {
      if (e.tag == GUMBO_TAG_INPUT) c.text = c.value.empty() ? attr(e, "title") : c.value;
      c.formaction = attr(e, "formaction");
      c.formmethod = lower(attr(e, "formmethod"));
      c.on_click = find_postback(attr(e, "onclick"));
    } else if (c.type == "image") {
      c.text = !attr(e, "alt").empty() ? attr(e, "alt") : !c.value.empty() ? c.value : attr(e, "title");
      c.formaction = attr(e, "formaction");
      c.formmethod = lower(attr(e, "formmethod"));
    }
    if (c.text.empty() && c.is_button()) c.text = attr(e, "aria-label");
    if (!c.is_button() && c.type != "hidden") c.labels = labels_of(n);
    // Values shown, not asked: readonly or disabled text-like inputs are key/value data too.
    if ((c.readonly || c.disabled) && !c.is_button() && c.type != "hidden" && c.type != "checkbox" &&
        c.type != "radio")
      for (const auto& l : c.labels)
        page.pairs.push_back({l, bridgelink::secret_bytes(bridgelink::as_bytes(trim_space(c.value)))});
    if (form >= 0) page.forms[static_cast<std::size_t>(form)].controls.push_back(std::move(c));
    bridgelink::secure_wipe(c.value.data(), c.value.size());
  }

  void add_value_pairs(const GumboNode* n, std::string value) {
    for (const auto& l : labels_of(n))
      page.pairs.push_back({l, bridgelink::secret_bytes(bridgelink::as_bytes(value))});
    bridgelink::secure_wipe(value.data(), value.size());
  }

  void add_image(const GumboElement& e, int form, bool css) {
    html_image img;
    img.css_background = css;
    if (css) {
      const auto style = attr(e, "style");
      const auto l = lower(style);
      if (l.find("background") == std::string::npos) return;
      auto at = l.find("url(");
      if (at == std::string::npos) return;
      at += 4;
      const auto end = style.find(')', at);
      if (end == std::string::npos) return;
      img.src = trim_space(style.substr(at, end - at));
      if (!img.src.empty() && (img.src.front() == '"' || img.src.front() == '\''))
        img.src = img.src.substr(1, img.src.size() - 2);
    } else {
      img.src = attr(e, "src");
    }
    if (img.src.empty()) return;
    for (const char* a : {"alt", "aria-label", "title"})
      if (img.alt.empty()) img.alt = attr(e, a);
    img.hints = img.src.substr(0, std::min<std::size_t>(img.src.size(), 200)) + " " + attr(e, "id") + " " +
                attr(e, "class") + " " + attr(e, "alt") + " " + attr(e, "title") + " " +
                attr(e, "aria-label") + " " + attr(e, "name");
    img.width = int_attr(e, "width");
    img.height = int_attr(e, "height");
    img.form = form;
    page.images.push_back(std::move(img));
  }

  void add_link(const GumboNode* n, int form) {
    const GumboElement& e = n->v.element;
    html_link l{text_of(n), attr(e, "href"), {}, form};
    if (l.text.empty()) l.text = attr(e, "title");
    l.on_click = find_postback(l.href);
    if (!l.on_click) l.on_click = find_postback(attr(e, "onclick"));
    page.links.push_back(std::move(l));
  }

  void pair(const GumboNode* key, const GumboNode* value) {
    auto k = text_of(key);
    if (k.empty() || contains_control(value)) return;
    auto v = text_of(value);
    page.pairs.push_back({std::move(k), bridgelink::secret_bytes(bridgelink::as_bytes(v))});
    bridgelink::secure_wipe(v.data(), v.size());
  }

  void add_row(const GumboNode* tr) {
    const auto cells = cells_of(tr);
    if (all_header_cells(cells)) return;  // column names, not data
    if (const GumboNode* head = header_row_for(tr)) {
      const auto keys = cells_of(head);  // a header row may name the columns of this one
      if (keys.size() == cells.size())
        for (std::size_t i = 0; i < cells.size(); ++i) pair(keys[i], cells[i]);
    }
    // And key | value pairs along the row, whatever its width ("Açıklama | Değer" tables).
    for (std::size_t i = 0; i + 1 < cells.size(); ++i) pair(cells[i], cells[i + 1]);
  }

  void add_term(const GumboNode* dt) {
    if (!dt->parent) return;
    const GumboVector& sib = dt->parent->v.element.children;
    for (std::size_t i = dt->index_within_parent + 1; i < sib.length; ++i) {
      auto* s = static_cast<const GumboNode*>(sib.data[i]);
      if (is_tag(s, GUMBO_TAG_DT)) return;
      if (is_tag(s, GUMBO_TAG_DD)) return pair(dt, s);
    }
  }
};

}  // namespace

std::optional<postback> find_postback(std::string_view s) {
  const auto at = s.find("__doPostBack");
  if (at == std::string_view::npos) return std::nullopt;
  static const std::regex re(
      R"(__doPostBack\s*\(\s*(['"])((?:(?!\1).){0,256})\1\s*,\s*(['"])((?:(?!\3).){0,256})\3\s*\))");
  std::match_results<std::string_view::const_iterator> m;
  const auto tail = s.substr(at, std::min<std::size_t>(s.size() - at, 1200));
  try {
    if (!std::regex_search(tail.begin(), tail.end(), m, re)) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return postback{m[2].str(), m[4].str()};
}

html_page parse_html(std::string_view html) {
  if (html.size() > page_max) html = html.substr(0, page_max);
  GumboOptions opts = kGumboDefaultOptions;
  opts.allocator = wiping_alloc;
  opts.deallocator = wiping_free;
  opts.max_errors = 1000;
  GumboOutput* out = gumbo_parse_with_options(&opts, html.data(), html.size());
  html_page page;
  walker w{page, {}, {}};
  w.walk(out->root);
  // Visible text, one line per block, without the values: they may be a PIN and must not leak
  // into error scans.
  std::string raw;
  collect_text(out->root, raw);
  std::string all = collapse_keep_lines(raw);
  for (const auto& r : page.pairs) {
    const std::string_view v(reinterpret_cast<const char*>(r.value.data()), r.value.size());
    if (v.empty()) continue;
    for (auto pos = all.find(v); pos != std::string::npos; pos = all.find(v, pos))
      all.replace(pos, v.size(), "…");
  }
  page.text = std::move(all);
  gumbo_destroy_output(&opts, out);
  return page;
}

const html_form* html_page::form_with_field(std::string_view label) const {
  for (const auto& f : forms)
    if (field_by_label(f, label)) return &f;
  return nullptr;
}

const html_form* html_page::form_with_button(std::string_view button_text) const {
  for (const auto& f : forms)
    if (button_by_text(f, button_text)) return &f;
  return nullptr;
}

const html_link* html_page::link(std::string_view link_text) const {
  for (const auto& l : links)
    if (same_text(l.text, link_text)) return &l;
  return nullptr;
}

const key_value* html_page::row(std::string_view key) const {
  for (const auto& r : pairs)
    if (same_text(r.key, key)) return &r;
  return nullptr;
}

std::vector<const key_value*> html_page::rows(std::string_view key) const {
  std::vector<const key_value*> out;
  for (const auto& r : pairs)
    if (same_text(r.key, key)) out.push_back(&r);
  return out;
}

const form_control* field_by_label(const html_form& f, std::string_view label) {
  for (const auto& x : f.controls) {
    if (x.is_button() || x.type == "hidden" || x.disabled) continue;
    for (const auto& l : x.labels)
      if (same_text(l, label)) return &x;
  }
  return nullptr;
}

const form_control* button_by_text(const html_form& f, std::string_view text) {
  for (const auto& b : f.controls)
    if (b.is_button() && b.type != "reset" && !b.disabled && same_text(b.text, text)) return &b;
  return nullptr;
}

}  // namespace eimza::portal
