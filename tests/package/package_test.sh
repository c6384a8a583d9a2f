#!/usr/bin/env bash
# Builds the .deb from a configured build tree, installs it on this machine (apt resolves the
# dependencies), checks what a user and an operator would use, then removes and purges it.
# usage: tests/package/package_test.sh build/ci      (root: it installs into /usr)
set -u
build=$1
work=$(mktemp -d)
relay_pid=""
cleanup() {
  [ -n "$relay_pid" ] && kill "$relay_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (dpkg)"

(cd "$build" && cpack -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/eimza-companion_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb produced"
echo "ok: built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

dpkg -P eimza-companion >/dev/null 2>&1  # a leftover from an earlier run
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "install"; }
dpkg -s eimza-companion | grep -q "Status: install ok installed" || fail "not installed"
echo "ok: installed"

version=$(eimza-bridge --version) || fail "eimza-bridge --version"
[[ "$version" =~ ^bridge\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "version output: $version"
eimza-bridge selfcheck --lang en >/dev/null || fail "eimza-bridge selfcheck"
eimza-relay --help >/dev/null || fail "eimza-relay --help"
for f in /usr/lib/eimza/portal-sim /usr/lib/eimza/virtual-card /usr/share/eimza/web-companion/vendor/libsodium.mjs \
         /usr/share/eimza/web-companion/index.html /etc/xdg/autostart/eimza-bridge.desktop \
         /usr/share/applications/eimza-bridge.desktop /usr/lib/systemd/system/eimza-relay.service /etc/default/eimza-relay \
         /usr/share/icons/hicolor/scalable/status/eimza-waiting-phone.svg /usr/share/doc/eimza-companion/bridge.conf.example; do
  [ -e "$f" ] || fail "missing $f"
done
grep -q "^Exec=eimza-bridge run" /etc/xdg/autostart/eimza-bridge.desktop || fail "autostart Exec"
for m in /usr/lib/eimza/libeimza-http.so /usr/lib/eimza/libeimza-tray.so; do  # loaded at run time
  [ -e "$m" ] || fail "missing module $m"
  ldd "$m" | grep -q "not found" && fail "unresolved libraries in $m"
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate /usr/share/applications/eimza-bridge.desktop || fail "desktop file"; fi
if command -v systemd-analyze >/dev/null; then systemd-analyze verify /usr/lib/systemd/system/eimza-relay.service 2>&1 | grep -v "^$" && true; fi
echo "ok: $version, selfcheck, relay, demo helpers, modules, companion, desktop/autostart files, systemd unit, icons, docs"

# The installed relay serves the installed companion (as the unit's default arguments do).
eimza-relay --plain-http --bind 127.0.0.1 --port 0 --port-file "$work/port" --metrics-port 0 --static /usr/share/eimza/web-companion >"$work/relay.log" 2>&1 &
relay_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port" 2>/dev/null)
[ -n "$port" ] || fail "installed relay did not start"
headers=$(curl -s -D - -o "$work/page" "http://127.0.0.1:$port/c") || fail "GET /c"
grep -qi "content-security-policy: default-src 'none'" <<<"$headers" || fail "no CSP on the installed page"
grep -q '<script type="module" src="/src/app.js">' "$work/page" || fail "installed page content"
kill "$relay_pid"; wait "$relay_pid" 2>/dev/null; relay_pid=""
echo "ok: the installed relay serves the installed web companion with its CSP"

dpkg -r eimza-companion >/dev/null || fail "remove"
[ -e /usr/bin/eimza-bridge ] && fail "eimza-bridge still installed after remove"
[ -e /usr/share/eimza/web-companion/index.html ] && fail "companion still there after remove"
[ -e /etc/default/eimza-relay ] || fail "conffile removed by remove (should stay until purge)"
dpkg -P eimza-companion >/dev/null || fail "purge"
[ -e /etc/default/eimza-relay ] && fail "conffile left after purge"
echo "ok: removed (conffiles kept) and purged (conffiles gone)"
echo "package: all checks passed"
