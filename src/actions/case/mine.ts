import { z } from 'zod';
import { defineAction } from '../action';
import { UserError } from '../../domain/errors';
import { localDate, type Case } from '../../domain/cases';
import { myCasesCard } from '../../cards/mina-uppdrag/mina-uppdrag';
import { tabUrl } from '../../http/arendelogg-tab';

/** `mina uppdrag` (personal chat): the caller's open cases in every body, with due dates. */
export const myCases = defineAction({
  name: 'uppdrag.mina',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'inget',
  sources: ['typed'],
  run: async (ctx) => {
    if (ctx.conversationKind !== 'personal') throw new UserError('Skriv "mina uppdrag" i din personliga chatt med Paragraf, så visas dina uppdrag bara för dig.');
    const owned = (await ctx.services.cases.ownedBy(ctx.caller.id)).filter((c: Case) => c.status !== 'avslutat');
    const bodies = new Map<string, string>();
    await Promise.all([...new Set(owned.map((c) => c.bodyId))].map(async (id) => bodies.set(id, (await ctx.services.bodies.get(id))?.value.name ?? 'Okänt organ')));
    const items = owned.map((c) => ({ c, bodyName: bodies.get(c.bodyId) ?? '', url: tabUrl(ctx.services, c.bodyId, ctx.now, { case: c.id }) }));
    return { cards: [myCasesCard(items, localDate(ctx.now))] };
  },
});
