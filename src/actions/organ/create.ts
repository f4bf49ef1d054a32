import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn } from '../../bot/guards';
import { BodyRepo } from '../../storage/bodies';
import { UserError } from '../../domain/errors';
import { newBody, parseBodyName, parseBodySettings } from '../../domain/body-setup';
import { bodyCard } from '../../cards/body/body';
import { bodyFormCard } from '../../cards/forms/forms';

/** `nytt organ <namn>` + optional setting lines: binds this conversation to a new body; the founder is its secretary. */
export const createBody = defineAction({
  name: 'organ.skapa',
  rights: ['alla'],
  // namn: the rest of the first line; rader: the setting lines under it.
  schema: z.object({ namn: z.string().max(1000), rader: z.string().max(20000) }),
  aggregate: 'organ',
  sources: ['typed'],
  run: async (ctx, d) => {
    authorizeIn(ctx, 'organ.skapa', undefined);
    if (ctx.conversationKind === 'personal') throw new UserError('Ett organ knyts till en kanal eller gruppchatt, inte till en personlig chatt. Skriv "nytt organ" där organet arbetar.');
    // "nytt organ" alone: the form, where every setting has its own field.
    if (!d.namn.trim() && !d.rader.trim()) return replyCard(bodyFormCard());
    const name = parseBodyName(d.namn);
    const settings = parseBodySettings(d.rader);
    const id = BodyRepo.idFor(ctx.conversationId);
    const committed = await ctx.services.bodies.change(id, {
      actor: actorOf(ctx),
      action: 'organ.skapa',
      summary: `Organet ${name} skapades`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (current) throw new UserError(`Den här konversationen är redan knuten till ${current.name}. Ändra inställningarna med "organ" följt av raderna som ska ändras.`, 'exists');
        return newBody({ id, name, conversationId: ctx.conversationId, founder: ctx.caller.id, at: ctx.now.toISOString(), settings });
      },
    });
    return replyCard(bodyCard(committed.value));
  },
});
