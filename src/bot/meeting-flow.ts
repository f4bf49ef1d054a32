/**
 * Shared steps of the during-the-meeting handlers: find the meeting, check the caller's right
 * on it, apply one pure change through the meeting's DocumentStore (idempotent per activity,
 * ETag-safe), and resolve typed names against the roster.
 */
import type { BotContext } from './context';
import type { Body, RosterEntry } from '../domain/body';
import { memberByAad } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Committed, Loaded } from '../storage/document-store';
import { UserError, NotAllowedError, NotFoundError } from '../domain/errors';
import type { Party } from '../domain/rights';
import { actorOf } from './guards';

const NO_MEETING = 'Det finns inget möte i det här organet ännu. Sekreteraren skapar ett med "nytt möte".';

/** The meeting a typed command is about: the one in progress, else the next planned. */
export async function commandMeeting(ctx: BotContext, body: Body, opts: { afterwards?: boolean; /** The body's meetings, if already read. */ all?: Meeting[] } = {}): Promise<Meeting> {
  const all = opts.all ?? (await ctx.services.meetings.listForBody(body.id));
  const found =
    all.find((m) => m.status === 'pågår') ??
    // Reservation text and the next meeting's date may come after the meeting, before justering.
    (opts.afterwards ? [...all].reverse().find((m) => m.status === 'avslutat' || m.status === 'protokollutkast') : undefined) ??
    all.find((m) => m.status === 'planerat' || m.status === 'kallat');
  if (!found) throw new UserError(NO_MEETING, 'no_meeting');
  return found;
}

/**
 * `current`: the meeting as this activity just read it; the change commits on it without reading again.
 * What the change causes in the ärendelogg (an outcome, an uppdrag, an övrig fråga) is stored with
 * it and carried out by the meetings store (domain/effects.ts, effect-dispatcher.ts).
 */
export async function changeMeeting(ctx: BotContext, body: Body, meetingId: string, action: string, summary: string | ((m: Meeting) => string), apply: (m: Meeting) => Meeting, keySuffix = '', current?: Loaded<Meeting>): Promise<Committed<Meeting>> {
  return ctx.services.meetings.change(body.id, meetingId, {
    actor: actorOf(ctx),
    action,
    summary,
    idempotencyKey: `${ctx.idempotencyKey}${keySuffix}`,
    now: ctx.now,
    current,
    apply: (current) => {
      if (!current) throw new NotFoundError('Mötet finns inte längre.');
      return apply(current);
    },
  });
}

export function itemIndexById(meeting: Meeting, itemId: string): number {
  const index = meeting.items.findIndex((i) => i.id === itemId);
  if (index < 0) throw new NotFoundError('Ärendet finns inte på mötets föredragningslista. Kortet kan vara gammalt.');
  return index;
}

/** Members act only for themselves; the secretary records for anyone. */
export function assertSelfOrSecretary(ctx: BotContext, body: Body, parties: Set<Party>, target: RosterEntry, what: string): void {
  if (parties.has('sekreterare')) return;
  if (memberByAad(body, ctx.caller.id)?.id !== target.id) throw new NotAllowedError(`Du kan bara anmäla ${what} för dig själv; sekreteraren antecknar för andra.`);
}

export function callerEntry(ctx: BotContext, body: Body): RosterEntry {
  const entry = memberByAad(body, ctx.caller.id);
  if (!entry) throw new NotAllowedError('Du finns inte på organets ledamotslista med din Teams-identitet. Kontakta sekreteraren.');
  return entry;
}
