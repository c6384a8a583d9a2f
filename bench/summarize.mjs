// Reads one run's JSON files and prints the table: ours, each peer, the ratio, the target.
// Writes everything (raw results + table) to the output file.
//   node bench/summarize.mjs <run dir> <latest.json>
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { join } from 'node:path';

const [dir, outFile] = process.argv.slice(2);
const read = (name) => (existsSync(join(dir, `${name}.json`)) ? JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) : null);
const r = {
  floor: read('floor'), b5: read('b5'), b6: read('b6'), b7: read('b7'),
};
for (const k of ['ours', 'node', 'transit']) {
  r[`b1-${k}`] = read(`b1-${k}`); r[`b2-${k}`] = read(`b2-${k}`);
  r[`b3-64-${k}`] = read(`b3-64-${k}`); r[`b3-16k-${k}`] = read(`b3-16k-${k}`); r[`b4-${k}`] = read(`b4-${k}`);
}
const fmt = (v, unit = '') => (v === undefined || v === null || Number.isNaN(v) ? '—' : `${Number(v) >= 100 ? Math.round(v) : Number(v).toFixed(2)}${unit}`);
const ratio = (a, b) => (a && b ? a / b : NaN);
const rows = [];
const row = (bench, metric, ours, node, transit, ratioText, target, met) => rows.push({ bench, metric, ours, node, transit, ratio: ratioText, target, met });

const p = (x, path) => path.split('.').reduce((o, k) => o?.[k], x);
// B1
{
  const o = p(r['b1-ours'], 'pairing'), n = p(r['b1-node'], 'pairing'), t = p(r['b1-transit'], 'pairing');
  row('B1 pairing', 'p50 µs', fmt(o?.p50_us), fmt(n?.p50_us), fmt(t?.p50_us), `${fmt(ratio(o?.p50_us, n?.p50_us))}× node`, '≤ 500 µs', o?.p50_us <= 500);
  row('B1 pairing', 'p99 µs', fmt(o?.p99_us), fmt(n?.p99_us), fmt(t?.p99_us), `${fmt(ratio(o?.p99_us, n?.p99_us))}× node`, '≤ 1500 µs', o?.p99_us <= 1500);
}
// B2
{
  const floor = p(r.floor, 'rt_64.p50_us');
  for (const size of ['64', '1024']) {
    const o = p(r['b2-ours'], `rt_${size}`), n = p(r['b2-node'], `rt_${size}`), t = p(r['b2-transit'], `rt_${size}`);
    row(`B2 round trip ${size} B`, 'p50 µs', fmt(o?.p50_us), fmt(n?.p50_us), fmt(t?.p50_us),
      `${fmt(ratio(o?.p50_us, 2 * floor))}× 2-hop floor (${fmt(2 * floor)} µs); ${fmt(ratio(o?.p50_us, n?.p50_us))}× node`,
      size === '64' ? '≤ 2× floor' : '—', size === '64' ? o?.p50_us <= 2 * 2 * floor : undefined);
    row(`B2 round trip ${size} B`, 'p99 µs', fmt(o?.p99_us), fmt(n?.p99_us), fmt(t?.p99_us), `${fmt(ratio(o?.p99_us, n?.p99_us))}× node`, '≤ 150 µs', o?.p99_us <= 150);
  }
}
// B3
{
  const o = r['b3-64-ours'], n = r['b3-64-node'], t = r['b3-64-transit'];
  row('B3 forwarded 64 B', 'msg/s', fmt(o?.msgs_per_s), fmt(n?.msgs_per_s), fmt(t?.msgs_per_s),
    `${fmt(ratio(o?.msgs_per_s, n?.msgs_per_s))}× node, ${fmt(ratio(o?.msgs_per_s, t?.msgs_per_s))}× transit`, '≥ 150k', o?.msgs_per_s >= 150000);
  const ob = r['b3-16k-ours'], nb = r['b3-16k-node'], tb = r['b3-16k-transit'];
  const g = (x) => (x ? x.payload_bytes_per_s / 1e9 : undefined);
  row('B3 bulk 16 KB', 'GB/s', fmt(g(ob)), fmt(g(nb)), fmt(g(tb)), `${fmt(ratio(g(ob), g(nb)))}× node, ${fmt(ratio(g(ob), g(tb)))}× transit`, '≥ 1.5 GB/s', g(ob) >= 1.5);
}
// B4
{
  const o = r['b4-ours'], n = r['b4-node'], t = r['b4-transit'];
  row(`B4 ${o?.sessions ?? ''} idle sessions`, 'bytes/session', fmt(o?.bytes_per_session), fmt(n?.bytes_per_session), fmt(t?.bytes_per_session),
    `${fmt(ratio(o?.bytes_per_session, n?.bytes_per_session))}× node, ${fmt(ratio(o?.bytes_per_session, t?.bytes_per_session))}× transit`, '≤ 2048', o?.bytes_per_session <= 2048);
  row(`B4 ${o?.sessions ?? ''} idle sessions`, 'set-ups/s', fmt(o?.setups_per_s), fmt(n?.setups_per_s), fmt(t?.setups_per_s),
    `${fmt(ratio(o?.setups_per_s, n?.setups_per_s))}× node, ${fmt(ratio(o?.setups_per_s, t?.setups_per_s))}× transit`, '≥ 10k/s', o?.setups_per_s >= 10000);
}
// B5
{
  const b = r.b5;
  row('B5 bridge', 'peak RSS MB', fmt(b ? b.peak_rss_kb / 1024 : undefined), '', '', '', '≤ 8 MB', b && b.peak_rss_kb / 1024 <= 8);
  row('B5 bridge', 'start → QR ms (p50)', fmt(b ? b.start_to_qr.p50_us / 1000 : undefined), '', '', '', '≤ 15 ms', b && b.start_to_qr.p50_us <= 15000);
  row('B5 bridge', 'stripped MB', fmt(b ? b.stripped_bytes / 1048576 : undefined), '', '', '', '≤ 4 MB', b && b.stripped_bytes <= 4 * 1048576);
}
// B6
{
  const b = r.b6;
  row('B6 handshake', 'µs', fmt(b?.handshake_us), '', '', `${fmt(b?.handshake_ratio)}× primitives (${fmt(b?.primitives_us)} µs)`, '≤ 1.2×', b?.handshake_ratio <= 1.2);
  row('B6 per message 64 B', 'µs', fmt(b?.message_us), '', '', `${fmt(b?.message_ratio)}× seal+open 128 B (${fmt(b?.raw_seal_open_128_us)} µs)`, '≤ 1.2×', b?.message_ratio <= 1.2);
}
// B7
{
  const b = r.b7;
  const okAll = b && b.sessions_with_loss === 0 && b.duplicates_to_app === 0 && b.unexplained_failures === 0;
  const per = b ? Object.entries(b.faults).map(([f, v]) => `${f} ${v.delivered_exactly_once}/${v.pairings}`).join(', ') : '';
  row('B7 faults', 'pairings', fmt(b?.pairings), '', '', `loss ${b?.sessions_with_loss}, dupes ${b?.duplicates_to_app}, unexplained ${b?.unexplained_failures}; ${per}`, 'nothing lost', okAll);
}

const header = ['benchmark', 'metric', 'ours', 'node ws', 'transit', 'ratio', 'target', 'met'];
const lines = rows.map((x) => [x.bench, x.metric, x.ours, x.node, x.transit, x.ratio, x.target, x.met === undefined ? '' : x.met ? 'yes' : 'NO']);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const print = (l) => console.log(l.map((c, i) => String(c).padEnd(widths[i])).join('  '));
print(header);
for (const l of lines) print(l);
writeFileSync(outFile, `${JSON.stringify({
  taken: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, kernel: release() },
  table: rows, results: r,
}, null, 1)}\n`);
console.log(`bench: wrote ${outFile}`);
