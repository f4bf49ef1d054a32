import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn } from '../../bot/guards';
import { UserError } from '../../domain/errors';
import { registerExtractCard } from '../../cards/registerutdrag/registerutdrag';
import { registerExtractOf, registerExtractUrl } from '../../http/registerutdrag-file';

/**
 * `mina uppgifter` (registerutdrag) in the personal chat: everything Paragraf stores about the
 * caller, found by their Teams identity and by their name in records that name people, as a card
 * (within Teams' size limit) and a signed link to the whole extract as a JSON file.
 */
export const registerExtract = defineAction({
  name: 'uppgifter.mina',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'inget',
  sources: ['typed'],
  run: async (ctx) => {
    authorizeIn(ctx, 'uppgifter.mina', undefined);
    if (ctx.conversationKind !== 'personal') {
      throw new UserError('Skriv "mina uppgifter" i din personliga chatt med Paragraf, så visas dina uppgifter bara för dig.');
    }
    const { id, name } = ctx.caller;
    const extract = await registerExtractOf(ctx.services, id, name);
    return { cards: [registerExtractCard(extract, name, ctx.now.toISOString(), registerExtractUrl(ctx.services, id, name))] };
  },
});
