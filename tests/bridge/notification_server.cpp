// A minimal org.freedesktop.Notifications server for the tray test: owns the name on the session
// bus, answers GetServerInformation/GetCapabilities/Notify/CloseNotification, and prints one line
// per notification ("notify: <summary> | <body>") so the test can see what the bridge sent.
#include <gio/gio.h>

#include <cstdio>

namespace {

constexpr const char* introspection = R"(<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/><arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
  </interface>
</node>)";

guint next_id = 1;

void on_call(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* method,
             GVariant* params, GDBusMethodInvocation* invocation, gpointer) {
  if (g_strcmp0(method, "GetServerInformation") == 0) {
    g_dbus_method_invocation_return_value(invocation, g_variant_new("(ssss)", "test", "eimza", "1", "1.2"));
  } else if (g_strcmp0(method, "GetCapabilities") == 0) {
    const gchar* caps[] = {"body", nullptr};
    g_dbus_method_invocation_return_value(invocation, g_variant_new("(^as)", caps));
  } else if (g_strcmp0(method, "Notify") == 0) {
    const gchar *summary = nullptr, *body = nullptr;
    g_variant_get_child(params, 3, "&s", &summary);
    g_variant_get_child(params, 4, "&s", &body);
    std::printf("notify: %s | %s\n", summary, body);
    std::fflush(stdout);
    g_dbus_method_invocation_return_value(invocation, g_variant_new("(u)", next_id++));
  } else {
    g_dbus_method_invocation_return_value(invocation, nullptr);
  }
}

}  // namespace

int main() {
  GDBusNodeInfo* info = g_dbus_node_info_new_for_xml(introspection, nullptr);
  static const GDBusInterfaceVTable vtable{on_call, nullptr, nullptr, {}};
  g_bus_own_name(
      G_BUS_TYPE_SESSION, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
      [](GDBusConnection* c, const gchar*, gpointer data) {
        g_dbus_connection_register_object(c, "/org/freedesktop/Notifications",
                                          static_cast<GDBusNodeInfo*>(data)->interfaces[0], &vtable, nullptr,
                                          nullptr, nullptr);
      },
      [](GDBusConnection*, const gchar*, gpointer) {
        std::printf("ready\n");
        std::fflush(stdout);
      },
      [](GDBusConnection*, const gchar*, gpointer) { std::exit(1); }, info, nullptr);
  g_main_loop_run(g_main_loop_new(nullptr, FALSE));
}
