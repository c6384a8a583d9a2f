#!/usr/bin/env bash
# The bridge's command line and config file: every bad value gives a clear message and a
# non-zero exit; the config file is read and the command line wins over it.
# usage: cli_test.sh path/to/bridge
set -u
bridge=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fails=0

# expect <exit code> <regex for the output> -- <args...>
expect() {
  local want=$1 pattern=$2
  shift 3
  local out rc
  out=$(HOME="$dir" XDG_CONFIG_HOME="$dir/config" XDG_STATE_HOME="$dir/state" "$bridge" "$@" 2>&1 </dev/null)
  rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    echo "FAIL: bridge $* → exit $rc (want $want), output: $out"
    fails=$((fails + 1))
  else
    echo "ok: bridge $* → $rc"
  fi
}

expect 2 "usage: bridge" -- 
expect 2 "unknown command 'fly'" -- fly
expect 0 "^bridge [0-9]+\.[0-9]+\.[0-9]+" -- --version
expect 0 "--relay arg" -- run --help
expect 2 "--lang must be tr or en" -- run --lang xx
expect 2 "--log-level must be error, warn, info or debug" -- run --log-level loud --lan
expect 2 "--lan-port must be 0-65535" -- run --lan --lan-port 70000
expect 2 "--desktop-port must be 0-65535" -- demo --desktop-port -1
expect 2 "--card-wait must be between 1 and 3600" -- run --lan --card-wait 0
expect 2 "choose how the phone connects" -- run --lang en
expect 2 "choose how the phone connects" -- run --lang en --lan --relay wss://relay.example.org
expect 2 "--relay must look like ws://host\[:port\] or wss://host\[:port\]" -- run --lang en --relay https://relay.example.org
expect 2 "--relay must look like" -- run --lang en --relay "wss://relay.example.org/path"
expect 2 "--relay-ca: no such file" -- run --lang en --relay wss://r.example.org --relay-ca /nonexistent.pem
expect 2 "--lan-cert and --lan-key go together" -- run --lang en --lan --lan-cert /etc/hostname
expect 2 "--lan-address must be an IP address" -- run --lang en --lan --lan-address not-an-ip
expect 2 "--portal-url must start with https://" -- run --lang en --lan --portal-url http://portal.example.org/
expect 2 "--profile: no such file" -- run --lang en --lan --profile /nonexistent.json
echo '{"entry_url": 5}' >"$dir/bad-profile.json"
expect 2 "the portal profile could not be read" -- run --lang en --lan --profile "$dir/bad-profile.json"
expect 2 "--config: no such file" -- run --config "$dir/missing.conf"
expect 2 "unrecognised option|unrecognized option" -- run --colour blue

# The default config file is read ...
mkdir -p "$dir/config/eimza"
printf 'lang = en\nrelay = https://from-config.example.org\n' >"$dir/config/eimza/bridge.conf"
expect 2 "--relay must look like" -- run
# ... and the command line wins over it.
expect 2 "--lan-cert and --lan-key go together" -- run --relay "" --lan --lan-cert /etc/hostname
printf 'lang = en\nlog-level = chatty\n' >"$dir/other.conf"
expect 2 "--log-level must be" -- run --config "$dir/other.conf" --lan
printf 'no equals sign here\n' >"$dir/broken.conf"
expect 2 "bridge: " -- run --config "$dir/broken.conf"

[ "$fails" -eq 0 ] && echo "cli: all cases passed" || { echo "cli: $fails failed"; exit 1; }
