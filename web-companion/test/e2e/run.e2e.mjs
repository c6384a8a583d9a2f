// `bridge run` — the real-world command — against stand-ins a test can own: the portal is the
// simulator (by --portal-url, trusted by --portal-ca), the card the virtual one in pcscd (by
// --reader), both borrowed from a `bridge demo` that just sits waiting; the phone meets the
// bridge through a separate relay over wss:// whose self-signed certificate the bridge is told
// to trust (--relay-ca) and which it refuses otherwise. The journey goes through an institution's
// proxy (--proxy, Basic sign-in): the portal's requests and the relay link both (the link's tunnel
// comes from the bridge's HTTP module, as in the product).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { test } from 'node:test';
import { devices } from 'playwright-core';

import { DEMO_SECRETS, confirmSas, launch, login, openDesktop, revealedPin, smsToPin, startDemo } from './demo-harness.mjs';

const bridge = process.env.EIMZA_BRIDGE;
const FIXTURE = DEMO_SECRETS;
// The served copy in the build tree's install layout (never the source checkout).
const companion = bridge ? resolve(dirname(bridge), '../share/eimza/web-companion') : '';

async function until(what, check, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function selfSigned(dir) {
  const cert = join(dir, 'relay.pem');
  const key = join(dir, 'relay.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

// An HTTP CONNECT proxy asking for Basic user:pass; counts the tunnels it opened, by target.
async function startProxy() {
  const tunnels = [];
  const server = createServer((req, res) => { res.writeHead(405).end(); });
  server.on('connect', (req, client, head) => {
    if (req.headers['proxy-authorization'] !== `Basic ${Buffer.from('user:pass').toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const [host, port] = req.url.split(':');
    const up = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host, () => {
      tunnels.push(req.url);
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://user:pass@127.0.0.1:${server.address().port}`, tunnels, close: () => server.close() };
}

function startBridgeRun(args) {
  const stateDir = mkdtempSync(join(tmpdir(), 'eimza-state-'));
  const proc = spawn(bridge, ['run', '--lang', 'en', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_STATE_HOME: stateDir } });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  return { proc, output: () => out, log: () => readFileSync(join(stateDir, 'eimza', 'bridge.log'), 'utf8'), exited: () => new Promise((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.once('exit', r))) };
}

test('bridge run: relay over wss with a verified certificate, portal by URL, reader by name', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  const demo = await startDemo(bridge);
  const dir = mkdtempSync(join(tmpdir(), 'bridge-run-'));
  const { cert, key } = selfSigned(dir);
  const relayBin = resolve(dirname(bridge), '../relay/relay');
  const relay = spawn(relayBin, ['--cert', cert, '--key', key, '--static', companion, '--bind', '127.0.0.1', '--port', '0',
    '--port-file', join(dir, 'relay.port')], { stdio: 'ignore' });
  const runs = [];
  const proxy = await startProxy();
  const browser = await launch();
  try {
    const port = await until('the relay', () => existsSync(join(dir, 'relay.port')) && readFileSync(join(dir, 'relay.port'), 'utf8').trim());
    const common = ['--portal-url', demo.portal, '--portal-ca', demo.caPath, '--reader', 'Virtual PCD 00 00'];

    // Not told to trust the relay's certificate: it says so instead of showing a useless QR.
    const untrusting = startBridgeRun(['--relay', `wss://127.0.0.1:${port}`, ...common]);
    runs.push(untrusting);
    assert.equal(await untrusting.exited(), 1);
    assert.match(untrusting.output(), /The relay's certificate is not trusted, or TLS failed\./);

    const run = startBridgeRun(['--relay', `wss://127.0.0.1:${port}`, '--relay-ca', cert, '--proxy', proxy.url, ...common]);
    runs.push(run);
    await until('the QR', () => /\[waiting_phone\]/.test(run.output()));
    const { desktop, readQr } = await openDesktop(browser, /Desktop page: (\S+)/.exec(run.output())[1]);
    const url = await readQr();
    assert.match(url, new RegExp(`^https://127\\.0\\.0\\.1:${port}/c#`));

    // The phone's browser is not the subject here: it accepts the test certificate.
    const phone = await (await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US', ignoreHTTPSErrors: true })).newPage();
    await phone.goto(url);
    const sas = (await phone.getByTestId('sas').textContent()).replace(/\s/g, '');
    await confirmSas(desktop, sas);
    await phone.getByTestId('continue').click();
    await login(phone, demo);
    await smsToPin(phone, demo);
    assert.equal(await revealedPin(phone, 10000), FIXTURE.pin);
    await phone.getByTestId('finish').click();
    await phone.getByTestId('done').waitFor();
    assert.equal(await run.exited(), 0);
    for (const text of [run.output(), run.log()]) {
      assert.ok(!text.includes(FIXTURE.pin) && !text.includes(FIXTURE.word), 'no secret in the output or the log');
    }
    assert.match(run.log(), /start command="run"/);
    const portalPort = new URL(demo.portal).port;
    assert.ok(proxy.tunnels.includes(`127.0.0.1:${port}`), `the relay link went through the proxy: ${proxy.tunnels}`);
    assert.ok(proxy.tunnels.some((t) => t.endsWith(`:${portalPort}`)), `the portal went through the proxy: ${proxy.tunnels}`);
  } finally {
    proxy.close();
    await browser.close();
    for (const r of runs) if (r.proc.exitCode === null) r.proc.kill('SIGTERM');
    relay.kill('SIGTERM');
    await demo.stop();
  }
});
