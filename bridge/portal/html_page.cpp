#include "portal/html_page.hpp"

#include <gumbo.h>

#include <cstdlib>
#include <cstring>
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

std::string attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? std::string(a->value) : std::string();
}

void append_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

// Visible text under node (iterative, depth-bounded); skips script/style/select options' values.
void collect_text(const GumboNode* root, std::string& out) {
  std::vector<std::pair<const GumboNode*, int>> stack{{root, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    if (depth > 512) continue;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      append_space(out);
      out += n->v.text.text;
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const auto tag = n->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT) continue;
    if (tag == GUMBO_TAG_INPUT) {
      const auto type = attr(n->v.element, "type");
      if (type == "submit" || type == "button") {
        append_space(out);
        out += attr(n->v.element, "value");
      }
      continue;
    }
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), depth + 1});
  }
}

std::string text_of(const GumboNode* n) {
  std::string raw;
  collect_text(n, raw);
  // Collapse whitespace but keep case: labels are matched with same_text later.
  std::string out;
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' '), space = false;
    out.push_back(c);
  }
  return out;
}

struct walker {
  html_page& page;
  std::vector<std::pair<std::string, std::string>> label_for;  // id -> label text
  std::vector<std::pair<const GumboNode*, std::string>> wrapping_labels;

  void walk(const GumboNode* root) {
    // Pass 1: labels. Pass 2: everything else (labels may follow their inputs).
    visit(root, true);
    visit(root, false);
  }

  void visit(const GumboNode* root, bool labels_only) {
    struct item {
      const GumboNode* n;
      int depth;
      int form;            // index into page.forms or -1
      std::string label;   // text of an enclosing <label>
    };
    std::vector<item> stack{{root, 0, -1, {}}};
    while (!stack.empty()) {
      item it = std::move(stack.back());
      stack.pop_back();
      if (it.depth > 512 || it.n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = it.n->v.element;
      int form = it.form;
      std::string label = it.label;
      switch (e.tag) {
        case GUMBO_TAG_LABEL: {
          const auto text = text_of(it.n);
          if (labels_only) {
            const auto f = attr(e, "for");
            if (!f.empty()) label_for.emplace_back(f, text);
          }
          label = text;
          break;
        }
        case GUMBO_TAG_TITLE:
          if (!labels_only) page.title = text_of(it.n);
          break;
        case GUMBO_TAG_FORM:
          if (!labels_only) {
            html_form f;
            f.action = attr(e, "action");
            f.method = attr(e, "method");
            for (auto& c : f.method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (f.method.empty()) f.method = "get";
            page.forms.push_back(std::move(f));
            form = static_cast<int>(page.forms.size()) - 1;
          }
          break;
        case GUMBO_TAG_INPUT:
        case GUMBO_TAG_TEXTAREA:
        case GUMBO_TAG_SELECT:
          if (!labels_only && form >= 0) add_field(page.forms[static_cast<std::size_t>(form)], e, label);
          break;
        case GUMBO_TAG_BUTTON:
          if (!labels_only && form >= 0)
            page.forms[static_cast<std::size_t>(form)].buttons.push_back({text_of(it.n), attr(e, "name"), attr(e, "value")});
          break;
        case GUMBO_TAG_IMG:
          if (!labels_only && form >= 0) page.forms[static_cast<std::size_t>(form)].images.push_back(attr(e, "src"));
          break;
        case GUMBO_TAG_A:
          if (!labels_only) page.links.push_back({text_of(it.n), attr(e, "href")});
          break;
        case GUMBO_TAG_TR:
          if (!labels_only) add_row(it.n);
          break;
        default: break;
      }
      if (!labels_only && is_message(e)) {
        auto t = text_of(it.n);
        if (!t.empty()) page.messages.push_back(std::move(t));
      }
      for (unsigned i = e.children.length; i-- > 0;)
        stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), it.depth + 1, form, label});
    }
  }

  static bool is_message(const GumboElement& e) {
    const auto role = attr(e, "role");
    const auto cls = attr(e, "class");
    return role == "alert" || role == "status" || cls.find("error") != std::string::npos ||
           cls.find("alert") != std::string::npos || cls.find("hata") != std::string::npos ||
           cls.find("uyari") != std::string::npos || cls.find("message") != std::string::npos;
  }

  void add_field(html_form& f, const GumboElement& e, const std::string& wrapping_label) {
    form_field fld;
    fld.name = attr(e, "name");
    fld.id = attr(e, "id");
    fld.type = e.tag == GUMBO_TAG_INPUT ? attr(e, "type") : (e.tag == GUMBO_TAG_SELECT ? "select" : "textarea");
    for (auto& c : fld.type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (fld.type.empty()) fld.type = "text";
    fld.value = attr(e, "value");
    if (fld.type == "submit" || fld.type == "button" || fld.type == "image") {
      f.buttons.push_back({fld.value.empty() ? attr(e, "alt") : fld.value, fld.name, fld.value});
      return;
    }
    // The visible label: <label for=id>, an enclosing <label>, aria-label, then placeholder.
    for (const auto& [id, text] : label_for)
      if (!fld.id.empty() && id == fld.id) fld.label = text;
    if (fld.label.empty()) fld.label = wrapping_label;
    if (fld.label.empty()) fld.label = attr(e, "aria-label");
    if (fld.label.empty()) fld.label = attr(e, "placeholder");
    if (fld.name.empty()) return;  // not submitted by a browser either
    f.fields.push_back(std::move(fld));
  }

  void add_row(const GumboNode* tr) {
    std::vector<const GumboNode*> cells;
    const GumboVector& kids = tr->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) {
      auto* c = static_cast<const GumboNode*>(kids.data[i]);
      if (c->type == GUMBO_NODE_ELEMENT && (c->v.element.tag == GUMBO_TAG_TD || c->v.element.tag == GUMBO_TAG_TH))
        cells.push_back(c);
    }
    if (cells.size() != 2) return;
    auto value = text_of(cells[1]);
    page.rows.push_back({text_of(cells[0]), bridgelink::secret_bytes(bridgelink::as_bytes(value))});
    bridgelink::secure_wipe(value.data(), value.size());
  }
};

}  // namespace

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
  // Visible text without table values: row values may be a PIN and must not leak into error scans.
  std::string all = text_of(out->root);
  for (const auto& r : page.rows) {
    const std::string_view v(reinterpret_cast<const char*>(r.value.data()), r.value.size());
    if (v.empty()) continue;
    for (auto pos = all.find(v); pos != std::string::npos; pos = all.find(v, pos)) all.replace(pos, v.size(), "…");
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

const table_row* html_page::row(std::string_view key) const {
  for (const auto& r : rows)
    if (same_text(r.key, key)) return &r;
  return nullptr;
}

const form_field* field_by_label(const html_form& f, std::string_view label) {
  for (const auto& x : f.fields)
    if (same_text(x.label, label)) return &x;
  return nullptr;
}

const form_button* button_by_text(const html_form& f, std::string_view text) {
  for (const auto& b : f.buttons)
    if (same_text(b.text, text)) return &b;
  return nullptr;
}

}  // namespace eimza::portal
