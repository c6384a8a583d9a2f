// Generated from protocol/steps/steps.json by tools/gen-steps.mjs. Do not edit.
export const STEPS = {
  "card": {
    "about": "What is on the card, for the person to check before the portal.",
    "request": {
      "holder": "text",
      "tckn_masked": "text",
      "serial": "text",
      "valid_from": "text",
      "valid_to": "text",
      "validity": "text"
    },
    "response": {
      "ok": "bool"
    }
  },
  "login": {
    "about": "Şifreli Giriş: the portal's captcha picture; the person types its text and the security word. error is empty, wrong_captcha or wrong_credentials (the previous try). reload=true (captcha and security_word empty) asks for a new picture: the login page is fetched again, nothing is submitted and no try is spent.",
    "request": {
      "captcha": "bytes",
      "attempts_left": "uint",
      "last_try": "bool",
      "error": "text"
    },
    "response": {
      "captcha": "text",
      "security_word": "text",
      "reload": "bool?"
    }
  },
  "confirm_phone": {
    "about": "The registered mobile number as the portal shows it (masked): is it the person's?",
    "request": {
      "masked_phone": "text"
    },
    "response": {
      "confirmed": "bool"
    }
  },
  "sms_code": {
    "about": "The code the portal sent by SMS. error is empty or wrong_sms_code.",
    "request": {
      "error": "text"
    },
    "response": {
      "code": "text"
    }
  },
  "pin": {
    "about": "PIN/PUK from the portal, shown only on the phone. The person may change the PIN on the card (only when serial_matches), delete the passwords from the portal, or finish. note says what the last action did.",
    "request": {
      "pin": "bytes",
      "puk": "bytes?",
      "serial": "text",
      "card_serial": "text",
      "serial_matches": "bool",
      "pin_changed": "bool",
      "deleted": "bool",
      "note": "text"
    },
    "response": {
      "action": "text",
      "new_pin": "text?",
      "confirmed": "bool?"
    }
  },
  "done": {
    "about": "The end: what was done.",
    "request": {
      "pin_changed": "bool",
      "deleted": "bool"
    },
    "response": {
      "ok": "bool"
    }
  },
  "paused": {
    "about": "The journey waits (reason: card_removed); the open step is sent again when it goes on.",
    "request": {
      "reason": "text"
    },
    "answer": false
  }
};
