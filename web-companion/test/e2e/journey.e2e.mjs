// The whole journey in a real browser (Debian Chromium via playwright-core, phone emulation)
// against the real bridge + portal simulator + virtual card in pcscd + relay: the QR is read
// from the desktop page with zbarimg, the SAS typed on the desktop page, and the PIN shown on
// the phone must be the fixture's. Afterwards no log and no desktop DOM holds a secret.
// Needs EIMZA_BRIDGE (path of the built bridge) and root for pcscd; run by scripts/test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devices } from 'playwright-core';

import { DEMO_SECRETS, assertNoSecrets, confirmSas, launch, openDesktop, startDemo, assertByeDelivered } from './demo-harness.mjs';

const bridge = process.env.EIMZA_BRIDGE;
const FIXTURE = DEMO_SECRETS;

test('activation journey: QR → SAS → login → SMS → PIN equals the fixture', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 180000 }, async () => {
  const demo = await startDemo(bridge);
  const browser = await launch();
  try {
    const { desktop, readQr } = await openDesktop(browser, demo.desktop);
    // The page's words come from the bridge's catalogue, in the browser's language only.
    await desktop.getByTestId('cancel').filter({ hasText: /^(Cancel|İptal)$/ }).waitFor();
    assert.equal(await desktop.locator('html').getAttribute('lang'), (await desktop.evaluate(() => navigator.language)).startsWith('tr') ? 'tr' : 'en');
    const url = await readQr();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/c#[A-Za-z0-9_-]+$/);

    const phoneContext = await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' });
    const phone = await phoneContext.newPage();
    await phone.goto(url);
    const sas = (await phone.getByTestId('sas').textContent()).replace(/\s/g, '');
    assert.equal(new URL(phone.url()).hash, '', 'the secret left the address bar');
    assert.match(sas, /^[0-9]{6}$/);

    await confirmSas(desktop, sas);

    await phone.getByTestId('continue').click();  // card summary
    await phone.getByTestId('captcha-image').waitFor();
    const { captcha } = await demo.testInfo('captcha');
    await phone.getByTestId('captcha').fill(captcha);
    await phone.getByTestId('security-word').fill(FIXTURE.word);
    await phone.getByTestId('login').click();

    await phone.getByTestId('masked-phone').waitFor();
    assert.equal(await phone.getByTestId('masked-phone').textContent(), '05** *** ** 42');
    await phone.getByTestId('phone-yes').click();

    await phone.getByTestId('sms-code').waitFor();
    assert.equal(await phone.getByTestId('sms-code').getAttribute('autocomplete'), 'one-time-code');
    const { sms } = await demo.testInfo('sms');
    await phone.getByTestId('sms-code').fill(sms.at(-1).code);
    await phone.getByTestId('sms-send').click();

    const pin = phone.getByTestId('pin');
    await pin.waitFor();
    assert.notEqual(await pin.textContent(), FIXTURE.pin, 'hidden until pressed');
    const hold = phone.getByTestId('pin-reveal');
    await hold.hover();
    await phone.mouse.down();  // press and hold
    await pin.filter({ hasText: /^[0-9]/ }).waitFor({ timeout: 5000 });
    assert.equal((await pin.textContent()).split(' ')[0], FIXTURE.pin, 'the PIN on the phone is the fixture\'s');
    await phone.mouse.up();
    assert.notEqual(await pin.textContent(), FIXTURE.pin, 'hidden again on release');

    await phone.getByTestId('finish').click();
    await phone.getByTestId('done').waitFor();
    assert.equal(await demo.finished(), 0, 'bridge demo ends with success');
    await assertByeDelivered(demo, phone);

    // No secret in any log, in the bridge output or in the desktop page; the log did record
    // the steps, with the secrets redacted by type.
    assertNoSecrets(demo, [FIXTURE.pin, FIXTURE.puk, FIXTURE.word, sms.at(-1).code], { 'the desktop DOM': await desktop.content() });
    const logs = demo.logFiles();
    assert.match(logs, /sms_code_submitted code=<redacted> result="ok"/);
    assert.match(logs, /pin_puk_read pin=<redacted>/);
  } finally {
    await browser.close();
    await demo.stop();
  }
});
