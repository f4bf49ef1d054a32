/**
 * Local mode only: `agera som <namn>` or the demo card's Agera som button makes the caller's next
 * action count as one of the demo body's cast.
 */
import { z } from 'zod';
import { defineAction } from '../action';
import { requireLocal } from './local';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { UserError } from '../../domain/errors';
import { joinSv } from '../../domain/sv-text';
import { ACT_AS_VERB, partOf } from '../../cards/demo/demo';
import { idSchema } from '../schemas';

export const actAs = defineAction({
  name: ACT_AS_VERB,
  rights: ['sekreterare'],
  // entryId from the card's button; name from "agera som <namn>".
  schema: z.object({ entryId: idSchema.optional(), name: z.string().min(1).max(200).optional() }).refine((d) => d.entryId || d.name, 'välj en person'),
  aggregate: 'inget',
  sources: ['card', 'typed'],
  keepsActAs: true,
  run: async (ctx, d) => {
    requireLocal(ctx);
    const body = (await requireBody(ctx)).value;
    authorizeIn(ctx, 'demo.agera', body);
    if (!body.demo) throw new UserError('"Agera som" fungerar bara i demoorganet (skriv "demo" i en ny gruppchatt). I ett riktigt organ agerar var och en själv.', 'forbidden');
    const cast = body.roster.filter((r) => r.aadObjectId);
    const name = d.name?.trim().replace(/\s+/g, ' ').toLowerCase();
    const entry = cast.find((r) => (d.entryId ? r.id === d.entryId : r.name.toLowerCase() === name));
    const asked = d.entryId ? 'Personen' : `"${(d.name ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
    if (!entry) throw new UserError(`${asked} finns inte bland rollerna. Välj ${joinSv(cast.map((r) => r.name))}.`, 'not_found');
    ctx.services.actAs.set(ctx, { id: entry.aadObjectId!, name: entry.name });
    ctx.services.log.info({ actor: actorOf(ctx), as: entry.name }, 'demo: acting as a cast member for the next action');
    return { text: `Nästa sak du gör i den här chatten räknas som ${entry.name}, ${partOf(entry)}. Tryck knappen eller skriv kommandot nu; ärendeloggen visar att du agerade som ${entry.name}.` };
  },
});
