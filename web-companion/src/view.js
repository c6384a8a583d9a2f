// Renders each step the bridge asks for, and collects the person's answer. Pure DOM, no
// innerHTML with data: every value from the other side goes in as text.
export class View {
  constructor(root, t) {
    this.root = root;
    this.t = t;
    this.pinTimer = null;
  }

  el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  }

  show(...nodes) {
    clearTimeout(this.pinTimer);
    this.root.replaceChildren(...nodes.filter(Boolean));
    const first = this.root.querySelector('input, button');
    if (first) first.focus();
  }

  // Where the journey stands (the same steps as the desktop page): index 0 card … 5 done.
  stepBar(current) {
    const keys = ['step_card', 'step_portal_login', 'step_phone_confirm', 'step_sms_code', 'step_pin', 'step_done'];
    return this.el('ol', { class: 'steps', 'aria-label': this.t('steps_label'), 'data-testid': 'steps' },
      ...keys.map((key, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'todo';
        const li = this.el('li', { class: state },
          this.el('span', { text: this.t(key) }),
          state === 'todo' ? null : this.el('span', { class: 'sr-only', text: ` (${this.t(state === 'done' ? 'step_state_done' : 'step_state_current')})` }));
        if (state === 'current') li.setAttribute('aria-current', 'step');
        return li;
      }));
  }

  message(key, cls = '') {
    this.show(this.el('p', { text: this.t(key), class: cls, 'data-testid': 'message' }));
  }

  sas(code) {
    this.show(
      this.el('h2', { text: this.t('sas_title') }),
      this.el('p', { class: 'sas', 'data-testid': 'sas', text: `${code.slice(0, 3)} ${code.slice(3)}` }),
      this.el('p', { text: this.t('sas_text') }),
    );
  }

  card(f, done) {
    const validity = f.get('validity');
    this.show(
      this.stepBar(0),
      this.el('h2', { text: this.t('card_title') }),
      this.el('p', { class: 'why', text: this.t('card_why') }),
      this.el('dl', {},
        this.el('dt', { text: this.t('holder') }), this.el('dd', { text: f.get('holder') ?? '', 'data-testid': 'holder' }),
        this.el('dt', { text: this.t('tckn') }), this.el('dd', { text: f.get('tckn_masked') ?? '' }),
        this.el('dt', { text: this.t('serial') }), this.el('dd', { text: f.get('serial') ?? '' }),
        this.el('dt', { text: this.t('valid') }), this.el('dd', { text: `${f.get('valid_from')} – ${f.get('valid_to')}` })),
      validity !== 'valid' ? this.el('p', { class: 'warning', text: this.t(validity) }) : null,
      this.el('button', { class: 'primary', type: 'button', 'data-testid': 'continue', text: this.t('continue'), onclick: () => done(new Map([['ok', true]])) }),
    );
  }

  login(f, done) {
    const img = this.el('img', { class: 'captcha', alt: this.t('captcha'), 'data-testid': 'captcha-image' });
    img.src = URL.createObjectURL(new Blob([f.get('captcha')], { type: 'image/png' }));
    const captcha = this.el('input', { id: 'captcha', autocomplete: 'off', autocapitalize: 'characters', 'data-testid': 'captcha' });
    const word = this.el('input', { id: 'word', type: 'password', autocomplete: 'off', 'data-testid': 'security-word' });
    const error = f.get('error');
    const form = this.el('form', { onsubmit: (e) => {
      e.preventDefault();
      if (!captcha.value || !word.value) return;
      const answer = new Map([['captcha', captcha.value.trim()], ['security_word', word.value]]);
      word.value = '';
      done(answer);
    } },
      this.el('label', { for: 'captcha', text: this.t('captcha') }), img,
      // A picture that cannot be read: a new one from the portal (nothing is submitted).
      this.el('button', { class: 'link', type: 'button', 'data-testid': 'captcha-reload', text: this.t('captcha_reload'),
        onclick: () => done(new Map([['captcha', ''], ['security_word', ''], ['reload', true]])) }),
      captcha,
      this.el('label', { for: 'word', text: this.t('security_word') }), word,
      this.el('button', { class: 'primary', type: 'submit', 'data-testid': 'login', text: this.t('login') }));
    this.show(
      this.stepBar(1),
      this.el('h2', { text: this.t('login_title') }),
      this.el('p', { class: 'why', text: this.t('login_why') }),
      error ? this.el('p', { class: 'error', role: 'alert', 'data-testid': 'error', text: this.t(error) }) : null,
      f.get('last_try')
        ? this.el('p', { class: 'warning', role: 'alert', 'data-testid': 'last-try', text: this.t('last_try') })
        : this.el('p', { text: this.t('attempts_left').replace('{n}', String(f.get('attempts_left'))) }),
      form,
    );
  }

  confirmPhone(f, done) {
    this.show(
      this.stepBar(2),
      this.el('h2', { text: this.t('phone_title') }),
      this.el('p', { class: 'why', text: this.t('phone_why') }),
      this.el('p', { text: this.t('phone_text') }),
      this.el('p', { class: 'sas', 'data-testid': 'masked-phone', text: f.get('masked_phone') ?? '' }),
      this.el('button', { class: 'primary', type: 'button', 'data-testid': 'phone-yes', text: this.t('phone_yes'), onclick: () => done(new Map([['confirmed', true]])) }),
      this.el('button', { class: 'secondary', type: 'button', 'data-testid': 'phone-no', text: this.t('phone_no'), onclick: () => done(new Map([['confirmed', false]])) }),
    );
  }

  smsCode(f, done) {
    const code = this.el('input', { id: 'sms', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]*', maxlength: '12', 'data-testid': 'sms-code' });
    const error = f.get('error');
    this.show(
      this.stepBar(3),
      this.el('h2', { text: this.t('sms_title') }),
      this.el('p', { class: 'why', text: this.t('sms_why') }),
      error ? this.el('p', { class: 'error', role: 'alert', 'data-testid': 'error', text: this.t(error) }) : null,
      this.el('p', { text: this.t('sms_text') }),
      this.el('form', { onsubmit: (e) => {
        e.preventDefault();
        const v = code.value.replace(/\s/g, '');
        if (!/^[0-9]{4,12}$/.test(v)) return;
        code.value = '';
        done(new Map([['code', v]]));
      } },
        this.el('label', { for: 'sms', text: this.t('sms_code') }), code,
        this.el('button', { class: 'primary', type: 'submit', 'data-testid': 'sms-send', text: this.t('send') })),
    );
  }

  pin(f, done) {
    const decoder = new TextDecoder();
    const pin = decoder.decode(f.get('pin'));
    const puk = f.has('puk') ? decoder.decode(f.get('puk')) : null;
    const shown = this.el('p', { class: 'pin', 'data-testid': 'pin', text: this.t('pin_hidden') });
    let hideTimer = null;
    const hide = () => {
      shown.textContent = this.t('pin_hidden');
      clearTimeout(hideTimer);
    };
    const reveal = (e) => {
      e.preventDefault();
      shown.textContent = puk ? `${pin}  ·  ${this.t('puk')} ${puk}` : pin;
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 30000);  // never left on screen
    };
    const hold = this.el('button', { class: 'primary', type: 'button', 'data-testid': 'pin-reveal', text: this.t('pin_hold') });
    for (const ev of ['pointerdown']) hold.addEventListener(ev, reveal);
    for (const ev of ['pointerup', 'pointercancel']) hold.addEventListener(ev, hide);
    document.addEventListener('visibilitychange', () => { if (document.hidden) hide(); });  // app switch
    hold.addEventListener('contextmenu', (e) => e.preventDefault());
    const note = f.get('note');
    const nodes = [this.stepBar(4), this.el('h2', { text: this.t('pin_title') }), shown, hold];
    const sameCard = f.get('serial_matches');
    if (!sameCard)
      nodes.push(this.el('p', { class: 'warning', role: 'alert', 'data-testid': 'serial-mismatch', text: this.t('serial_mismatch').replaceAll('{portal}', f.get('serial')).replaceAll('{card}', f.get('card_serial')) }));
    if (note) nodes.push(this.el('p', { role: 'status', 'data-testid': 'note', text: this.t(note) }));
    // The PIN is changed only on the card it belongs to: no form for another card.
    if (!f.get('pin_changed') && sameCard) {
      const p1 = this.el('input', { id: 'np1', type: 'password', inputmode: 'numeric', autocomplete: 'new-password', 'data-testid': 'new-pin' });
      const p2 = this.el('input', { id: 'np2', type: 'password', inputmode: 'numeric', autocomplete: 'new-password', 'data-testid': 'new-pin-again' });
      const err = this.el('p', { class: 'error', role: 'alert' });
      nodes.push(this.el('form', { onsubmit: (e) => {
        e.preventDefault();
        if (p1.value !== p2.value) return (err.textContent = this.t('pins_differ'));
        if (!/^[0-9]{6,16}$/.test(p1.value)) return (err.textContent = this.t('new_pin'));
        done(new Map([['action', 'change'], ['new_pin', p1.value]]));
      } },
        this.el('h3', { text: this.t('change_pin') }),
        this.el('label', { for: 'np1', text: this.t('new_pin') }), p1,
        this.el('label', { for: 'np2', text: this.t('new_pin_again') }), p2, err,
        this.el('button', { class: 'secondary', type: 'submit', 'data-testid': 'change-pin', text: this.t('change_pin') })));
    }
    if (!f.get('deleted')) {
      const confirm = this.el('input', { type: 'checkbox', id: 'dc', 'data-testid': 'delete-confirm' });
      confirm.style.width = 'auto';
      const del = this.el('button', { class: 'secondary', type: 'button', 'data-testid': 'delete', text: this.t('delete'), disabled: 'disabled',
        onclick: () => confirm.checked && done(new Map([['action', 'delete'], ['confirmed', true]])) });
      confirm.addEventListener('change', () => { del.disabled = !confirm.checked; });
      nodes.push(this.el('h3', { text: this.t('delete_title') }),
        this.el('label', { for: 'dc' }, confirm, document.createTextNode(' ' + this.t('delete_confirm'))), del);
    }
    nodes.push(this.el('button', { class: 'primary', type: 'button', 'data-testid': 'finish', text: this.t('finish'), onclick: () => done(new Map([['action', 'finish']])) }));
    this.show(...nodes);
  }

  done(f, done) {
    this.show(this.stepBar(5), this.el('h2', { text: this.t('done_title'), 'data-testid': 'done' }), this.el('p', { text: this.t('done_text') }));
    done(new Map([['ok', true]]));
  }
}
