// What the desktop page says, in Turkish and English (no DOM here: unit-tested with node --test).

/** 'tr' for a Turkish browser, else 'en'. */
export const languageOf = (navigatorLanguage) => ((navigatorLanguage || 'tr').startsWith('tr') ? 'tr' : 'en');

const SAS = {
  accepted: () => ['Doğrulandı', 'Verified'],
  wrong: (left) => [`Yanlış kod, kalan deneme: ${left}`, `Wrong code, tries left: ${left}`],
  locked: () => ['Üç yanlış deneme: eşleşme iptal edildi', 'Three wrong tries: pairing cancelled'],
  malformed: () => ['6 rakam girin', 'Enter 6 digits'],
  unavailable: () => ['Telefon bağlantısı sona erdi; kod artık onaylanamaz', 'The phone connection ended; the code can no longer be confirmed'],
};

/** The sentence for POST /api/sas's answer ({outcome, attempts_left}); unknown outcomes as they are. */
export function sasText(answer, lang) {
  const make = Object.hasOwn(SAS, answer.outcome) ? SAS[answer.outcome] : null;
  if (!make) return String(answer.outcome);
  return make(answer.attempts_left)[lang === 'tr' ? 0 : 1];
}

/** After this answer nothing can be confirmed any more (the form is disabled). */
export const sasClosed = (answer) => answer.outcome === 'unavailable' || answer.outcome === 'locked';

export const TEXT = {
  unreachable: ['Köprüye ulaşılamıyor', 'Bridge unreachable'],
  confirm_cancel: ['İşlem iptal edilsin mi?', 'Cancel the activation?'],
};

export const say = (key, lang) => TEXT[key][lang === 'tr' ? 0 : 1];
