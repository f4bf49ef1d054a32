import { defineCommand } from '../registry';
import type { BotContext, Reply } from '../context';
import { actorOf, authorizeIn, requireBody } from '../guards';
import { caseLogCard } from '../../cards/arendelogg/arendelogg';
import { caseDetailCard } from '../../cards/arende/arende';
import { myCasesCard } from '../../cards/mina-uppdrag/mina-uppdrag';
import { localDate, parseNewCase, swedishInstant as when, type Case, type CaseFilter } from '../../domain/cases';
import type { Body } from '../../domain/body';
import { NotFoundError, UserError } from '../../domain/errors';
import { createCase } from '../case-service';
import { tabUrl } from '../../http/arendelogg-tab';
import { BodyRepo } from '../../storage/bodies';


export async function caseLogReply(ctx: BotContext, body: Body, filter: CaseFilter, offset: number, openCases?: Case[]): Promise<Reply> {
  // Open cases are one range read; "alla" statuses are not offered on the card (the tab has them).
  const cases = openCases ?? (await ctx.services.cases.listOpen(body.id));
  return { cards: [caseLogCard({ bodyName: body.name, cases, filter, offset, today: localDate(ctx.now), tabUrl: tabUrl(ctx.services, body.id, ctx.now) })] };
}


export async function caseDetailReply(ctx: BotContext, body: Body, caseId: string, text?: string): Promise<Reply> {
  const got = await ctx.services.cases.withHistory(body.id, caseId);
  if (!got) throw new NotFoundError('Ärendet finns inte i det här organets ärendelogg.');
  const people = body.roster.map((r) => r.name);
  return { cards: [caseDetailCard({ c: got.loaded.value, history: got.history, people, today: localDate(ctx.now), when })], text };
}

export const arendeloggCommand = defineCommand({
  name: 'ärendelogg',
  pattern: /^(ärendelogg|arendelogg)$/i,
  help: { section: 'Efter mötet', usage: 'ärendelogg', description: 'Visa organets öppna ärenden.' },
  run: async (ctx) => {
    // The body and its open cases side by side (the partition follows from the conversation).
    const open = ctx.services.cases.listOpen(BodyRepo.idFor(ctx.conversationId));
    open.catch(() => undefined); // awaited below; a refusal first must not leave it unhandled
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.visa', body.value);
    return caseLogReply(ctx, body.value, { status: 'alla öppna' }, 0, await open);
  },
});

export const nyttArendeCommand = defineCommand({
  name: 'nytt ärende',
  pattern: /^nytt (ärende|arende)\b\s*(.*)$/i,
  help: { section: 'Efter mötet', usage: 'nytt ärende <rubrik>', description: 'Lägg till ett ärende i ärendeloggen (rader Ägare:, Senast:, Ursprung:, Taggar:).' },
  run: async (ctx, { body: rest, match }) => {
    const body = await requireBody(ctx);
    authorizeIn(ctx, 'ärendelogg.skapa', body.value);
    const input = parseNewCase(match[2] ?? '', rest);
    const c = await createCase(ctx.services, body.value, input, actorOf(ctx), ctx.now, `direkt|${ctx.idempotencyKey}`);
    return caseDetailReply(ctx, body.value, c.id, `Ärende ${c.number} "${c.title}" är upplagt i ärendeloggen.`);
  },
});

export const minaUppdragCommand = defineCommand({
  name: 'mina uppdrag',
  pattern: /^mina uppdrag$/i,
  help: { section: 'Efter mötet', usage: 'mina uppdrag', description: 'Dina ärenden och uppdrag med sista datum (personlig chatt).' },
  run: async (ctx) => {
    if (ctx.conversationKind !== 'personal') throw new UserError('Skriv "mina uppdrag" i din personliga chatt med Paragraf, så visas dina uppdrag bara för dig.');
    const owned = (await ctx.services.cases.ownedBy(ctx.caller.id)).filter((c: Case) => c.status !== 'avslutat');
    const bodies = new Map<string, string>();
    await Promise.all([...new Set(owned.map((c) => c.bodyId))].map(async (id) => bodies.set(id, (await ctx.services.bodies.get(id))?.value.name ?? 'Okänt organ')));
    const items = owned.map((c) => ({ c, bodyName: bodies.get(c.bodyId) ?? '', url: tabUrl(ctx.services, c.bodyId, ctx.now, { case: c.id }) }));
    return { cards: [myCasesCard(items, localDate(ctx.now))] };
  },
});
