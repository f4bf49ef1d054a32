import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { UserError } from '../../domain/errors';
import { applySettings, parseBodyName, parseBodySettings } from '../../domain/body-setup';
import { bodyCard } from '../../cards/body/body';
import { refreshBodyEntries } from '../../http/anslagstavla/repair';

/** `organ` + lines (Namn:, Profil:, …): the secretary changes the body's settings. */
export const changeBody = defineAction({
  name: 'organ.ändra',
  rights: ['sekreterare'],
  schema: z.object({ rader: z.string().max(20000) }),
  aggregate: 'organ',
  sources: ['typed'],
  run: async (ctx, d) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'organ.ändra', body.value);
    const lines = d.rader.split('\n');
    const nameLine = lines.find((l) => /^namn\s*:/i.test(l.trim()));
    const name = nameLine ? parseBodyName(nameLine.replace(/^\s*namn\s*:/i, '')) : undefined;
    const settings = parseBodySettings(lines.filter((l) => l !== nameLine).join('\n'));
    const committed = await ctx.services.bodies.change(body.value.id, {
      actor: actorOf(ctx),
      action: 'organ.ändra',
      summary: 'Organets inställningar ändrades',
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new UserError('Organet finns inte längre.');
        return applySettings(current, settings, name);
      },
    });
    // The anslagstavla shows the förvaringsplats and whose anslagstavla it is, as the anslagsbevis does.
    if (committed.value.forvaringsplats !== body.value.forvaringsplats || committed.value.huvudman !== body.value.huvudman) {
      await refreshBodyEntries(ctx.services, committed.value).catch((err) => ctx.services.log.warn({ err: { message: (err as Error).message } }, 'anslagstavla: rows not rewritten'));
    }
    return replyCard(bodyCard(committed.value));
  },
});
