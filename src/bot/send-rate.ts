/**
 * How fast the outbox may send to Teams, so that fan-out (a personal card to each of 101 members)
 * stays under Teams' bot rate limits instead of running into 429s. Microsoft's documented limits
 * (learn.microsoft.com, "Optimize your bot with rate limiting in Teams"):
 *
 *   per bot per thread (one conversation): 7 in 1 s, 8 in 2 s, 60 in 30 s, 1 800 in 3 600 s
 *   per app per tenant, all conversations:  50 requests per second
 *
 * The per-conversation windows are Teams' own; the per-tenant rate is a setting
 * (PARAGRAF_OUTBOX_PER_SECOND), per instance, so that instances × rate stays under 50 with room for
 * the replies the bot sends while answering. The windows are kept in memory: with several instances
 * each paces itself, and a 429 with Retry-After (from whatever Teams counted) holds the conversation.
 */
export interface Window {
  ms: number;
  max: number;
}

export const TEAMS_PER_CONVERSATION: readonly Window[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

/**
 * Added to every window: Teams counts a request when it arrives, a few ms (a storage round trip
 * under load) after the slot it was sent in, so two requests a window apart could land inside one.
 */
const MARGIN_MS = 50;

/** Requests per second to the connector from one instance; Teams allows 50 per app and tenant. */
export const DEFAULT_PER_SECOND = 20;

/**
 * Slots are reserved, not merely checked: two passes of the pump (or a pass and a test's explicit
 * pump) asking at the same moment get different slots, so together they stay under the limits.
 * The tenant's rate is spaced evenly (one request every 1000 / perSecond ms), stricter than a
 * window of one second and kinder to Teams than a burst at the start of each second.
 */
export class SendRate {
  private readonly sent = new Map<string, number[]>();
  private readonly blocked = new Map<string, number>();
  private readonly longest: number;
  private readonly spacing: number;
  private tenantNext = 0;

  constructor(
    readonly perSecond = DEFAULT_PER_SECOND,
    private readonly perConversation: readonly Window[] = TEAMS_PER_CONVERSATION,
  ) {
    this.longest = Math.max(1_000, ...perConversation.map((w) => w.ms));
    this.spacing = 1000 / perSecond;
  }

  /**
   * Reserves the next slot for one request to `conversation`: returns its time (ms, on the clock
   * `now` is from), or undefined (nothing reserved) when it is more than `maxWait` after `now`.
   */
  take(conversation: string, now: number, maxWait = Infinity): number | undefined {
    const at = Math.max(now, this.windowFree(conversation, now), this.blocked.get(conversation) ?? 0, this.tenantNext);
    if (at - now > maxWait) return undefined;
    const times = this.sent.get(conversation) ?? [];
    times.push(at);
    times.sort((a, b) => a - b);
    this.sent.set(conversation, times);
    this.tenantNext = at + this.spacing;
    return at;
  }

  /** The request reserved for `slot` (what `take` returned) is made now: it counts from now. */
  sending(conversation: string, slot: number, now: number): void {
    const times = this.sent.get(conversation);
    const i = times?.indexOf(slot) ?? -1;
    if (!times || i < 0 || now <= slot) return;
    times[i] = now;
    times.sort((a, b) => a - b);
  }

  /** A slot reserved by `take` that was not used (another instance sent the message). */
  release(conversation: string, slot: number): void {
    const times = this.sent.get(conversation);
    const i = times?.indexOf(slot) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
    if (this.tenantNext === slot + this.spacing) this.tenantNext = slot;
  }

  /** Reserves a slot that counts for the tenant only (opening a personal chat); ms to wait. */
  takeTenant(now: number): number {
    const at = Math.max(now, this.tenantNext);
    this.tenantNext = at + this.spacing;
    return at - now;
  }

  /** Teams answered 429 with Retry-After: nothing more to that conversation until then. */
  hold(conversation: string, until: number): void {
    this.blocked.set(conversation, Math.max(until, this.blocked.get(conversation) ?? 0));
  }

  /** Forgets what no window looks at any more (called after each pass). */
  prune(now: number): void {
    for (const [key, times] of this.sent) {
      while (times.length && times[0] <= now - this.longest) times.shift();
      if (!times.length) this.sent.delete(key);
    }
    for (const [key, until] of this.blocked) if (until <= now) this.blocked.delete(key);
  }

  /**
   * The earliest time from `now` at which every window of the conversation has room. Reservations
   * still in the future count as if made now: conservative, never over the limit.
   */
  private windowFree(conversation: string, now: number): number {
    const times = this.sent.get(conversation);
    if (!times?.length) return now;
    let at = now;
    for (const w of this.perConversation) {
      const span = w.ms + MARGIN_MS;
      const inside = times.filter((t) => t > now - span);
      if (inside.length >= w.max) at = Math.max(at, inside[inside.length - w.max] + span);
    }
    return at;
  }
}
