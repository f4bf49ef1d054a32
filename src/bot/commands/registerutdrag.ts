import { defineCommand } from '../registry';
import { authorizeIn } from '../guards';
import { UserError } from '../../domain/errors';
import { buildExtract } from '../../domain/register-extract';
import { collectPersonData } from '../../storage/person-data';
import { registerExtractCard } from '../../cards/registerutdrag/registerutdrag';

/** Teams refuses messages over about 28 KB; the JSON part stays below this. */
const MAX_JSON_CHARS = 20_000;

/**
 * `mina uppgifter` (registerutdrag) in the personal chat: everything Paragraf stores about the
 * caller, found by their Teams identity (never by a typed name), as a card and as JSON.
 */
export const registerExtractCommand = defineCommand({
  name: 'mina uppgifter',
  pattern: /^(mina uppgifter|registerutdrag)$/i,
  help: { section: 'Efter mötet', usage: 'mina uppgifter', description: 'Registerutdrag: vad Paragraf har sparat om dig (personlig chatt).' },
  run: async (ctx) => {
    authorizeIn(ctx, 'uppgifter.mina', undefined);
    if (ctx.conversationKind !== 'personal') {
      throw new UserError('Skriv "mina uppgifter" i din personliga chatt med Paragraf, så visas dina uppgifter bara för dig.');
    }
    const s = ctx.services;
    const extract = buildExtract(await collectPersonData(s.store, s.meetings, s.cases, ctx.caller.id));
    const createdAt = ctx.now.toISOString();
    let json = JSON.stringify({ registerutdrag: { skapat: createdAt, ...extract } }, null, 1);
    if (json.length > MAX_JSON_CHARS) {
      // The audit list is what grows; keep the newest entries and say how many were left out.
      const keep = { ...extract, audit: extract.audit.slice(0, 50), auditUtelämnade: extract.audit.length - 50 };
      json = JSON.stringify({ registerutdrag: { skapat: createdAt, ...keep } }).slice(0, MAX_JSON_CHARS);
    }
    return {
      cards: [registerExtractCard(extract, ctx.caller.name, createdAt)],
      text: `Registerutdrag för ${ctx.caller.name} som JSON:\n${json}`,
    };
  },
});
