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
