import type { BotContext } from './context';
import { memberByAad, type Body, type RosterEntry } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Loaded } from '../storage/document-store';
import { UserError, NotFoundError, NotAllowedError } from '../domain/errors';
import { authorize, partiesOf, type Party } from '../domain/rights';
import { rightsOf } from '../actions/rights';

export const NO_BODY = 'Den här konversationen är inte knuten till något organ ännu. Skriv "nytt organ <namn>" för att börja.';

/** The body bound to this conversation, or a Swedish refusal telling how to set one up. */
export async function requireBody(ctx: BotContext): Promise<Loaded<Body>> {
  const body = await ctx.services.bodies.forConversation(ctx.conversationId);
  if (!body) throw new UserError(NO_BODY, 'no_body');
  return body;
}

/** Cards in a personal chat (reminders, justering) name their body; in the body's conversation it follows from there. */
export async function requireBodyNamed(ctx: BotContext, bodyId?: string): Promise<Loaded<Body>> {
  if (!bodyId) return requireBody(ctx);
  const body = await ctx.services.bodies.get(bodyId);
  if (!body) throw new NotFoundError('Organet finns inte. Kortet kan vara gammalt.');
  return body;
}

export const MEETING_NOT_FOUND = 'Mötet finns inte i det här organet. Kortet kan höra till ett annat organ eller vara gammalt.';

export async function requireMeeting(ctx: BotContext, body: Body, meetingId: string): Promise<Loaded<Meeting>> {
  const meeting = await ctx.services.meetings.get(body.id, meetingId);
  if (!meeting) throw new NotFoundError(MEETING_NOT_FOUND);
  return meeting;
}

/** Checks the caller's parts in the body (and meeting) against the named action's declared rights; refuses in Swedish otherwise. */
export function authorizeIn(ctx: BotContext, action: string, body: Body | undefined, meeting?: Meeting): Set<Party> {
  const parties = partiesOf(body, meeting, ctx.caller.id);
  authorize(rightsOf(action), parties);
  return parties;
}

/** Who the audit log names: the caller, or in the local demo the real person and whom they acted as. */
export function actorOf(ctx: BotContext): { id: string; name: string } {
  const by = ctx.caller.actedBy;
  if (by) return { id: by.id, name: `${by.name} agerade som ${ctx.caller.name}` };
  return { id: ctx.caller.id, name: ctx.caller.name };
}

export const NOT_ON_ROSTER = 'Du finns inte på organets ledamotslista med din Teams-identitet. Kontakta sekreteraren.';

/** The caller's roster entry: the one "is on the roster" check; refused with `refusal` when they are not. */
export function callerOnRoster(ctx: BotContext, body: Body, refusal = NOT_ON_ROSTER): RosterEntry {
  const entry = memberByAad(body, ctx.caller.id);
  if (!entry) throw new NotAllowedError(refusal);
  return entry;
}
