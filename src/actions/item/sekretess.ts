/**
 * Sekretess per §: the typed line ("sekretess §12 26 kap. 1 § OSL", parsed by
 * src/bot/commands/sekretess.ts; see domain/sekretess.ts for the syntax) and the agenda item edit
 * card's "Spara sekretess". Both go through the meeting's DocumentStore change, so every marking is
 * in the audit log; only the secretary may mark.
 */
import { z } from 'zod';
import { defineAction } from '../action';
import type { BotContext, Reply } from '../../bot/context';
import { authorizeIn, requireBody } from '../../bot/guards';
import { changeMeeting } from '../../bot/meeting-flow';
import { linkCallerInConversation } from '../../bot/roster-link';
import { previewCard } from '../../bot/meeting-view';
import { refreshLiveCard } from '../../bot/live-card';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { isLocked, agendaEditable } from '../../domain/lifecycle';
import { NotFoundError, UserError } from '../../domain/errors';
import { latestVersion } from '../../domain/protocol/versions';
import { swedishDate } from '../../domain/meeting-time';
import { markSummary, parsePersons, parseSekretessCommand, type SekretessMark } from '../../domain/sekretess';
import { idSchema } from '../schemas';
import { setSekretess, type MarkRequest } from '../../domain/sekretess-marking';

export const SEKRETESS_ACTION = 'punkt.sekretess';

/** The audit log's line: the provision and what is covered, never the covered names. */
function auditSummary(paragraph: number, s: SekretessMark | undefined): string {
  if (!s) return `Sekretessen för § ${paragraph} togs bort`;
  const what = [s.scope === 'paragraf' ? 'hela paragrafen' : s.scope === 'text' ? 'redogörelse och beslut' : '', s.persons.length ? `${s.persons.length} namngivna personer` : ''].filter(Boolean).join(', ');
  return `§ ${paragraph} markerades för sekretess enligt ${s.provision} (${what})`;
}

/**
 * The meeting whose § is meant: among those not yet locked that have it, the one in progress, else
 * the newest (§ numbers start again each year, so two open meetings may both have a § 1: the answer
 * then names the meeting chosen).
 */
function meetingWith(all: Meeting[], paragraph: number): { meeting: Meeting; note: string } {
  const having = all.filter((m) => m.items.some((i) => i.paragraph === paragraph));
  const open = having.filter((m) => !isLocked(m.status));
  const found = open.find((m) => m.status === 'pågår') ?? [...open].sort((a, b) => b.start.localeCompare(a.start))[0];
  if (found) return { meeting: found, note: open.length > 1 ? ` (Det gäller mötet ${swedishDate(found.start)}.)` : '' };
  if (having.length) throw new UserError(`Protokollet med § ${paragraph} är justerat och låst. Sekretess markeras senast innan protokollet justeras. Inget har ändrats.`, 'locked');
  throw new NotFoundError(`§ ${paragraph} finns inte på något av organets möten. Inget har ändrats.`);
}

async function mark(ctx: BotContext, body: Body, meeting: Meeting, itemId: string, request: MarkRequest | undefined, replace: boolean): Promise<{ value: Meeting; text: string }> {
  const paragraph = meeting.items.find((i) => i.id === itemId)!.paragraph;
  const at = ctx.now.toISOString();
  const before = latestVersion(meeting)?.version;
  const { value } = await changeMeeting(ctx, body, meeting.id, SEKRETESS_ACTION, (m) => auditSummary(paragraph, m.items.find((i) => i.id === itemId)?.sekretess), (m) => setSekretess(body, m, itemId, request, ctx.caller.name, at, { replace }));
  const after = latestVersion(value);
  const reissued = after && after.version !== before ? ` Protokollet finns nu i version ${after.version} med markeringen; skicka det till justering${before && meeting.status === 'under justering' ? ' igen' : ''}.` : '';
  if (value.status === 'pågår') await refreshLiveCard(ctx, body, value);
  return { value, text: `${markSummary(paragraph, value.items.find((i) => i.id === itemId)?.sekretess)}${reissued}` };
}

/** The typed line: which § and what, in the secretary's words. */
async function markTyped(ctx: BotContext, body: Body, line: string): Promise<Reply> {
  const cmd = parseSekretessCommand(line);
  const { meeting, note } = meetingWith(await ctx.services.meetings.listForBody(body.id), cmd.paragraph);
  authorizeIn(ctx, SEKRETESS_ACTION, body, meeting);
  const item = meeting.items.find((i) => i.paragraph === cmd.paragraph)!;
  const request = cmd.kind === 'markera' ? { scope: cmd.scope, provision: cmd.provision, persons: cmd.persons } : undefined;
  const { text } = await mark(ctx, body, meeting, item.id, request, false);
  return { text: `${text}${note}` };
}

/** "Spara sekretess" on the agenda item edit card: the card shows the whole marking, so it replaces it. */
async function markFromCard(ctx: BotContext, body: Body, data: CardPayload): Promise<Reply> {
  const meeting = (await ctx.services.meetings.get(body.id, data.meetingId))?.value;
  if (!meeting || meeting.bodyId !== body.id) throw new NotFoundError('Mötet finns inte längre.');
  if (!meeting.items.some((i) => i.id === data.itemId)) throw new NotFoundError('Ärendet finns inte på mötets föredragningslista. Kortet kan vara gammalt.');
  const scope = data.sekretess ?? '';
  const persons = (data.persons ?? '').trim();
  if (scope === 'personer' && !persons) throw new UserError('Skriv vilka personer som omfattas av sekretess, med kommatecken emellan. Inget har ändrats.', 'invalid');
  const request = scope ? { scope, provision: data.provision ?? '', persons: persons ? parsePersons(persons) : [] } : undefined;
  const { value, text } = await mark(ctx, body, meeting, data.itemId, request, true);
  return agendaEditable(value.status) ? { cards: [await previewCard(ctx, body, value)], text } : { text };
}

const cardPayload = z.object({
  meetingId: idSchema,
  itemId: idSchema,
  sekretess: z.enum(['', 'paragraf', 'text', 'personer']).optional(),
  provision: z.string().max(400).optional(),
  persons: z.string().max(2000).optional(),
});
type CardPayload = z.infer<typeof cardPayload>;

/** One action, reached by the card (ids and fields) or by a typed line (`rad`, the whole line). */
export const markSekretess = defineAction({
  name: SEKRETESS_ACTION,
  rights: ['sekreterare'],
  schema: z.union([z.object({ rad: z.string().min(1).max(4000) }), cardPayload]),
  aggregate: 'möte',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    const body = await linkCallerInConversation(ctx, (await requireBody(ctx)).value);
    authorizeIn(ctx, 'punkt.sekretess', body);
    return 'rad' in d ? markTyped(ctx, body, d.rad) : markFromCard(ctx, body, d);
  },
});
