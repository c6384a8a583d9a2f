// Reads the JSON files of one or more runs and prints the table: ours, each peer, the ratio, the
// target, whether it is met — over several runs (bench/run --repeat N) each figure as
// min/median/max, the ratio of every run, and "met" only when met in each run.
// Writes everything (raw results + table) to the output file.
//   node bench/summarize.mjs <latest.json> <run dir> [<run dir> ...]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { join } from 'node:path';

const [outFile, ...dirs] = process.argv.slice(2);

const p = (x, path) => path.split('.').reduce((o, k) => o?.[k], x);
const ratio = (a, b) => (a && b ? a / b : NaN);

// One run's figures: rows of numbers (ours, node, transit, ratio) with the target's test.
function figures(dir) {
  const read = (name) => (existsSync(join(dir, `${name}.json`)) ? JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) : null);
  const r = { floor: read('floor'), b5: read('b5'), b6: read('b6'), b7: read('b7'), 'b2-ours-sleep': read('b2-ours-sleep') };
  for (const k of ['ours', 'node', 'transit']) {
    r[`b1-${k}`] = read(`b1-${k}`); r[`b2-${k}`] = read(`b2-${k}`);
    r[`b3-64-${k}`] = read(`b3-64-${k}`); r[`b3-16k-${k}`] = read(`b3-16k-${k}`); r[`b4-${k}`] = read(`b4-${k}`);
  }
  const rows = [];
  // ratio: the figure the target compares (× node, × primitives...), ratioOf says against what.
  const row = (bench, metric, ours, node, transit, ratioValue, ratioOf, target, met, note = '') =>
    rows.push({ bench, metric, ours, node, transit, ratio: ratioValue, ratioOf, target, met, note });
  {
    const o = p(r['b1-ours'], 'pairing'), n = p(r['b1-node'], 'pairing'), t = p(r['b1-transit'], 'pairing');
    row('B1 pairing', 'p50 µs', o?.p50_us, n?.p50_us, t?.p50_us, ratio(o?.p50_us, n?.p50_us), 'node', '≤ 500 µs', o?.p50_us <= 500);
    row('B1 pairing', 'p99 µs', o?.p99_us, n?.p99_us, t?.p99_us, ratio(o?.p99_us, n?.p99_us), 'node', '≤ 1500 µs', o?.p99_us <= 1500);
  }
  {
    const floor = p(r.floor, 'rt_64.p50_us');
    for (const size of ['64', '1024']) {
      const o = p(r['b2-ours'], `rt_${size}`), n = p(r['b2-node'], `rt_${size}`), t = p(r['b2-transit'], `rt_${size}`);
      const rn = ratio(o?.p50_us, n?.p50_us);
      row(`B2 round trip ${size} B`, 'p50 µs', o?.p50_us, n?.p50_us, t?.p50_us, rn, 'node',
        size === '64' ? '≤ 0.8× node' : '—', size === '64' ? rn <= 0.8 : undefined, `${fmt(ratio(o?.p50_us, 2 * floor))}× 2-hop floor`);
      row(`B2 round trip ${size} B`, 'p99 µs', o?.p99_us, n?.p99_us, t?.p99_us, ratio(o?.p99_us, n?.p99_us), 'node', '≤ 150 µs', o?.p99_us <= 150);
      // What the server's event loop spends on it (ours polls before it sleeps, relay/poll_window.hpp).
      row(`B2 round trip ${size} B`, 'server CPU µs per round trip', o?.server_cpu_us_per_rt, n?.server_cpu_us_per_rt,
        t?.server_cpu_us_per_rt, ratio(o?.server_cpu_us_per_rt, n?.server_cpu_us_per_rt), 'node', '—', undefined);
    }
    // The same round trip through our relay with busy polling off (the event loop sleeps at once).
    const os = p(r['b2-ours-sleep'], 'rt_64'), n64 = p(r['b2-node'], 'rt_64');
    row('B2 64 B, relay --busy-poll-us 0', 'p50 µs', os?.p50_us, n64?.p50_us, undefined, ratio(os?.p50_us, n64?.p50_us), 'node', '—', undefined,
      `server CPU ${fmt(os?.server_cpu_us_per_rt)} µs per round trip`);
  }
  {
    const o = r['b3-64-ours'], n = r['b3-64-node'], t = r['b3-64-transit'];
    const rn = ratio(o?.msgs_per_s, n?.msgs_per_s);
    row('B3 forwarded 64 B', 'msg/s', o?.msgs_per_s, n?.msgs_per_s, t?.msgs_per_s, rn, 'node', '≥ 2× node, ≥ 150k', rn >= 2 && o?.msgs_per_s >= 150000,
      `${fmt(ratio(o?.msgs_per_s, t?.msgs_per_s))}× transit`);
    const g = (x) => (x ? x.payload_bytes_per_s / 1e9 : undefined);
    const ob = r['b3-16k-ours'], nb = r['b3-16k-node'], tb = r['b3-16k-transit'];
    row('B3 bulk 16 KB', 'GB/s', g(ob), g(nb), g(tb), ratio(g(ob), g(nb)), 'node', '≥ 1.5 GB/s', g(ob) >= 1.5, `${fmt(ratio(g(ob), g(tb)))}× transit`);
  }
  {
    const o = r['b4-ours'], n = r['b4-node'], t = r['b4-transit'];
    row('B4 idle paired sessions', 'bytes/session', o?.bytes_per_session, n?.bytes_per_session, t?.bytes_per_session,
      ratio(o?.bytes_per_session, n?.bytes_per_session), 'node', '≤ 4096 (stretch 2048)', o?.bytes_per_session <= 4096,
      `${fmt(ratio(o?.bytes_per_session, t?.bytes_per_session))}× transit; ${o?.sessions ?? ''} sessions`);
    row('B4 idle paired sessions', 'kernel bytes/session (ss -m)', o?.kernel_bytes_per_session, n?.kernel_bytes_per_session, t?.kernel_bytes_per_session,
      ratio(o?.kernel_bytes_per_session, n?.kernel_bytes_per_session), 'node', '—', undefined, 'not in the RSS figure');
    row('B4 set-ups', 'set-ups/s', o?.setups_per_s, n?.setups_per_s, t?.setups_per_s, ratio(o?.setups_per_s, n?.setups_per_s), 'node',
      '≥ 10k/s', o?.setups_per_s >= 10000, `${o?.parallel ?? 1} in flight`);
  }
  {
    const b = r.b5;
    row('B5 bridge', 'peak RSS MB', b ? b.peak_rss_kb / 1024 : undefined, undefined, undefined, NaN, '', '≤ 8 MB', b && b.peak_rss_kb / 1024 <= 8);
    row('B5 bridge', 'start → QR ms (p50)', b ? b.start_to_qr.p50_us / 1000 : undefined, undefined, undefined, NaN, '', '≤ 10 ms', b && b.start_to_qr.p50_us <= 10000);
    row('B5 bridge', 'stripped MB', b ? b.stripped_bytes / 1048576 : undefined, undefined, undefined, NaN, '', '≤ 4 MB', b && b.stripped_bytes <= 4 * 1048576);
  }
  {
    const b = r.b6;
    row('B6 handshake', 'µs', b?.handshake_us, undefined, undefined, b?.handshake_ratio, 'primitives', '≤ 1.2×', b?.handshake_ratio <= 1.2);
    row('B6 per message 64 B', 'µs', b?.message_us, undefined, undefined, b?.message_ratio, 'seal+open 128 B', '≤ 1.2×', b?.message_ratio <= 1.2,
      ['messages as views (message_view.hpp)',
       b?.channel_floor_ratio ? `channel floor (no message work) ${fmt(b.channel_floor_ratio)}×` : '',
       b?.wire_floor_ratio ? `wire-format floor (no message objects) ${fmt(b.wire_floor_ratio)}×` : '']
        .filter(Boolean).join('; '));
    row('B6 per message 64 B, owned messages', 'µs', b?.owned_message_us, undefined, undefined, b?.owned_message_ratio,
      'seal+open 128 B', '—', undefined, 'each value copied into wiping storage by the sender and again by the receiver');
  }
  {
    const b = r.b7;
    const okAll = b && b.sessions_with_loss === 0 && b.duplicates_to_app === 0 && b.unexplained_failures === 0;
    const per = b ? Object.entries(b.faults).map(([f, v]) => `${f} ${v.delivered_exactly_once}/${v.pairings}`).join(', ') : '';
    row('B7 faults', 'pairings', b?.pairings, undefined, undefined, NaN, '', 'nothing lost', okAll,
      `loss ${b?.sessions_with_loss}, dupes ${b?.duplicates_to_app}, unexplained ${b?.unexplained_failures}; ${per}`);
  }
  return { rows, results: r };
}

function fmt(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  return Number(v) >= 100 ? String(Math.round(v)) : Number(v).toFixed(2);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const spread = (xs) => {
  const v = xs.filter((x) => x !== undefined && x !== null && !Number.isNaN(x));
  if (!v.length) return { text: '—' };
  if (xs.length === 1) return { min: v[0], median: v[0], max: v[0], text: fmt(v[0]) };
  const m = { min: Math.min(...v), median: median(v), max: Math.max(...v) };
  return { ...m, text: `${fmt(m.min)} / ${fmt(m.median)} / ${fmt(m.max)}` };
};

const runs = dirs.map(figures);
const table = runs[0].rows.map((first, i) => {
  const all = runs.map((x) => x.rows[i]);
  const metRuns = all.filter((x) => x.met === true).length;
  return {
    bench: first.bench, metric: first.metric, target: first.target,
    ours: spread(all.map((x) => x.ours)), node: spread(all.map((x) => x.node)), transit: spread(all.map((x) => x.transit)),
    ratio_per_run: all.map((x) => x.ratio), ratio_of: first.ratioOf,
    met_runs: first.met === undefined ? undefined : metRuns, runs: all.length,
    met: first.met === undefined ? undefined : metRuns === all.length,
    notes: all.map((x) => x.note),
  };
});

const header = ['benchmark', 'metric', runs.length > 1 ? 'ours min / median / max' : 'ours', 'node ws', 'transit', 'ratio per run', 'target', 'met'];
const lines = table.map((x) => [
  x.bench, x.metric, x.ours.text, x.node.text, x.transit.text,
  x.ratio_per_run.every((v) => v === undefined || Number.isNaN(v)) ? (x.notes[0] || '') : `${x.ratio_per_run.map(fmt).join(', ')}× ${x.ratio_of}`,
  x.target, x.met === undefined ? '' : `${x.met ? 'yes' : 'NO'}${runs.length > 1 ? ` (${x.met_runs}/${x.runs})` : ''}`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
const print = (l) => console.log(l.map((c, i) => String(c).padEnd(widths[i])).join('  '));
print(header);
for (const l of lines) print(l);
writeFileSync(outFile, `${JSON.stringify({
  taken: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, kernel: release() },
  runs: runs.length, table, results: runs.map((x) => x.results),
}, null, 1)}\n`);
// The same table in Markdown beside the JSON (for bench/README.md and the README).
const md = [
  `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`,
  ...lines.map((l) => `| ${l.map((c) => String(c).replace(/\|/g, '/')).join(' | ')} |`),
].join('\n');
writeFileSync(outFile.replace(/\.json$/, '.md'), `${md}\n`);
console.log(`bench: wrote ${outFile}`);
