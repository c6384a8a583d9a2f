// The desktop page: follows the bridge's state (a long poll), shows the stage with what to do,
// the step bar, the card's facts and warnings, the QR, takes the SAS the person reads on the
// phone, and Cancel. Served by bridge/journey/desktop_page.cpp (compiled in). No word is written
// here: they come from the bridge's catalogue (GET /desktop-text.json).
import { chosenLanguage, say, sasClosed, sasText, stageView, stepStates, STEPS, validityKey } from './desktop-text.js';

const $ = (id) => document.getElementById(id);
let lang = chosenLanguage(localStorage.getItem('eimza-lang'), navigator.language);
let version = -1;
let last = null;  // the last state, to say it again when the language changes
let lastSas = null;  // the last answer to a typed code, likewise

async function loadWords() {
  try {
    const res = await fetch('/desktop-text.json', { credentials: 'same-origin' });
    return res.ok ? await res.json() : {};
  } catch {
    return {};
  }
}
const allWords = await loadWords();
let words = allWords[lang] || {};

// The fixed words of the page, in the chosen language.
function sayStatic() {
  words = allWords[lang] || {};
  document.documentElement.lang = lang;
  document.title = say('title', words);
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = say(el.dataset.text, words);
  for (const el of document.querySelectorAll('[data-text-label]')) el.setAttribute('aria-label', say(el.dataset.textLabel, words));
  for (const el of document.querySelectorAll('[data-text-title]')) el.title = say(el.dataset.textTitle, words);
  $('lang').lang = lang === 'tr' ? 'en' : 'tr';  // the switch names the other language, in that language
}

function render(s) {
  last = s;
  document.body.dataset.stage = s.stage;
  document.body.dataset.paused = s.paused || '';
  const view = stageView(s);
  $('stage-heading').textContent = say(view.heading, words);
  $('message').textContent = lang === 'tr' ? s.message_tr : s.message_en;
  $('todo').textContent = view.todo ? say(view.todo, words) : '';
  $('todo').hidden = !view.todo;
  // After a failed pairing the code form stays, to keep what it said (three wrong tries).
  $('sas-result').textContent = lastSas ? sasText(lastSas, words) : '';
  const keepSas = Boolean(lastSas) && s.stage === 'failed';
  for (const panel of document.querySelectorAll('[data-panel]')) {
    panel.hidden = panel.dataset.panel !== view.panel && !(panel.dataset.panel === 'waiting_sas' && keepSas);
  }
  const waiting = s.stage === 'waiting_sas';
  for (const el of document.querySelectorAll('#sas input, #sas button')) el.disabled = !waiting;
  $('qr').innerHTML = s.qr_svg || '';
  for (const svg of $('qr').querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');

  const states = stepStates(s);
  STEPS.forEach((step, i) => {
    const li = document.querySelector(`#steps [data-step="${step}"]`);
    li.className = states[i];
    if (states[i] === 'current' && s.stage !== 'failed') li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
    li.querySelector('.state').textContent =
      states[i] === 'done' ? ` (${say('step_state_done', words)})` : states[i] === 'current' ? ` (${say('step_state_current', words)})` : '';
  });

  $('card-facts').hidden = !s.card;
  if (s.card) {
    $('card-holder').textContent = s.card.holder;
    $('card-tckn').textContent = s.card.tckn_masked;
    $('card-serial').textContent = s.card.serial;
    $('card-validity').textContent =
      `${say('card_valid_range', words, { from: s.card.valid_from, to: s.card.valid_to })} (${say(validityKey(s.card.validity), words)})`;
    $('card-verdict').textContent = lang === 'tr' ? s.card.verdict_tr : s.card.verdict_en;
  }
  $('warnings-box').hidden = s.warnings.length === 0;
  $('warnings').replaceChildren(...s.warnings.map(({ tr, en }) => {
    const li = document.createElement('li');
    li.textContent = lang === 'tr' ? tr : en;
    return li;
  }));
  $('cancel').hidden = s.stage === 'done' || s.stage === 'failed';
}

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
      render(s);
      // The journey's last screen stays as it is: the bridge goes away after it.
      if (s.stage === 'done' || s.stage === 'failed') return;
    }
  } catch {
    $('message').textContent = say('unreachable', words);
    next = 2000;
  }
  setTimeout(poll, next);
}

$('lang').addEventListener('click', () => {
  lang = lang === 'tr' ? 'en' : 'tr';
  localStorage.setItem('eimza-lang', lang);
  sayStatic();
  if (last) render(last);
});

$('sas').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('sas-input');
  const typed = input.value;
  const r = await api('/api/sas', { method: 'POST', body: typed });
  // Cleared only if it still holds what was sent: a code typed meanwhile is kept, not lost.
  if (input.value === typed) input.value = '';
  // Nothing can be confirmed any more: the form stays, disabled, with the reason.
  if (sasClosed(r)) for (const el of document.querySelectorAll('#sas input, #sas button')) el.disabled = true;
  lastSas = r;
  $('sas-result').textContent = sasText(r, words);
});

$('cancel').addEventListener('click', async () => {
  if (!confirm(say('confirm_cancel', words))) return;
  await api('/api/cancel', { method: 'POST' });
});

sayStatic();
poll();
