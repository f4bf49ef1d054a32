import { z } from 'zod';
import { replyCard, type BotContext } from '../../bot/context';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { NotFoundError } from '../../domain/errors';
import { isSecretary, type Body } from '../../domain/body';
import { rosterCard } from '../../cards/roster/roster';
import { idSchema } from '../schemas';

export const linkRef = z.object({
  entryId: idSchema,
  // The identity the card showed: a button on an old card must not act on a link made since.
  aadObjectId: z.string().min(1).max(100),
});

/** Bekräfta or Ångra on the roster card: one change to one entry's Teams link, rights checked again on what is stored. */
export async function changeLink(ctx: BotContext, action: 'ledamöter.bekräfta' | 'ledamöter.ångra', data: z.infer<typeof linkRef>, change: (cur: Body, at: string) => Body, verb: string) {
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
