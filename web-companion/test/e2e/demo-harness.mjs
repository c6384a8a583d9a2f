// Starts `bridge demo` for a browser test, reads what it prints (desktop page, portal simulator),
// and offers the simulator's test endpoints (captcha answer, SMS code, POST counts).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, devices } from 'playwright-core';

export const TEST_TOKEN = 'e2e-test-token';
/** The demo account's secrets (fixture data): what every journey checks is never leaked. */
export const DEMO_SECRETS = { pin: '482915', puk: '73019264', word: 'çiğdem' };

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** No PIN, PUK, security word or SMS code anywhere the bridge writes or shows (SMS lines of the simulator aside). */
export function assertNoSecrets(demo, secrets, extra = {}) {
  const places = {
    'the bridge output': (demo.output() + demo.errors()).replace(/portal-sim: SMS[^\n]*/g, ''),
    'the log files': demo.logFiles(),
    ...extra,
  };
  for (const [where, text] of Object.entries(places)) {
    for (const s of secrets) if (text.includes(s)) throw new Error(`a ${s.length}-character secret appears in ${where}`);
  }
}

/**
 * After a finished journey: the phone has the bridge's bye (the page says the session ended) and
 * the bridge logged that the phone acknowledged it before it closed.
 */
export async function assertByeDelivered(demo, phone) {
  await phone.locator('body[data-connection="ended"]').waitFor({ timeout: 10000 });
  if (!/phone_bye acknowledged=true/.test(demo.logFiles())) throw new Error('the bridge did not see its bye acknowledged');
}

export async function startDemo(bridgePath, args = []) {
  const stateDir = mkdtempSync(join(tmpdir(), 'eimza-state-'));  // where the bridge writes its logs
  const proc = spawn(bridgePath, ['demo', '--lang', 'en', '--log-level', 'debug', ...args], {
    env: { ...process.env, EIMZA_DEMO_TEST_TOKEN: TEST_TOKEN, XDG_STATE_HOME: stateDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { err += d; });
  const deadline = Date.now() + 30000;
  while (!/\[waiting_phone\]/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`bridge demo did not get ready:\n${out}\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const desktop = /Desktop page: (\S+)/.exec(out)[1];
  const [, portal, ca] = /Portal simulator: (\S+) \(CA: ([^)]+)\)/.exec(out);
  const demo = {
    proc, desktop, portal, caPath: ca, ca: readFileSync(ca),
    output: () => out,
    /** Every log file the bridge and its helpers wrote, concatenated. */
    logFiles: () => filesUnder(stateDir).map((f) => readFileSync(f, 'utf8')).join('\n'),
    errors: () => err,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGINT');
        await new Promise((r) => { proc.once('exit', r); setTimeout(r, 10000); });
      }
    },
    async finished(timeoutMs = 30000) {
      if (proc.exitCode !== null) return proc.exitCode;
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), timeoutMs);
        proc.once('exit', (code) => { clearTimeout(timer); resolve(code); });
      });
    },
    testInfo: (what) => new Promise((resolve, reject) => {
      const req = request(`${portal}__test/${what}`, { ca: demo.ca, headers: { 'X-Test-Token': TEST_TOKEN } }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve(JSON.parse(body)));
      });
      req.on('error', reject);
      req.end();
    }),
  };
  return demo;
}

/** Decodes a QR from PNG bytes with zbarimg (a real QR reader, as a phone camera would). */
export function decodeQr(png) {
  const dir = mkdtempSync(join(tmpdir(), 'qr-'));
  const file = join(dir, 'qr.png');
  writeFileSync(file, png);
  return execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Debian's Chromium, headless (never a downloaded browser). */
export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The desktop page once its QR is shown; readQr() reads the QR as a camera would. */
export async function openDesktop(browser, url, contextOptions = {}) {
  const desktop = await (await browser.newContext(contextOptions)).newPage();
  await desktop.goto(url);
  const qr = desktop.getByTestId('qr');
  await qr.locator('svg').waitFor();
  return { desktop, readQr: async () => decodeQr(await qr.screenshot()) };
}

/** Opens the desktop page, reads its QR like a camera, opens it on an emulated phone. */
export async function pairPhone(browser, demo, prepare = async () => {}) {
  const { desktop, readQr } = await openDesktop(browser, demo.desktop);
  const url = await readQr();
  const phone = await (await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' })).newPage();
  await prepare(phone);
  await phone.goto(url);
  const sas = (await phone.getByTestId('sas').textContent()).replace(/\s/g, '');
  return { desktop, phone, url, sas };
}

/** The virtual card the demo plugged in: pull it out of the reader and put it back. */
export function virtualCard(demo) {
  let replacement = null;
  const find = () => {
    const pid = execFileSync('pgrep', ['-P', String(demo.proc.pid), 'virtual-card'], { encoding: 'utf8' }).trim().split('\n')[0];
    return { pid: Number(pid), argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) };
  };
  const original = find();
  return {
    async remove() {
      process.kill(original.pid, 'SIGTERM');
      while (existsSync(`/proc/${original.pid}`) && !readFileSync(`/proc/${original.pid}/stat`, 'utf8').includes(') Z')) {
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    insert() {
      replacement = spawn(original.argv[0], original.argv.slice(1), { stdio: 'ignore' });
    },
    stop() {
      if (replacement && replacement.exitCode === null) replacement.kill('SIGTERM');
    },
  };
}

/** The person types the SAS the phone shows on the desktop page. */
export async function confirmSas(desktop, sas) {
  await desktop.getByTestId('sas-input').fill(sas);
  await desktop.getByTestId('sas-submit').click();
}

/** The login step on the phone: the simulator's captcha answer and the security word. */
export async function login(phone, demo, word = DEMO_SECRETS.word) {
  await phone.getByTestId('captcha-image').waitFor();
  await phone.getByTestId('captcha').fill((await demo.testInfo('captcha')).captcha);
  await phone.getByTestId('security-word').fill(word);
  await phone.getByTestId('login').click();
}

/** Confirms the phone number and types the simulator's SMS code; returns the code. */
export async function smsToPin(phone, demo) {
  await phone.getByTestId('phone-yes').click();
  await phone.getByTestId('sms-code').waitFor();
  const code = (await demo.testInfo('sms')).sms.at(-1).code;
  await phone.getByTestId('sms-code').fill(code);
  await phone.getByTestId('sms-send').click();
  await phone.getByTestId('pin').waitFor();
  return code;
}

/** Press and hold: the PIN the phone shows while pressed. */
export async function revealedPin(phone, timeout = 5000) {
  await phone.getByTestId('pin-reveal').hover();
  await phone.mouse.down();
  const pin = phone.getByTestId('pin');
  await pin.filter({ hasText: /^[0-9]/ }).waitFor({ timeout });
  const shown = (await pin.textContent()).split(' ')[0];
  await phone.mouse.up();
  return shown;
}

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * WCAG 2.1 A/AA violations axe-core finds on the page as it is now (injected through the
 * DevTools protocol, so the pages' strict CSP stays as it is), as readable lines; [] when none.
 */
export async function accessibilityViolations(page) {
  const found = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
  return found;
}