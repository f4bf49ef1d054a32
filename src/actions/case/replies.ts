import type { BotContext, Reply } from '../../bot/context';
import { caseLogCard } from '../../cards/arendelogg/arendelogg';
import { caseDetailCard } from '../../cards/arende/arende';
import { localDate, swedishInstant as when, type Case, type CaseFilter } from '../../domain/cases';
import type { Body } from '../../domain/body';
import { NotFoundError } from '../../domain/errors';
import { tabUrl } from '../../http/arendelogg-tab';

/** The ärendelogg list card, filtered; `openCases` when already read. */
export async function caseLogReply(ctx: BotContext, body: Body, filter: CaseFilter, offset: number, openCases?: Case[]): Promise<Reply> {
  // Open cases are one range read; "alla" statuses are not offered on the card (the tab has them).
  const cases = openCases ?? (await ctx.services.cases.listOpen(body.id));
  return { cards: [caseLogCard({ bodyName: body.name, cases, filter, offset, today: localDate(ctx.now), tabUrl: tabUrl(ctx.services, body.id, ctx.now) })] };
}

/** One case's card with its history. */
export async function caseDetailReply(ctx: BotContext, body: Body, caseId: string, text?: string): Promise<Reply> {
  const got = await ctx.services.cases.withHistory(body.id, caseId);
  if (!got) throw new NotFoundError('Ärendet finns inte i det här organets ärendelogg.');
  const people = body.roster.map((r) => r.name);
  return { cards: [caseDetailCard({ c: got.loaded.value, history: got.history, people, today: localDate(ctx.now), when })], text };
}
