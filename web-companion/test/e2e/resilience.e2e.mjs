// The journey survives what phones and people do: the phone page reloaded mid-flow (resume with
// a fresh channel, the open step shown again, nothing kept in the tab's storage but the resume
// material) and the card pulled out of the reader mid-flow (the journey pauses, says why on
// both screens and goes on when the same card is back), and the connection cut while an answer
// is on its way (resume continues the channel: the answer arrives once). Real bridge demo, real
// browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO_SECRETS, assertNoSecrets, confirmSas, launch, login, pairPhone, revealedPin, smsToPin, startDemo, virtualCard, assertByeDelivered } from './demo-harness.mjs';

const bridge = process.env.EIMZA_BRIDGE;
const FIXTURE = DEMO_SECRETS;

test('phone page reloaded mid-flow: the journey resumes where it was', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  const demo = await startDemo(bridge);
  const browser = await launch();
  try {
    const { desktop, phone, sas } = await pairPhone(browser, demo);
    await confirmSas(desktop, sas);
    await phone.getByTestId('continue').click();
    await phone.getByTestId('captcha-image').waitFor();

    // Reload on the login step: the same step comes back over a resumed link.
    await phone.reload();
    await phone.getByTestId('captcha-image').waitFor({ timeout: 20000 });
    assert.equal(await phone.getByTestId('connection').textContent(), 'Connected');
    await login(phone, demo);

    // Reload again on the phone-number step, then finish.
    await phone.getByTestId('masked-phone').waitFor();
    await phone.reload();
    await phone.getByTestId('masked-phone').waitFor({ timeout: 20000 });
    const code = await smsToPin(phone, demo);
    const stored = await phone.evaluate(() => JSON.stringify(sessionStorage));
    assert.match(stored, /resumeKey/, 'the tab keeps what it needs to resume');
    for (const secret of [FIXTURE.pin, FIXTURE.puk, FIXTURE.word, code]) assert.ok(!stored.includes(secret), 'no secret in the tab storage');
    assert.equal(await revealedPin(phone), FIXTURE.pin);

    await phone.getByTestId('finish').click();
    await phone.getByTestId('done').waitFor();
    assert.equal(await demo.finished(), 0, 'bridge demo ends with success');
    await assertByeDelivered(demo, phone);
    assert.equal(await phone.evaluate(() => sessionStorage.length), 0, 'nothing left to resume after the end');
    assertNoSecrets(demo, [FIXTURE.pin, FIXTURE.puk, FIXTURE.word, code], { 'the desktop DOM': await desktop.content() });
  } finally {
    await browser.close();
    await demo.stop();
  }
});

test('card pulled mid-flow: the journey pauses and goes on when it is back', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  const demo = await startDemo(bridge);
  const card = virtualCard(demo);
  const browser = await launch();
  try {
    const { desktop, phone, sas } = await pairPhone(browser, demo);
    await confirmSas(desktop, sas);
    await phone.getByTestId('continue').click();
    await phone.getByTestId('captcha-image').waitFor();

    await card.remove();
    await desktop.getByText('The card was removed: put it back in the reader to continue.').waitFor({ timeout: 20000 });
    await phone.getByText('The card was taken out of the reader').waitFor();
    assert.match(demo.output(), /\[waiting_card\] The card was removed/);

    card.insert();
    await phone.getByTestId('captcha-image').waitFor({ timeout: 20000 });
    await login(phone, demo);
    const code = await smsToPin(phone, demo);
    assert.equal(await revealedPin(phone), FIXTURE.pin);
    await phone.getByTestId('finish').click();
    await phone.getByTestId('done').waitFor();
    assert.equal(await demo.finished(), 0, 'bridge demo ends with success');
    await assertByeDelivered(demo, phone);
    assertNoSecrets(demo, [FIXTURE.pin, FIXTURE.puk, FIXTURE.word, code], { 'the desktop DOM': await desktop.content() });
  } finally {
    await browser.close();
    card.stop();
    await demo.stop();
  }
});

test('connection cut while the SMS code is sent: resumed, delivered exactly once', { skip: !bridge && 'EIMZA_BRIDGE not set', timeout: 240000 }, async () => {
  const demo = await startDemo(bridge);
  const browser = await launch();
  const sockets = [];
  try {
    // Every phone WebSocket goes through a route the test can cut, as a network change would.
    const { desktop, phone, sas } = await pairPhone(browser, demo, (page) =>
      page.routeWebSocket(/\/v1\/connect\//, (ws) => { sockets.push({ ws, server: ws.connectToServer() }); }));
    await confirmSas(desktop, sas);
    await phone.getByTestId('continue').click();
    await login(phone, demo);
    await phone.getByTestId('phone-yes').click();
    await phone.getByTestId('sms-code').waitFor();
    const code = (await demo.testInfo('sms')).sms.at(-1).code;
    await phone.getByTestId('sms-code').fill(code);

    const cut = sockets.at(-1);
    await cut.server.close();
    await cut.ws.close();
    await phone.getByTestId('sms-send').click();  // while the link is down: kept, sent after resume
    await phone.getByTestId('pin').waitFor({ timeout: 20000 });
    assert.ok(sockets.length >= 2, 'a resume socket was opened');
    assert.equal((await demo.testInfo('stats')).posts.sms, 1, 'the SMS code went to the portal once');
    assert.equal(await revealedPin(phone), FIXTURE.pin);
    await phone.getByTestId('finish').click();
    await phone.getByTestId('done').waitFor();
    assert.equal(await demo.finished(), 0, 'bridge demo ends with success');
    await assertByeDelivered(demo, phone);
    assertNoSecrets(demo, [FIXTURE.pin, FIXTURE.puk, FIXTURE.word, code], { 'the desktop DOM': await desktop.content() });
  } finally {
    await browser.close();
    await demo.stop();
  }
});
