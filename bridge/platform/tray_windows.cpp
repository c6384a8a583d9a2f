// Windows tray: a notification-area icon (Shell_NotifyIconW) owned by a hidden window on a thread
// of its own, with the same menu as on Linux (a right click; a left click opens the desktop page)
// and balloon notifications (Windows 10/11 show them as toasts). Calls from other threads are
// posted to that window; every Win32 call on the icon is made on its thread. When Explorer
// restarts (TaskbarCreated) the icon is added again.
#include <windows.h>
// after windows.h, which it needs
#include <shellapi.h>

#include <filesystem>
#include <future>
#include <mutex>
#include <thread>

#include "platform/tray.hpp"
#include "platform/tray_windows.hpp"
#include "platform/utf8_path.hpp"

namespace eimza::platform {
namespace {

constexpr UINT msg_update = WM_APP + 2;  // set_state/notify queued from another thread

std::wstring wide(const std::string& utf8) {
  return utf8_path(utf8).wstring();
}

// Copies text into a fixed NOTIFYICONDATA field, cut to fit (the field's size includes the NUL).
template <std::size_t N>
void put(wchar_t (&field)[N], const std::string& utf8) {
  const auto w = wide(utf8);
  const auto n = std::min(w.size(), N - 1);
  std::copy_n(w.data(), n, field);
  field[n] = L'\0';
}

class windows_tray final : public tray {
 public:
  windows_tray(std::string title, tray_actions actions)
      : title_(std::move(title)), actions_(std::move(actions)) {}

  bool start(std::string& why_not) {
    std::promise<std::string> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, &ready] { run(ready); });
    why_not = started.get();
    if (why_not.empty()) return true;
    thread_.join();
    return false;
  }

  ~windows_tray() override {
    if (!thread_.joinable()) return;
    PostMessageW(window_, WM_CLOSE, 0, 0);  // after the queued updates: messages keep their order
    thread_.join();
  }

  void set_state(tray_state s, const std::string& tooltip) override {
    {
      std::lock_guard lock(mutex_);
      pending_state_ = s;
      pending_tip_ = title_ + " — " + tooltip;
      state_dirty_ = true;
    }
    PostMessageW(window_, msg_update, 0, 0);
  }

  void notify(const std::string& title, const std::string& body) override {
    {
      std::lock_guard lock(mutex_);
      pending_balloon_title_ = title;
      pending_balloon_body_ = body;
      balloon_dirty_ = true;
    }
    PostMessageW(window_, msg_update, 0, 0);
  }

 private:
  void run(std::promise<std::string>& ready) {
    const HINSTANCE self = GetModuleHandleW(nullptr);
    WNDCLASSEXW wc{};
    wc.cbSize = sizeof wc;
    wc.lpfnWndProc = &windows_tray::window_proc;
    wc.hInstance = self;
    wc.lpszClassName = tray_window_class;
    RegisterClassExW(&wc);  // a second tray in the process finds it registered: fine
    // A hidden top-level window (not message-only: those do not hear TaskbarCreated).
    window_ =
        CreateWindowExW(0, tray_window_class, L"", WS_OVERLAPPED, 0, 0, 0, 0, nullptr, nullptr, self, this);
    if (!window_) {
      ready.set_value("the tray's window could not be created");
      return;
    }
    taskbar_created_ = RegisterWindowMessageW(L"TaskbarCreated");
    if (!add_icon()) {
      DestroyWindow(window_);
      ready.set_value("the notification area refused the icon (no Explorer shell?)");
      return;
    }
    ready.set_value({});
    MSG m;
    while (GetMessageW(&m, nullptr, 0, 0) > 0) {
      TranslateMessage(&m);
      DispatchMessageW(&m);
    }
  }

  NOTIFYICONDATAW base() const {
    NOTIFYICONDATAW d{};
    d.cbSize = sizeof d;
    d.hWnd = window_;
    d.uID = tray_icon_id;
    return d;
  }

  bool add_icon() {
    auto d = base();
    d.uFlags = NIF_MESSAGE | NIF_ICON | NIF_TIP | NIF_SHOWTIP;
    d.uCallbackMessage = tray_icon_message;
    d.hIcon = tray_state_icon(state_);
    put(d.szTip, tip_.empty() ? title_ : tip_);
    if (!Shell_NotifyIconW(NIM_ADD, &d)) return false;
    d.uVersion = NOTIFYICON_VERSION_4;  // mouse messages in LOWORD(lParam), NIN_SELECT
    Shell_NotifyIconW(NIM_SETVERSION, &d);
    return true;
  }

  void apply_updates() {
    std::lock_guard lock(mutex_);
    if (state_dirty_) {
      state_ = pending_state_;
      tip_ = pending_tip_;
      auto d = base();
      d.uFlags = NIF_ICON | NIF_TIP | NIF_SHOWTIP;
      d.hIcon = tray_state_icon(state_);
      put(d.szTip, tip_);
      Shell_NotifyIconW(NIM_MODIFY, &d);
      state_dirty_ = false;
    }
    if (balloon_dirty_) {
      auto d = base();
      d.uFlags = NIF_INFO;
      d.dwInfoFlags = NIIF_INFO;
      put(d.szInfoTitle, pending_balloon_title_);
      put(d.szInfo, pending_balloon_body_);
      Shell_NotifyIconW(NIM_MODIFY, &d);
      balloon_dirty_ = false;
    }
  }

  void show_menu() {
    HMENU menu = CreatePopupMenu();
    // The first line says where the journey stands (the step and what is said); not clickable.
    AppendMenuW(menu, MF_STRING | MF_GRAYED, 0, wide(tip_.empty() ? title_ : tip_).c_str());
    AppendMenuW(menu, MF_SEPARATOR, 0, nullptr);
    AppendMenuW(menu, MF_STRING, tray_command_open_page, wide(actions_.open_page.label).c_str());
    AppendMenuW(menu, MF_STRING, tray_command_cancel, wide(actions_.cancel.label).c_str());
    AppendMenuW(menu, MF_SEPARATOR, 0, nullptr);
    AppendMenuW(menu, MF_STRING, tray_command_quit, wide(actions_.quit.label).c_str());
    POINT at{};
    GetCursorPos(&at);
    SetForegroundWindow(window_);  // or the menu does not close when the person clicks elsewhere
    TrackPopupMenu(menu, TPM_RIGHTBUTTON, at.x, at.y, 0, window_, nullptr);
    PostMessageW(window_, WM_NULL, 0, 0);
    DestroyMenu(menu);
  }

  void run_command(WPARAM id) {
    const tray_item* item = id == tray_command_open_page ? &actions_.open_page
                            : id == tray_command_cancel  ? &actions_.cancel
                            : id == tray_command_quit    ? &actions_.quit
                                                         : nullptr;
    if (item && item->run) item->run();
  }

  LRESULT handle(UINT msg, WPARAM wp, LPARAM lp) {
    if (msg == taskbar_created_ && taskbar_created_ != 0) {
      add_icon();  // Explorer restarted: the notification area is new and empty
      return 0;
    }
    switch (msg) {
      case msg_update: apply_updates(); return 0;
      case tray_icon_message:
        switch (LOWORD(lp)) {
          case NIN_SELECT:
          case NIN_KEYSELECT:
          case WM_LBUTTONUP: run_command(tray_command_open_page); return 0;
          case WM_CONTEXTMENU:
          case WM_RBUTTONUP: show_menu(); return 0;
          default: return 0;
        }
      case WM_COMMAND: run_command(LOWORD(wp)); return 0;
      case WM_CLOSE: {
        auto d = base();
        Shell_NotifyIconW(NIM_DELETE, &d);
        DestroyWindow(window_);
        return 0;
      }
      case WM_DESTROY: PostQuitMessage(0); return 0;
      default: return DefWindowProcW(window_, msg, wp, lp);
    }
  }

  static LRESULT CALLBACK window_proc(HWND w, UINT msg, WPARAM wp, LPARAM lp) {
    if (msg == WM_NCCREATE) {
      auto* self = static_cast<windows_tray*>(reinterpret_cast<CREATESTRUCTW*>(lp)->lpCreateParams);
      self->window_ = w;
      SetWindowLongPtrW(w, GWLP_USERDATA, reinterpret_cast<LONG_PTR>(self));
    }
    auto* self = reinterpret_cast<windows_tray*>(GetWindowLongPtrW(w, GWLP_USERDATA));
    return self ? self->handle(msg, wp, lp) : DefWindowProcW(w, msg, wp, lp);
  }

  std::string title_;
  tray_actions actions_;
  std::thread thread_;
  HWND window_ = nullptr;
  UINT taskbar_created_ = 0;
  tray_state state_ = tray_state::waiting_card;  // the tray thread's
  std::string tip_;
  std::mutex mutex_;  // what other threads hand over
  tray_state pending_state_ = tray_state::waiting_card;
  std::string pending_tip_, pending_balloon_title_, pending_balloon_body_;
  bool state_dirty_ = false, balloon_dirty_ = false;
};

}  // namespace

HICON tray_state_icon(tray_state s) {
  std::wstring name = wide(tray_icon_name(s));  // "eimza-done" is the resource EIMZA_DONE
  for (auto& ch : name) ch = ch == L'-' ? L'_' : static_cast<wchar_t>(towupper(ch));
  return static_cast<HICON>(LoadImageW(GetModuleHandleW(nullptr), name.c_str(), IMAGE_ICON,
                                       GetSystemMetrics(SM_CXSMICON), GetSystemMetrics(SM_CYSMICON),
                                       LR_SHARED));
}

std::unique_ptr<tray> make_tray(const std::string&, const std::string& title, tray_actions actions,
                                std::string& why_not) {
  auto t = std::make_unique<windows_tray>(title, std::move(actions));
  if (!t->start(why_not)) return nullptr;
  return t;
}

}  // namespace eimza::platform
