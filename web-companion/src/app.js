// The phone page: takes the pairing payload from the URL fragment (and removes it from the
// address bar at once), pairs with the bridge, shows the SAS, then renders each step.
import { fromBase64url } from './bytes.js';
import { Connection } from './connection.js';
import { decodeQrPayload, qrTimeAcceptable } from './qr.js';
import { View } from './view.js';
import { checkStep } from './step-contract.js';

const fragment = location.hash.slice(1);
history.replaceState(null, '', location.pathname);  // the secret must not stay in the address bar or history

let lang = (navigator.language || 'tr').toLowerCase().startsWith('tr') ? 'tr' : 'en';
const dictionaries = {};
async function loadLang(l) {
  if (!dictionaries[l]) dictionaries[l] = await (await fetch(`/i18n/${l}.json`)).json();
  lang = l;
  document.documentElement.lang = l;
  document.getElementById('lang').textContent = l === 'tr' ? 'EN' : 'TR';
  document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
}
const t = (key) => dictionaries[lang]?.[key] ?? key;

const view = new View(document.getElementById('view'), t);
const conn = document.getElementById('conn');
let rerender = () => {};
document.getElementById('lang').addEventListener('click', async () => {
  await loadLang(lang === 'tr' ? 'en' : 'tr');
  rerender();
});

await loadLang(lang);

function start() {
  const saved = Connection.saved();
  let payloadBytes = null;
  let qr = null;
  if (fragment) {
    // A code scanned now wins over a session this tab had before.
    try {
      payloadBytes = fromBase64url(fragment);
      qr = decodeQrPayload(payloadBytes);
    } catch {
      return view.message('qr_bad', 'error');
    }
    if (!qrTimeAcceptable(qr.createdAt, Math.floor(Date.now() / 1000))) return view.message('qr_old', 'error');
  } else if (!saved) {
    return view.message('no_qr');
  }

  const renderers = { card: 'card', login: 'login', confirm_phone: 'confirmPhone', sms_code: 'smsCode', pin: 'pin', done: 'done' };
  let sas = saved?.sas ?? '';
  let stepSeen = false;
  const connection = new Connection({
    hello: { userAgent: navigator.userAgent.slice(0, 200), pageVersion: '1', language: lang },
    handlers: {
      onState: (s) => {
        const key = { connected: 'connected', connecting: 'connecting', reconnecting: 'reconnecting', ended: 'session_closed' }[s] ?? 'disconnected';
        conn.textContent = t(key);
        document.body.dataset.connection = s;
      },
      onPaired: (code) => {
        sas = code;
        rerender = () => view.sas(code);
        rerender();
      },
      // After a reload the bridge sends its open step again; until then (or if none is open
      // because the SAS is not confirmed yet) show the SAS or a wait.
      onResumed: (restarted) => {
        if (!restarted) return;
        rerender = () => (stepSeen || !sas ? view.message('waiting_bridge') : view.sas(sas));
        rerender();
      },
      onError: (code) => view.message(code === 'not_paired' ? 'not_paired' : 'ended', 'error'),
      onMessage: (m) => {
        if (m.type === 'bye' || m.type === 'error') {
          if (document.querySelector('[data-testid="done"]')) return;
          // Another phone completed its pairing first: say so, this one is not connected.
          if (m.type === 'bye' && m.body && m.body.reason === 'already_paired') return view.message('already_paired', 'error');
          return view.message('ended');
        }
        if (m.type !== 'step_request') return;
        // Only steps as protocol/steps/steps.json declares them (the bridge checks the same file).
        if (checkStep(m.body.kind, 'request', m.body.fields)) return view.message('step_invalid', 'error');
        stepSeen = true;
        if (m.body.kind === 'paused') {
          rerender = () => view.message(m.body.fields.get('reason') === 'card_removed' ? 'card_removed' : 'paused', 'error');
          return rerender();
        }
        const render = renderers[m.body.kind];
        if (!render) return connection.respond(m.body.id, new Map());
        const answer = (fields) => {
          if (checkStep(m.body.kind, 'response', fields)) return view.message('step_invalid', 'error');
          connection.respond(m.body.id, fields);
          if (m.body.kind === 'done') connection.finish();
          else view.message('waiting_bridge');
        };
        rerender = () => view[render](m.body.fields, answer);
        rerender();
      },
    },
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') connection.wake();
  });
  if (qr) {
    view.message('connecting');
    connection.pair(payloadBytes, qr);
  } else {
    view.message('reconnecting');
    connection.restore(saved);
  }
}

start();
