import { z } from 'zod';
import { defineVerb, type Verb } from '../registry';
import { replyCard, type BotContext } from '../context';
import { actorOf, authorizeIn, requireBody } from '../guards';
import { NotFoundError } from '../../domain/errors';
import { isSecretary, type Body } from '../../domain/body';
import { confirmLink, undoLink } from '../../domain/roster';
import { rosterCard } from '../../cards/roster/roster';

const linkRef = z.object({
  entryId: z.string().min(1).max(40).regex(/^[A-Za-z0-9]+$/),
  // The identity the card showed: a button on an old card must not act on a link made since.
  aadObjectId: z.string().min(1).max(100),
});

async function changeLink(ctx: BotContext, action: 'ledamöter.bekräfta' | 'ledamöter.ångra', data: z.infer<typeof linkRef>, change: (cur: Body, at: string) => Body, verb: string) {
  const loaded = (await requireBody(ctx)).value;
  authorizeIn(ctx, action, loaded);
  const entry = loaded.roster.find((r) => r.id === data.entryId);
  const who = entry ? `${entry.name} till Teams-användaren ${entry.teamsName ?? data.aadObjectId}` : data.entryId;
  const committed = await ctx.services.bodies.change(loaded.id, {
    actor: actorOf(ctx),
    action,
    summary: `Kopplingen av ${who} ${verb}`,
    idempotencyKey: ctx.idempotencyKey,
    now: ctx.now,
    apply: (cur) => {
      if (!cur) throw new NotFoundError('Organet finns inte längre.');
      // The caller's rights are checked again on what is stored now, not on the copy read before.
      authorizeIn(ctx, action, cur);
      return change(cur, ctx.now.toISOString());
    },
  });
  return replyCard(rosterCard(committed.value, { forSecretary: isSecretary(committed.value, ctx.caller.id) }));
}

/** Bekräfta on the roster card: the secretary vouches for a link made automatically (by name). */
export const confirmLinkVerb = defineVerb({
  verb: 'ledamöter.bekräfta',
  schema: linkRef,
  run: (ctx, data) => changeLink(ctx, 'ledamöter.bekräfta', data, (cur, at) => confirmLink(cur, data.entryId, data.aadObjectId, ctx.caller.id, at), 'bekräftades'),
});

/** Ångra on the roster card: the link is removed and that identity is not linked to the entry automatically again. */
export const undoLinkVerb = defineVerb({
  verb: 'ledamöter.ångra',
  schema: linkRef,
  run: (ctx, data) => changeLink(ctx, 'ledamöter.ångra', data, (cur, at) => undoLink(cur, data.entryId, data.aadObjectId, ctx.caller.id, at), 'ångrades'),
});

export const ROSTER_VERBS: Verb[] = [confirmLinkVerb, undoLinkVerb];
