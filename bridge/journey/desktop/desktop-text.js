// The desktop page's words. No sentence is written here: they are the "desktop.*" entries of the
// bridge's one catalogue (bridge/ui/i18n/{tr,en}.json), served by the bridge as
// GET /desktop-text.json = {tr: {key: text}, en: {…}}. No DOM here: unit-tested with node --test.

/** 'tr' for a Turkish browser, else 'en'. */
export const languageOf = (navigatorLanguage) => ((navigatorLanguage || 'tr').startsWith('tr') ? 'tr' : 'en');

/** The text with each {name} replaced by args[name]; an unknown name stays as it is. */
export const fill = (text, args = {}) =>
  text.replace(/\{([a-z_]+)\}/g, (whole, name) => (Object.hasOwn(args, name) ? String(args[name]) : whole));

/** The word for `key` in a language's table; the key itself when the table lacks it. */
export const say = (key, words, args) => (words && Object.hasOwn(words, key) ? fill(words[key], args) : key);

// Each answer of POST /api/sas (docs/steps.md) and its catalogue key.
export const SAS_KEYS = {
  accepted: 'sas_accepted',
  wrong: 'sas_wrong',
  locked: 'sas_locked',
  malformed: 'sas_malformed',
  unavailable: 'sas_unavailable',
};

/** The sentence for POST /api/sas's answer ({outcome, attempts_left}); unknown outcomes as they are. */
export function sasText(answer, words) {
  if (!Object.hasOwn(SAS_KEYS, answer.outcome)) return String(answer.outcome);
  return say(SAS_KEYS[answer.outcome], words, { left: answer.attempts_left });
}

/** After this answer nothing can be confirmed any more (the form is disabled). */
export const sasClosed = (answer) => answer.outcome === 'unavailable' || answer.outcome === 'locked';

// The journey's steps, in order, as GET /api/state names them (`step`).
export const STEPS = ['card', 'portal_login', 'phone_confirm', 'sms_code', 'pin', 'done'];

/** Each step's place for the step bar: 'done', 'current' or 'todo'. A finished journey has all done. */
export function stepStates(state) {
  const at = STEPS.indexOf(state.step);
  return STEPS.map((_, i) => (state.stage === 'done' || i < at ? 'done' : i === at ? 'current' : 'todo'));
}

/**
 * What the page shows for a state: the heading's and the instruction's catalogue keys, and which
 * panel (the reader picture, the QR, the code form, the end, the failure) — null for none.
 */
export function stageView(state) {
  if (state.paused === 'reader') return { heading: 'head_no_reader', todo: 'do_no_reader', panel: 'waiting_card' };
  if (state.paused === 'card') return { heading: 'head_paused_card', todo: 'do_paused_card', panel: 'waiting_card' };
  if (state.paused === 'phone') return { heading: 'head_paused_phone', todo: 'do_paused_phone', panel: null };
  if (state.paused === 'portal') return { heading: 'head_portal_slow', todo: 'do_portal_slow', panel: null };
  switch (state.stage) {
    case 'waiting_card': return { heading: 'head_waiting_card', todo: 'do_waiting_card', panel: 'waiting_card' };
    case 'waiting_phone': return { heading: 'head_waiting_phone', todo: null, panel: 'waiting_phone' };
    case 'waiting_sas': return { heading: 'head_waiting_sas', todo: 'do_waiting_sas', panel: 'waiting_sas' };
    case 'on_phone': return { heading: 'head_on_phone', todo: STEPS.includes(state.step) && state.step !== 'done' ? `do_${state.step}` : null, panel: null };
    case 'portal': return { heading: 'head_portal', todo: 'portal_wait', panel: null };
    case 'done': return { heading: 'head_done', todo: null, panel: 'done' };
    case 'failed': return { heading: 'head_failed', todo: null, panel: 'failed' };
    default: return { heading: 'title', todo: null, panel: null };
  }
}

/** The validity word's key ('valid' → 'validity_valid'). */
export const validityKey = (validity) => `validity_${validity}`;

/** The language the page uses: the person's choice (kept in this browser), else the browser's. */
export const chosenLanguage = (stored, navigatorLanguage) => (stored === 'tr' || stored === 'en' ? stored : languageOf(navigatorLanguage));
