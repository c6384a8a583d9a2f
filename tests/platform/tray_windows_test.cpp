// The Windows tray (platform/tray_windows.cpp) against a real notification area: wine's Explorer
// shell under Xvfb (scripts/windows runs this test with a display; without one it skips). The
// icon is there, clicks and the menu run the person's actions, the menu shows their labels
// (Turkish letters included), Explorer restarting gets the icon back, and it is gone afterwards.
#include <windows.h>
// after windows.h, which it needs
#include <shellapi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "platform/tray.hpp"
#include "platform/tray_windows.hpp"

using namespace eimza::platform;
using namespace std::chrono_literals;

namespace {

bool icon_present(HWND w) {
  NOTIFYICONDATAW d{};
  d.cbSize = sizeof d;
  d.hWnd = w;
  d.uID = tray_icon_id;
  d.uFlags = 0;
  return Shell_NotifyIconW(NIM_MODIFY, &d) != FALSE;
}

template <class F>
bool eventually(F f) {
  for (int i = 0; i < 100; ++i) {
    if (f()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

struct tray_fixture : ::testing::Test {
  std::atomic<int> opened{0}, cancelled{0}, quit{0};
  std::unique_ptr<tray> t;
  HWND window = nullptr;

  void SetUp() override {
    if (!FindWindowW(L"Shell_TrayWnd", nullptr)) GTEST_SKIP() << "no notification area here (no display)";
    tray_actions a;
    a.open_page = {"QR kodunu göster", [this] { ++opened; }};
    a.cancel = {"İptal et", [this] { ++cancelled; }};
    a.quit = {"Çıkış", [this] { ++quit; }};
    std::string why;
    t = make_tray("eimza", "e-imza yardımcısı", std::move(a), why);
    ASSERT_TRUE(t) << why;
    window = FindWindowW(tray_window_class, nullptr);
    ASSERT_TRUE(window);
  }
};

// Our own icon per state, from the program's resources (no display needed).
TEST(TrayIcons, EachStateHasItsOwnIcon) {
  std::vector<HICON> seen;
  for (auto s : {tray_state::waiting_card, tray_state::waiting_phone, tray_state::in_progress,
                 tray_state::done, tray_state::error}) {
    const HICON icon = tray_state_icon(s);
    ASSERT_TRUE(icon) << tray_icon_name(s) << " is not among the program's resources";
    ICONINFO info{};
    ASSERT_TRUE(GetIconInfo(icon, &info));
    BITMAP bm{};
    GetObjectW(info.hbmColor ? info.hbmColor : info.hbmMask, sizeof bm, &bm);
    EXPECT_EQ(bm.bmWidth, GetSystemMetrics(SM_CXSMICON)) << "the notification area's size";
    if (info.hbmColor) DeleteObject(info.hbmColor);
    if (info.hbmMask) DeleteObject(info.hbmMask);
    EXPECT_EQ(std::count(seen.begin(), seen.end(), icon), 0) << tray_icon_name(s);
    seen.push_back(icon);
  }
}

TEST_F(tray_fixture, IconIsInTheNotificationArea) {
  EXPECT_TRUE(icon_present(window));
  t->set_state(tray_state::waiting_phone, "Telefonunuzla QR kodunu okutun");
  t->notify("Telefonunuz gerekiyor", "Kamu SM portalı SMS kodunu gönderdi");
  t->set_state(tray_state::error, "Kart çıkarıldı");
  EXPECT_TRUE(eventually([&] { return icon_present(window); })) << "still there after updates";
}

TEST_F(tray_fixture, ClickOpensThePageAndMenuCommandsRunTheActions) {
  SendMessageW(window, tray_icon_message, tray_icon_id, MAKELPARAM(NIN_SELECT, 0));
  EXPECT_EQ(opened, 1) << "a left click (NIN_SELECT) opens the desktop page";
  SendMessageW(window, WM_COMMAND, tray_command_cancel, 0);
  EXPECT_EQ(cancelled, 1);
  SendMessageW(window, WM_COMMAND, tray_command_quit, 0);
  EXPECT_EQ(quit, 1);
  EXPECT_EQ(opened, 1);
}

TEST_F(tray_fixture, RightClickShowsTheMenuWithThePersonsLabels) {
  t->set_state(tray_state::in_progress, "SMS kodu: Telefondaki sayfaya yazın");
  ASSERT_TRUE(eventually([&] { return icon_present(window); }));
  PostMessageW(window, tray_icon_message, tray_icon_id, MAKELPARAM(WM_CONTEXTMENU, 0));
  HWND popup = nullptr;
  ASSERT_TRUE(eventually([&] { return (popup = FindWindowW(L"#32768", nullptr)) != nullptr; }));
  auto menu = reinterpret_cast<HMENU>(SendMessageW(popup, MN_GETHMENU, 0, 0));
  ASSERT_TRUE(menu);
  // Where things stand, a separator, three entries and a separator before Quit.
  ASSERT_EQ(GetMenuItemCount(menu), 6);
  wchar_t label[128] = {};
  GetMenuStringW(menu, 0, label, 128, MF_BYPOSITION);
  EXPECT_EQ(std::wstring(label), L"e-imza yardımcısı — SMS kodu: Telefondaki sayfaya yazın");
  EXPECT_TRUE(GetMenuState(menu, 0, MF_BYPOSITION) & MF_GRAYED) << "the status line is not a command";
  GetMenuStringW(menu, 2, label, 128, MF_BYPOSITION);
  EXPECT_EQ(std::wstring(label), L"QR kodunu göster");
  GetMenuStringW(menu, 3, label, 128, MF_BYPOSITION);
  EXPECT_EQ(std::wstring(label), L"İptal et");
  GetMenuStringW(menu, 5, label, 128, MF_BYPOSITION);
  EXPECT_EQ(std::wstring(label), L"Çıkış");
  PostMessageW(window, WM_CANCELMODE, 0, 0);  // closes the menu
  EXPECT_TRUE(
      eventually([&] { return FindWindowW(L"#32768", nullptr) == nullptr || !IsWindowVisible(popup); }));
  EXPECT_EQ(cancelled + quit + opened, 0) << "showing the menu runs nothing";
}

TEST_F(tray_fixture, ExplorerRestartingGetsTheIconBack) {
  NOTIFYICONDATAW d{};
  d.cbSize = sizeof d;
  d.hWnd = window;
  d.uID = tray_icon_id;
  ASSERT_TRUE(Shell_NotifyIconW(NIM_DELETE, &d));  // what a new Explorer's empty area looks like
  ASSERT_FALSE(icon_present(window));
  SendMessageW(window, RegisterWindowMessageW(L"TaskbarCreated"), 0, 0);
  EXPECT_TRUE(icon_present(window));
}

TEST_F(tray_fixture, GoneWhenTheBridgeEnds) {
  t.reset();
  EXPECT_FALSE(icon_present(window));
  EXPECT_FALSE(FindWindowW(tray_window_class, nullptr));
}

}  // namespace
