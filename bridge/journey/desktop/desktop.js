// The desktop page: polls the bridge's state, shows the QR and the stage, takes the SAS the
// person reads on the phone, and Cancel. Served by bridge/journey/desktop_page.cpp (compiled in).
import { languageOf, say, sasClosed, sasText } from './desktop-text.js';

const lang = languageOf(navigator.language);
let version = -1;

// The page's words, from the bridge's catalogue, in the browser's language.
async function loadWords() {
  try {
    const res = await fetch('/desktop-text.json', { credentials: 'same-origin' });
    return res.ok ? (await res.json())[lang] : {};
  } catch {
    return {};
  }
}
const words = await loadWords();
document.documentElement.lang = lang;
for (const el of document.querySelectorAll('[data-text]')) el.textContent = say(el.dataset.text, words);
for (const el of document.querySelectorAll('[data-text-label]')) el.setAttribute('aria-label', say(el.dataset.textLabel, words));

async function api(path, options = {}) {
  // The session is the HttpOnly cookie the one-time link set; the header makes every call a
  // non-simple request a cross-site page cannot send without a preflight we never answer.
  const res = await fetch(path, { ...options, credentials: 'same-origin', headers: { 'X-Desktop': '1', ...(options.headers || {}) } });
  if (!res.ok) throw new Error(String(res.status));
  return res.json();
}

async function poll() {
  // Asked again at once after a change; a second after an answer that brought nothing new (the
  // bridge's 25 s hold ran out, or it holds enough requests already); 2 s after a failure.
  let next = 1000;
  try {
    // Held by the bridge until the state moves on from `version` (a long poll, not a poll).
    const s = await api(`/api/state?after=${version}`);
    if (s.version !== version) {
      next = 0;
      version = s.version;
      document.body.dataset.stage = s.stage;
      document.getElementById('message').textContent = lang === 'tr' ? s.message_tr : s.message_en;
      document.getElementById('qr').innerHTML = s.qr_svg || '';
      // The code form while the SAS is awaited; afterwards it stays (disabled) only to keep what
      // it said (Verified, three wrong tries, connection ended) in view.
      const form = document.getElementById('sas');
      const waiting = s.stage === 'waiting_sas';
      form.hidden = !waiting && !document.getElementById('sas-result').textContent;
      for (const el of form.querySelectorAll('input, button')) el.disabled = !waiting;
      const ul = document.getElementById('warnings');
      ul.replaceChildren(...s.warnings.map(({ tr, en }) => {
        const li = document.createElement('li');
        li.textContent = lang === 'tr' ? tr : en;
        return li;
      }));
    }
  } catch {
    document.getElementById('message').textContent = say('unreachable', words);
    next = 2000;
  }
  setTimeout(poll, next);
}

document.getElementById('sas').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('sas-input');
  const typed = input.value;
  const r = await api('/api/sas', { method: 'POST', body: typed });
  // Cleared only if it still holds what was sent: a code typed meanwhile is kept, not lost.
  if (input.value === typed) input.value = '';
  // Nothing can be confirmed any more: the form stays, disabled, with the reason.
  if (sasClosed(r)) for (const el of document.querySelectorAll('#sas input, #sas button')) el.disabled = true;
  document.getElementById('sas-result').textContent = sasText(r, words);
});

document.getElementById('cancel').addEventListener('click', async () => {
  if (!confirm(say('confirm_cancel', words))) return;
  await api('/api/cancel', { method: 'POST' });
});

poll();
