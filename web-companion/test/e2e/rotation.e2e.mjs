// The QR on the desktop changes every 30 s while nobody scans it; a phone that scanned the
// previous code just before the change still pairs (the bridge listens on both channels).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { devices } from 'playwright-core';

import { confirmSas, launch, openDesktop, startDemo } from './demo-harness.mjs';

const bridge = process.env.EIMZA_BRIDGE;

test('the QR rotates while shown and the previous code still pairs', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 120000 }, async () => {
  const demo = await startDemo(bridge);
  const browser = await launch();
  try {
    const { desktop, readQr } = await openDesktop(browser, demo.desktop);
    const first = await readQr();
    let second = first;
    const deadline = Date.now() + 45000;
    while (second === first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      second = await readQr();
    }
    assert.notEqual(second, first, 'a new code within the rotation interval');
    assert.match(demo.output(), /New QR code/, 'the terminal shows the new code too');

    const phone = await (await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' })).newPage();
    await phone.goto(first);  // scanned just before the change
    const sas = (await phone.getByTestId('sas').textContent()).replace(/\s/g, '');
    await confirmSas(desktop, sas);
    await phone.getByTestId('continue').waitFor();

    // Once paired, the newer code is dead too.
    const late = await (await browser.newContext({ ...devices['Pixel 7'], locale: 'en-US' })).newPage();
    await late.goto(second);
    await late.getByText('Could not connect').waitFor();
  } finally {
    await browser.close();
    await demo.stop();
  }
});
