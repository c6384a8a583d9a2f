// Every state of both pages, in Turkish and English (each page's own language switch), checked
// with axe-core for WCAG 2.1 AA (zero violations), and, with EIMZA_SCREENSHOTS=<dir>, written as
// screenshots named page-state.lang.png (docs/screens.md shows them in journey order). Three runs:
// a light desktop with a phone-sized phone, a dark desktop with a 320-px-wide phone, and a phone
// in landscape.
// Needs EIMZA_BRIDGE and root for pcscd, like the other journeys.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { devices } from 'playwright-core';

import { DEMO_SECRETS, accessibilityViolations, confirmSas, launch, openDesktop, revealedPin, startDemo, virtualCard } from './demo-harness.mjs';

const bridge = process.env.EIMZA_BRIDGE;
const shots = process.env.EIMZA_SCREENSHOTS;

// The page's language now ('tr'/'en').
const langOf = async (page) => page.locator('html').getAttribute('lang');

/**
 * Checks the page in the language it shows and in the other one (its switch), with a screenshot
 * of each when asked; leaves it in the language it had.
 */
async function checkState(page, name, suffix = '') {
  for (let i = 0; i < 2; i++) {
    const lang = await langOf(page);
    const violations = await accessibilityViolations(page);
    assert.deepEqual(violations, [], `${name} (${lang}${suffix}): ${violations.join('\n')}`);
    if (shots && suffix !== null) await page.screenshot({ path: `${shots}/${name}.${lang}${suffix}.png`, fullPage: true });
    await page.locator('#lang').click();
    await page.waitForFunction((was) => document.documentElement.lang !== was, lang);
  }
}

// The index of the step a page's step bar marks as current (-1: none).
const currentStep = (page, list) =>
  page.locator(`${list} li`).evaluateAll((items) => items.findIndex((li) => li.getAttribute('aria-current') === 'step'));

const desktopIs = (desktop, stage, extra = '') =>
  desktop.locator(`body[data-stage="${stage}"]${extra}`).waitFor({ timeout: 20000 });

async function walk({ desktopOptions, phoneOptions, suffix = '', phoneSuffix = '', withPause = false }) {
  const demo = await startDemo(bridge);
  const browser = await launch();
  let card = null;
  try {
    const { desktop, readQr } = await openDesktop(browser, demo.desktop, desktopOptions);
    await desktopIs(desktop, 'waiting_phone');
    await checkState(desktop, 'desktop-1-qr', suffix);
    const phone = await (await browser.newContext(phoneOptions)).newPage();
    await phone.goto(await readQr());
    const sas = (await phone.getByTestId('sas').textContent()).replace(/\s/g, '');
    await desktopIs(desktop, 'waiting_sas');
    await checkState(desktop, 'desktop-2-sas', suffix);
    await checkState(phone, 'phone-1-sas', phoneSuffix);
    await confirmSas(desktop, sas);

    await phone.getByTestId('continue').waitFor();
    await desktopIs(desktop, 'on_phone');
    await checkState(desktop, 'desktop-3-card', suffix);
    await checkState(phone, 'phone-2-card', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 0, 'the phone\'s step bar');
    await phone.getByTestId('continue').click();

    await phone.getByTestId('captcha-image').waitFor();
    await desktop.locator('#steps [data-step="portal_login"][aria-current="step"]').waitFor();
    await checkState(desktop, 'desktop-4-login', suffix);
    await checkState(phone, 'phone-3-login', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 1, 'the phone\'s step bar');
    await phone.getByTestId('captcha').fill((await demo.testInfo('captcha')).captcha);
    await phone.getByTestId('security-word').fill(DEMO_SECRETS.word);
    await phone.getByTestId('login').click();

    await phone.getByTestId('masked-phone').waitFor();
    await desktop.locator('#steps [data-step="phone_confirm"][aria-current="step"]').waitFor();
    await checkState(desktop, 'desktop-5-phone', suffix);
    await checkState(phone, 'phone-4-phone', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 2, 'the phone\'s step bar');
    await phone.getByTestId('phone-yes').click();

    await phone.getByTestId('sms-code').waitFor();
    await desktop.locator('#steps [data-step="sms_code"][aria-current="step"]').waitFor();
    await checkState(desktop, 'desktop-6-sms', suffix);
    await checkState(phone, 'phone-5-sms', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 3, 'the phone\'s step bar');
    if (withPause) {
      card = virtualCard(demo);
      await card.remove();
      await desktop.locator('body[data-paused="card"]').waitFor({ timeout: 20000 });
      await checkState(desktop, 'desktop-7-card-removed', suffix);
      card.insert();
      await desktop.locator('body[data-paused=""]').waitFor({ timeout: 20000 });
    }
    const { sms } = await demo.testInfo('sms');
    await phone.getByTestId('sms-code').fill(sms.at(-1).code);
    await phone.getByTestId('sms-send').click();

    await phone.getByTestId('pin').waitFor();
    await desktop.locator('#steps [data-step="pin"][aria-current="step"]').waitFor();
    await checkState(desktop, 'desktop-8-pin', suffix);
    assert.equal(await currentStep(desktop, '#steps'), 4, 'the desktop\'s step bar');
    await checkState(phone, 'phone-6-pin', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 4, 'the phone\'s step bar');
    assert.equal(await revealedPin(phone), DEMO_SECRETS.pin);
    await phone.getByTestId('finish').click();

    await phone.getByTestId('done').waitFor();
    await desktopIs(desktop, 'done');
    await checkState(desktop, 'desktop-9-done', suffix);
    await checkState(phone, 'phone-7-done', phoneSuffix);
    assert.equal(await currentStep(phone, '[data-testid=steps]'), 5, 'the phone\'s step bar');
    assert.equal(await demo.finished(), 0);
  } finally {
    await browser.close();
    await demo.stop();
    card?.stop();
  }
}

test('every state, both pages, Turkish and English: zero WCAG 2.1 AA violations', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  await walk({ desktopOptions: { locale: 'tr-TR' }, phoneOptions: { ...devices['Pixel 7'], locale: 'tr-TR' }, withPause: true });
});

test('the desktop page in dark mode; the phone page 320 px wide', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  await walk({
    desktopOptions: { locale: 'tr-TR', colorScheme: 'dark' },
    phoneOptions: { viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'tr-TR' },
    suffix: '.dark',
    phoneSuffix: '.320',
  });
});

test('the phone page in landscape', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  const pixel = devices['Pixel 7'];
  await walk({
    desktopOptions: { locale: 'en-US' },
    phoneOptions: { ...pixel, viewport: { width: pixel.viewport.height, height: pixel.viewport.width }, locale: 'en-US' },
    suffix: null,  // the desktop is checked again, its screenshots are the first run's
    phoneSuffix: '.landscape',
  });
});

test('a failed journey says what to do next, accessibly', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 120000 }, async () => {
  const demo = await startDemo(bridge);
  const browser = await launch();
  try {
    const { desktop } = await openDesktop(browser, demo.desktop, { locale: 'tr-TR' });
    await desktopIs(desktop, 'waiting_phone');
    desktop.once('dialog', (d) => d.accept());
    await desktop.getByTestId('cancel').click();
    await desktopIs(desktop, 'failed');
    await checkState(desktop, 'desktop-10-failed');
  } finally {
    await browser.close();
    await demo.stop();
  }
});

test('no card reader: the desktop says to plug one in, accessibly', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 120000 }, async () => {
  // The demo's pcscd has only the virtual reader, which `bridge run` ignores unless named: to the
  // bridge this machine has no card reader, as a new user's may not.
  const demo = await startDemo(bridge);
  const browser = await launch();
  const run = spawn(bridge, ['run', '--lang', 'en', '--tray', 'off', '--lan', '--lan-address', '127.0.0.1',
    '--portal-url', demo.portal, '--portal-ca', demo.caPath], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'eimza-state-')) },
  });
  let out = '';
  run.stdout.on('data', (d) => { out += d; });
  run.stderr.on('data', (d) => { out += d; });
  try {
    const end = Date.now() + 20000;
    while (!/Desktop page: (\S+)/.test(out)) {
      assert.ok(Date.now() < end, `no desktop page: ${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const desktop = await (await browser.newContext({ locale: 'tr-TR' })).newPage();
    await desktop.goto(/Desktop page: (\S+)/.exec(out)[1]);
    await desktop.locator('body[data-paused="reader"]').waitFor({ timeout: 20000 });
    await checkState(desktop, 'desktop-0-no-reader');
    assert.match(out, /No card reader found/);
  } finally {
    run.kill('SIGTERM');
    await new Promise((r) => (run.exitCode !== null ? r() : run.once('exit', r)));
    await browser.close();
    await demo.stop();
  }
});
