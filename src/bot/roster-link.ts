import { TeamsInfo } from 'botbuilder';
import type { BotContext } from './context';
import type { Body } from '../domain/body';
import { linkCandidate, linkEntry, type TeamsMember } from '../domain/roster';
import { actorOf } from './guards';

/** The conversation's members as Teams reports them; empty when the channel cannot list them (e.g. an emulator). */
export async function conversationMembers(ctx: BotContext): Promise<TeamsMember[]> {
  try {
    // The paged API: TeamsInfo.getMembers overwrites aadObjectId with objectId, which not every connector sends.
    const out: TeamsMember[] = [];
    let token: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await TeamsInfo.getPagedMembers(ctx.turn, 500, token);
      for (const m of res.members) {
        const aad = m.aadObjectId ?? (m as { objectId?: string }).objectId;
        if (aad && m.name) out.push({ aadObjectId: aad, id: m.id, name: m.name });
      }
      token = res.continuationToken;
      if (!token) break;
    }
    return out;
  } catch (err) {
    ctx.services.log.info({ err: { message: (err as Error).message } }, 'could not list conversation members');
    return [];
  }
}

export function callerAsMember(ctx: BotContext): TeamsMember {
  return { aadObjectId: ctx.caller.id, id: ctx.turn.activity.from?.id, name: ctx.caller.name };
}

/**
 * A roster entry not yet linked is linked to the person who first acts under exactly that Teams
 * display name. Returns the body as it now is.
 */
export async function linkCallerByName(ctx: BotContext, body: Body): Promise<Body> {
  const me = callerAsMember(ctx);
  const entry = linkCandidate(body, me);
  if (!entry) return body;
  const committed = await ctx.services.bodies.change(body.id, {
    actor: actorOf(ctx),
    action: 'ledamöter.koppla',
    summary: `${entry.name} kopplades till sin Teams-identitet`,
    idempotencyKey: `${ctx.idempotencyKey}|link`,
    now: ctx.now,
    apply: (cur) => {
      if (!cur) return body;
      const candidate = linkCandidate(cur, me);
      return candidate ? linkEntry(cur, candidate.id, me) : cur;
    },
  });
  return committed.value;
}
