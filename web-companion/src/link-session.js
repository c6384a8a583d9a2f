// Sans-I/O: what a BridgeLink end does about its connection after pairing — which resume counters
// to open, when to try again, when to give up. The same machine as the bridge's
// (protocol/include/bridgelink/link_session.hpp); the project vectors' "link_session" section
// checks that both take the same actions for the same events. No sockets, no clock: the driver
// reports events with a monotonic time in ms, carries out the returned actions
// ({ close: [n], open: [n], end: 'none'|… }), and arms one timer for wakeAt(), calling tick().
//
// Roles: 'bridge' listens on `next` and `next+1` after a drop, reopens a refused listener after
// relayRetryMs, gives up resumeWaitMs after the drop or after resumeFailuresMax bad handshakes;
// 'phone' dials `next`, one attempt at a time, after backoffMs[attempt] (the last repeated), at once
// on wake(), and gives up once resumeWaitMs have passed since the drop.

export const LINK_TIMING = Object.freeze({
  resumeWaitMs: 300000,
  relayRetryMs: 1000,
  backoffMs: Object.freeze([250, 500, 1000, 2000, 4000]),
  resumeFailuresMax: 5,
});

export class LinkSession {
  constructor(role, timing = LINK_TIMING) {
    if (role !== 'bridge' && role !== 'phone') throw new TypeError(`unknown role ${role}`);
    this.role = role;
    this.timing = { ...LINK_TIMING, ...timing };
    this.state = 'idle';  // idle | pairing | connected | away | ended
    this.endedWhy = 'none';  // none | never_paired | not_back | resume_failed | closed
    this.next = 1;
    this.activeCounter = 0;
    this.pending = [];
    this.retries = [];  // { counter, at }
    this.awaySince = null;
    this.attempt = 0;
    this.failures = 0;
    this.resumes = 0;
  }

  get active() {
    return this.state === 'connected' ? this.activeCounter : null;
  }

  wakeAt() {
    if (this.state !== 'away') return null;
    let at = null;
    if (this.role === 'bridge' && this.awaySince !== null) at = this.awaySince + this.timing.resumeWaitMs;
    for (const r of this.retries) if (at === null || r.at < at) at = r.at;
    return at;
  }

  #actions() {
    return { close: [], open: [], end: 'none' };
  }

  #open(a, n) {
    if (this.pending.includes(n)) return;
    this.pending.push(n);
    a.open.push(n);
  }

  #closePending(a, keep = null) {
    for (const n of this.pending) if (n !== keep) a.close.push(n);
    this.pending = keep === null || !this.pending.includes(keep) ? [] : [keep];
  }

  #finish(a, why) {
    this.#closePending(a);
    this.retries = [];
    this.state = 'ended';
    this.endedWhy = why;
    a.end = why;
  }

  #listenFromNext(a) {
    this.#open(a, this.next);
    this.#open(a, this.next + 1);
  }

  #pastDeadline(now) {
    return this.awaySince !== null && now >= this.awaySince + this.timing.resumeWaitMs;
  }

  #scheduleAttempt(a, now) {
    if (this.#pastDeadline(now)) return this.#finish(a, 'not_back');
    const b = this.timing.backoffMs;
    const delay = b[Math.min(this.attempt, b.length - 1)];
    this.attempt++;
    this.retries = [{ counter: this.next, at: now + delay }];
  }

  #wentAway(a, now) {
    this.state = 'away';
    this.awaySince = now;
    this.attempt = 0;
    this.#closePending(a);
    this.retries = [];
    if (this.role === 'bridge') this.#listenFromNext(a);
    else this.#scheduleAttempt(a, now);
  }

  start() {
    const a = this.#actions();
    if (this.state !== 'idle') return a;
    this.state = 'pairing';
    this.#open(a, 0);
    return a;
  }

  restore(next, now) {
    const a = this.#actions();
    if (this.state !== 'idle' || this.role !== 'phone' || !(next > 0)) return a;
    this.next = next;
    this.state = 'away';
    this.awaySince = now;
    this.attempt = 0;
    this.#open(a, next);
    return a;
  }

  paired() {
    const a = this.#actions();
    if (this.state !== 'pairing') return a;
    this.pending = this.pending.filter((n) => n !== 0);
    this.state = 'connected';
    this.activeCounter = 0;
    return a;
  }

  hello(n) {
    if (n !== 0 && this.state !== 'ended') this.next = Math.max(this.next, n + 1);
    return this.#actions();
  }

  resumed(n) {
    const a = this.#actions();
    if (this.state !== 'away' || !this.pending.includes(n)) return a;
    this.#closePending(a, n);
    this.pending = [];
    this.retries = [];
    this.awaySince = null;
    this.state = 'connected';
    this.activeCounter = n;
    this.resumes++;
    return a;
  }

  resumeFailed(n) {
    const a = this.#actions();
    if (this.state !== 'away' || !this.pending.includes(n)) return a;
    if (this.role === 'phone' || ++this.failures >= this.timing.resumeFailuresMax) {
      this.#finish(a, 'resume_failed');
      return a;
    }
    this.#closePending(a);
    this.retries = [];
    this.#listenFromNext(a);  // the deadline stays the drop's
    return a;
  }

  lost(n, now) {
    const a = this.#actions();
    if (this.state === 'pairing') {
      if (n === 0) {
        this.pending = this.pending.filter((p) => p !== 0);
        this.#finish(a, 'never_paired');
      }
    } else if (this.state === 'connected') {
      if (n === this.activeCounter) this.#wentAway(a, now);
    } else if (this.state === 'away' && this.pending.includes(n)) {
      this.pending = this.pending.filter((p) => p !== n);
      if (this.role === 'phone') this.#scheduleAttempt(a, now);
      else if (n >= this.next && !this.retries.some((r) => r.counter === n)) {
        this.retries.push({ counter: n, at: now + this.timing.relayRetryMs });
      }
    }
    return a;
  }

  tick(now) {
    const a = this.#actions();
    if (this.state !== 'away') return a;
    if (this.role === 'bridge' && this.#pastDeadline(now)) {
      this.#finish(a, 'not_back');
      return a;
    }
    const due = this.retries.filter((r) => r.at <= now);
    this.retries = this.retries.filter((r) => r.at > now);
    for (const r of due) {
      if (this.role === 'phone') {
        if (this.pending.length > 0) continue;
        if (this.#pastDeadline(now)) {
          this.#finish(a, 'not_back');
          return a;
        }
        this.#open(a, this.next);
      } else if (r.counter >= this.next) {
        this.#open(a, r.counter);
      }
    }
    return a;
  }

  wake(now) {
    const a = this.#actions();
    if (this.role !== 'phone' || this.state !== 'away' || this.pending.length > 0) return a;
    this.retries = [];
    if (this.#pastDeadline(now)) {
      this.#finish(a, 'not_back');
      return a;
    }
    this.#open(a, this.next);
    return a;
  }

  close() {
    const a = this.#actions();
    if (this.state === 'ended') return a;
    this.#closePending(a);  // the active socket is not pending: the driver flushes and closes it
    this.retries = [];
    this.state = 'ended';
    this.endedWhy = 'closed';
    return a;
  }
}
