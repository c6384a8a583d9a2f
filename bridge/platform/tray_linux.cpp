// Linux tray module (libeimza-tray.so, loaded by tray_loader.cpp only when there is a desktop
// session, so a headless bridge never maps GTK): an AppIndicator (libayatana-appindicator, exported on the
// session bus as a StatusNotifierItem) and libnotify notifications. GTK is used from one thread only: its
// own. Calls from other threads are queued with g_idle_add.
#include <future>
#include <thread>

#include <libayatana-appindicator/app-indicator.h>
#include <libnotify/notify.h>

#include "platform/tray.hpp"

namespace eimza::platform {
namespace {

class linux_tray final : public tray {
 public:
  linux_tray(std::string app_id, std::string title, tray_actions actions)
      : app_id_(std::move(app_id)), title_(std::move(title)), actions_(std::move(actions)) {}

  // Starts the GTK thread; false when GTK cannot open the display.
  bool start() {
    std::promise<bool> ready;
    auto started = ready.get_future();
    thread_ = std::thread([this, &ready] {
      if (!gtk_init_check(nullptr, nullptr)) {
        ready.set_value(false);
        return;
      }
      build();
      ready.set_value(true);
      gtk_main();
      if (notify_is_initted()) notify_uninit();
    });
    if (started.get()) return true;
    thread_.join();
    return false;
  }

  ~linux_tray() override {
    if (!thread_.joinable()) return;
    // After the queued updates (idle callbacks run in order): flush what the item signalled on
    // the session bus, then leave the GTK loop.
    g_idle_add(
        [](gpointer) -> gboolean {
          if (GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, nullptr)) {
            g_dbus_connection_flush_sync(bus, nullptr, nullptr);
            g_object_unref(bus);
          }
          gtk_main_quit();
          return G_SOURCE_REMOVE;
        },
        nullptr);
    thread_.join();
  }

  void set_state(tray_state s, const std::string& tooltip) override {
    post([s, tooltip](linux_tray& t) {
      app_indicator_set_icon_full(t.indicator_, tray_icon_name(s), tooltip.c_str());
      app_indicator_set_title(t.indicator_, (t.title_ + " — " + tooltip).c_str());
      gtk_menu_item_set_label(GTK_MENU_ITEM(t.status_item_), tooltip.c_str());  // where things stand
      app_indicator_set_status(t.indicator_, s == tray_state::error ? APP_INDICATOR_STATUS_ATTENTION
                                                                    : APP_INDICATOR_STATUS_ACTIVE);
    });
  }

  void notify(const std::string& title, const std::string& body) override {
    post([title, body](linux_tray& t) {
      if (!notify_is_initted() && !notify_init(t.app_id_.c_str())) return;
      NotifyNotification* n = notify_notification_new(title.c_str(), body.c_str(), "dialog-information");
      GError* err = nullptr;
      if (!notify_notification_show(n, &err) && err) g_error_free(err);  // no notification server: fine
      g_object_unref(G_OBJECT(n));
    });
  }

 private:
  // Runs f on the GTK thread.
  template <class F>
  void post(F f) {
    struct job {
      linux_tray* self;
      F f;
    };
    g_idle_add(
        [](gpointer p) -> gboolean {
          auto* j = static_cast<job*>(p);
          j->f(*j->self);
          delete j;
          return G_SOURCE_REMOVE;
        },
        new job{this, std::move(f)});
  }

  static void on_item(GtkMenuItem*, gpointer p) {
    const auto* fn = static_cast<const std::function<void()>*>(p);
    if (*fn) (*fn)();
  }

  void add_item(const tray_item& entry) {
    const auto& fn = entry.run;
    GtkWidget* item = gtk_menu_item_new_with_label(entry.label.c_str());
    g_signal_connect(item, "activate", G_CALLBACK(on_item), const_cast<std::function<void()>*>(&fn));
    gtk_menu_shell_append(GTK_MENU_SHELL(menu_), item);
    gtk_widget_show(item);
  }

  void build() {
    indicator_ = app_indicator_new(app_id_.c_str(), tray_icon_name(tray_state::waiting_card),
                                   APP_INDICATOR_CATEGORY_APPLICATION_STATUS);
    app_indicator_set_title(indicator_, title_.c_str());
    menu_ = gtk_menu_new();
    // The first line says where the journey stands (the step and what is said); not clickable.
    status_item_ = gtk_menu_item_new_with_label(title_.c_str());
    gtk_widget_set_sensitive(status_item_, FALSE);
    gtk_menu_shell_append(GTK_MENU_SHELL(menu_), status_item_);
    gtk_widget_show(status_item_);
    GtkWidget* line = gtk_separator_menu_item_new();
    gtk_menu_shell_append(GTK_MENU_SHELL(menu_), line);
    gtk_widget_show(line);
    add_item(actions_.open_page);
    add_item(actions_.cancel);
    add_item(actions_.quit);
    app_indicator_set_menu(indicator_, GTK_MENU(menu_));
    app_indicator_set_status(indicator_, APP_INDICATOR_STATUS_ACTIVE);
  }

  std::string app_id_, title_;
  tray_actions actions_;
  std::thread thread_;
  AppIndicator* indicator_ = nullptr;  // GTK thread only
  GtkWidget* menu_ = nullptr;
  GtkWidget* status_item_ = nullptr;  // the menu's first line: the current step
};

}  // namespace

}  // namespace eimza::platform

// The module's one entry point, found with dlsym by tray_loader.cpp. Ownership of the returned
// object passes to the caller (same compiler and C++ library: the bridge and this module are
// built together).
extern "C" __attribute__((visibility("default"))) eimza::platform::tray* eimza_make_tray(
    const std::string& app_id, const std::string& title, eimza::platform::tray_actions actions,
    std::string& why_not) {
  using namespace eimza::platform;
  auto t = std::make_unique<linux_tray>(app_id, title, std::move(actions));
  if (!t->start()) {
    why_not = "the display could not be opened";
    return nullptr;
  }
  return t.release();
}
