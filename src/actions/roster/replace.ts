import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { isSecretary } from '../../domain/body';
import { UserError } from '../../domain/errors';
import { parseRoster } from '../../domain/roster-parser';
import { linkByDisplayName, replaceRoster, retireRemoved } from '../../domain/roster';
import { rosterCard } from '../../cards/roster/roster';
import { conversationMembers, linkCallerInConversation } from '../../bot/roster-link';

const EXAMPLE = 'ledamöter\nCarin Nilsson (s) Umeå kommun, ordförande\nAnna-Lena Danielsson (s) Region Västerbotten\nKenneth Andersson (s) Region Västerbotten, ersättare\nTjänstepersoner:\nBritta Edström, regional samverkanskoordinator\nMaria Lind, sekreterare';

/**
 * `ledamöter` + the roster as protocols print it replaces the body's roster (all or nothing),
 * keeps ids and Teams links for the same names, and links new entries to members of this
 * conversation (Teams' member list) with exactly the same display name. Those links are shown as
 * made automatically, for the secretary to confirm or undo on the card.
 */
export const replaceRosterAction = defineAction({
  name: 'ledamöter.ersätt',
  rights: ['sekreterare'],
  schema: z.object({ rader: z.string().max(20000) }),
  aggregate: 'organ',
  sources: ['typed'],
  run: async (ctx, d) => {
    const body = await linkCallerInConversation(ctx, (await requireBody(ctx)).value);
    authorizeIn(ctx, 'ledamöter.ersätt', body);
    // Minnesanteckningar bodies (a råd) list organisation representatives, who have no party.
    const parsed = parseRoster(d.rader, { partyRequired: body.profile !== 'minnesanteckningar' });
    if (parsed.unreadable.length) {
      const lines = parsed.unreadable.slice(0, 15).map((u) => `• "${u.text.slice(0, 100)}": ${u.reason}`);
      const more = parsed.unreadable.length > 15 ? `\n… och ${parsed.unreadable.length - 15} rader till.` : '';
      throw new UserError(`Ledamotslistan sparades inte: ${parsed.unreadable.length} ${parsed.unreadable.length === 1 ? 'rad' : 'rader'} kunde inte läsas.\n${lines.join('\n')}${more}\n\nSkriv till exempel:\n${EXAMPLE}`);
    }
    if (parsed.entries.length === 0) throw new UserError(`Ledamotslistan är tom. Skriv till exempel:\n${EXAMPLE}`);
    // Only the people Teams lists in this conversation; not the sender's name, nor anyone's elsewhere.
    const members = await conversationMembers(ctx);
    const committed = await ctx.services.bodies.change(body.id, {
      actor: actorOf(ctx),
      action: 'ledamöter.ersätt',
      summary: (next) => `Ledamotslistan ersattes (${next.roster.length} personer, ${next.roster.filter((r) => r.aadObjectId).length} kopplade till Teams)`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new UserError('Organet finns inte längre.');
        const roster = linkByDisplayName(replaceRoster(current.roster, parsed.entries, current.formerRoster), members, current.undoneLinks);
        // Removed people stay as former entries: past meetings and protocols still refer to them.
        return { ...current, roster, formerRoster: retireRemoved(current, roster, ctx.now.toISOString()) };
      },
    });
    return replyCard(rosterCard(committed.value, { forSecretary: isSecretary(committed.value, ctx.caller.id) }));
  },
});
