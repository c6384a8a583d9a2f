#!/usr/bin/env bash
# The tray on a real (virtual) desktop session: run as
#   xvfb-run -a dbus-run-session -- tests/bridge/tray_test.sh path/to/bridge path/to/notification_server
# Starts `bridge demo --tray on`, finds its StatusNotifierItem on the session bus, reads its icon
# and title while it waits for the phone, clicks "Cancel" in its menu over D-Bus (dbusmenu), and
# checks the journey stops and the item signalled the change to the error state. Then, without a
# display, the bridge runs headless and says why. Needs root for pcscd (as the browser tests).
set -u
bridge=$1
notifier=$2
work=$(mktemp -d)
monitor_pid=""
notifier_pid=""
bridge_pid=""
cleanup() {
  if [ -n "$bridge_pid" ]; then  # let it stop what it started before the display goes away
    kill "$bridge_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$monitor_pid" ] && kill "$monitor_pid" 2>/dev/null
  [ -n "$notifier_pid" ] && kill "$notifier_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; echo "--- bridge output"; cat "$work/out" 2>/dev/null; exit 1; }
item=/org/ayatana/NotificationItem/eimza_companion

[ -n "${DISPLAY:-}" ] || fail "no DISPLAY: run under xvfb-run -a dbus-run-session"
"$notifier" >"$work/notifications" 2>&1 &
notifier_pid=$!
for _ in $(seq 50); do grep -q ready "$work/notifications" && break; sleep 0.1; done
dbus-monitor --session "type='signal',interface='org.kde.StatusNotifierItem'" >"$work/signals" 2>/dev/null &
monitor_pid=$!
XDG_STATE_HOME="$work/state" "$bridge" demo --lang en --tray on >"$work/out" 2>&1 &
bridge_pid=$!

for _ in $(seq 300); do grep -q '\[waiting_phone\]' "$work/out" && break; sleep 0.1; done
grep -q '\[waiting_phone\]' "$work/out" || fail "the demo did not reach waiting_phone"

# Which connection exports the item (the indicator registers even without a tray host).
owner=""
for _ in $(seq 50); do
  for n in $(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
               --method org.freedesktop.DBus.ListNames | grep -o "':1\.[0-9]*'" | tr -d "'"); do
    if gdbus call --session --dest "$n" --object-path "$item" --method org.freedesktop.DBus.Properties.Get \
         org.kde.StatusNotifierItem Id >/dev/null 2>&1; then owner=$n; break 2; fi
  done
  sleep 0.1
done
[ -n "$owner" ] || fail "no StatusNotifierItem $item on the session bus"
echo "ok: indicator registered on the session bus as $owner"

prop() { gdbus call --session --dest "$owner" --object-path "$item" --method org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem "$1"; }
icon=""
for _ in $(seq 50); do icon=$(prop IconName); grep -q eimza-waiting-phone <<<"$icon" && break; sleep 0.1; done
grep -q "eimza-waiting-phone" <<<"$icon" || fail "icon while waiting for the phone: $icon"
prop Title | grep -q "Scan the QR code" || fail "title: $(prop Title)"
prop Status | grep -q "Active" || fail "status: $(prop Status)"
echo "ok: icon eimza-waiting-phone, title and status Active while waiting for the phone"

# The menu, as a tray host would show it; click "Cancel".
layout=$(gdbus call --session --dest "$owner" --object-path "$item/Menu" --method com.canonical.dbusmenu.GetLayout -- 0 -1 "[]")
cancel_id=$(grep -oP "<\(\K[0-9]+(?=, \{[^}]*'label': <'Cancel'>)" <<<"$layout" | head -1)
[ -n "$cancel_id" ] || fail "no Cancel item in the menu: $layout"
grep -q "Show QR / desktop page" <<<"$layout" || fail "no Show QR item in the menu"
grep -q "İptal" <<<"$layout" && fail "a Turkish label in the English menu (--lang en)"
grep -q "Quit" <<<"$layout" || fail "no Quit item in the menu"
status_line=$(grep -oP "\{[^{}]*'label': <'Card: Scan the QR code with your phone.'>[^{}]*\}" <<<"$layout" | head -1)
grep -q "'enabled': <false>" <<<"$status_line" ||
  fail "the menu's first line does not say where things stand (a line that is not a command): $layout"
gdbus call --session --dest "$owner" --object-path "$item/Menu" --method com.canonical.dbusmenu.Event \
  "$cancel_id" clicked "<0>" 0 >/dev/null || fail "menu click refused"
echo "ok: menu has Show QR / Cancel / Quit; Cancel clicked over D-Bus"

for _ in $(seq 100); do kill -0 "$bridge_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$bridge_pid" 2>/dev/null && fail "the bridge did not stop after Cancel"
wait "$bridge_pid"; rc=$?; bridge_pid=""
[ "$rc" -eq 1 ] || fail "exit code after Cancel: $rc (want 1)"
grep -q '\[failed\] Cancelled\.' "$work/out" || fail "no 'Cancelled' stage"
sleep 0.3
icons=$(grep -c "sender=$owner .*member=NewIcon" "$work/signals")
[ "$icons" -ge 3 ] || fail "NewIcon signals: $icons (want waiting_card → waiting_phone → error)"
grep -q "sender=$owner .*member=NewStatus" "$work/signals" || fail "no NewStatus signal (error needs attention)"
echo "ok: journey cancelled from the tray; the item signalled $icons icon changes and the attention status"
# Notifications for what needs the person, as a desktop's notification server received them.
grep -q "^notify: e-imza companion | Scan the QR code with your phone.$" "$work/notifications" || fail "no notification for the QR: $(cat "$work/notifications")"
grep -q "^notify: e-imza companion | Cancelled.$" "$work/notifications" || fail "no notification for the end: $(cat "$work/notifications")"
echo "ok: notifications sent for the QR and for the end"

# Without a display: headless, and it says why.
env -u DISPLAY -u WAYLAND_DISPLAY XDG_STATE_HOME="$work/state2" "$bridge" run --lang en --tray on --lan \
  --lan-address 127.0.0.1 --reader "No such reader" --card-wait 1 >"$work/out" 2>&1
grep -q "Warning: no tray icon: no desktop session" "$work/out" || fail "headless run did not say why there is no tray"
echo "ok: headless without a display"
echo "tray: all checks passed"
