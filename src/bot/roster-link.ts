import type { BotContext } from './context';
import { memberByAad, type Body } from '../domain/body';
import { linkCandidate, linkEntry, type TeamsMember } from '../domain/roster';
import { actorOf } from './guards';

/** The conversation's members as Teams reports them; empty when the channel cannot list them (e.g. an emulator). */
export async function conversationMembers(ctx: BotContext): Promise<TeamsMember[]> {
  try {
    return await ctx.teams.members();
  } catch (err) {
    ctx.services.log.info({ err: { message: (err as Error).message } }, 'could not list conversation members');
    return [];
  }
}

/**
 * The caller as the member list of this activity's conversation has them (in a channel: the
 * team's), or undefined when Teams does not list them there or cannot be asked. One request for
 * one member, so it fits on a card's hot path.
 */
async function callerInMemberList(ctx: BotContext): Promise<TeamsMember | undefined> {
  const userId = ctx.teams.senderTeamsId();
  if (!userId) return undefined;
  try {
    const m = await ctx.teams.member(userId);
    // The member list must name the same Teams identity the activity came from.
    return m && m.aadObjectId === ctx.caller.id ? m : undefined;
  } catch (err) {
    ctx.services.log.info({ err: { message: (err as Error).message } }, 'caller not found in the conversation member list');
    return undefined;
  }
}

/** A channel post's replies arrive as `<channel>;messageid=<post>`: the same channel, the same members. */
export function sameConversation(a: string, b: string): boolean {
  const thread = (id: string) => id.split(';messageid=')[0];
  return thread(a) === thread(b);
}

/**
 * A roster entry not yet linked is linked to the person acting, when (1) they act inside the
 * body's own conversation (never a personal chat or another chat, whatever body a card names),
 * (2) Teams lists them as a member of it, and (3) that member list gives exactly the entry's name
 * (and the secretary has not undone that link). The link is shown on the roster card as made
 * automatically, for the secretary to confirm or undo. Returns the body as it now is.
 */
export async function linkCallerInConversation(ctx: BotContext, body: Body): Promise<Body> {
  if (memberByAad(body, ctx.caller.id)) return body;
  if (!sameConversation(ctx.conversationId, body.conversationId)) return body;
  // Cheap check first: asking Teams is only worth it when the sender's name could match an entry.
  if (!linkCandidate(body, { aadObjectId: ctx.caller.id, name: ctx.caller.name })) return body;
  const member = await callerInMemberList(ctx);
  if (!member) return body;
  const entry = linkCandidate(body, member);
  if (!entry) return body;
  const committed = await ctx.services.bodies.change(body.id, {
    actor: actorOf(ctx),
    action: 'ledamöter.koppla',
    summary: `${entry.name} kopplades automatiskt till Teams-användaren ${member.name} (medlem i organets konversation)`,
    idempotencyKey: `${ctx.idempotencyKey}|link`,
    now: ctx.now,
    apply: (cur) => {
      if (!cur) return body;
      const candidate = linkCandidate(cur, member);
      return candidate ? linkEntry(cur, candidate.id, member) : cur;
    },
  });
  return committed.value;
}
