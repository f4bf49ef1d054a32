import template from './arendelogg.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { facets, filterCases, isOverdue, OPEN_STATUSES, paginate, type Case, type CaseFilter } from '../../domain/cases';

export const PAGE_SIZE = 20;
const ALL = '*';
/** Filter choices are capped so that even a log with thousands of owners keeps the card small; the tab filters on all. */
const MAX_CHOICES = 60;

export interface CaseLogView {
  bodyName: string;
  cases: Case[];
  filter: CaseFilter;
  offset: number;
  today: string;
  tabUrl: string;
}

/** One line under a case's title: status, owner, due date (marked when overdue), origin. */
export function caseLine(c: Case, today: string): string {
  const parts: string[] = [c.status];
  if (c.owner) parts.push(c.owner);
  if (c.due) parts.push(isOverdue(c, today) ? `försenat, senast ${c.due}` : `senast ${c.due}`);
  if (c.nextMeeting) parts.push('tas upp på nästa möte');
  if (c.tags.length) parts.push(c.tags.join(', '));
  return parts.join(' · ');
}

/**
 * The ärendelogg card: filters (status, owner, organisation/tag, overdue), one page of cases
 * newest activity first, "Visa fler" for the next page. A page shrinks until the card is below
 * MAX_CARD_BYTES, whatever the titles' lengths.
 */
export function caseLogCard(v: CaseLogView): AdaptiveCard {
  const matching = filterCases(v.cases, v.filter, v.today);
  const { owners, tags } = facets(v.cases);
  let size = PAGE_SIZE;
  for (;;) {
    const page = paginate(matching, v.offset, size);
    const first = page.items.length ? page.offset + 1 : 0;
    const statusLabel = v.filter.status && v.filter.status !== 'alla öppna' ? `med status ${v.filter.status}` : 'öppna ärenden';
    const summary = page.total === 0 ? `Inga ${statusLabel === 'öppna ärenden' ? 'öppna ärenden' : `ärenden ${statusLabel}`} att visa.` : `Visar ${first}–${page.offset + page.items.length} av ${page.total} ${statusLabel === 'öppna ärenden' ? statusLabel : `ärenden ${statusLabel}`}, senaste aktivitet först.`;
    const data = {
      heading: `Ärendelogg – ${escapeMarkdown(v.bodyName)}`,
      summary: escapeMarkdown(summary),
      status: v.filter.status ?? 'alla öppna',
      statusChoices: ['alla öppna', ...OPEN_STATUSES].map((s) => ({ title: s === 'alla öppna' ? 'Alla öppna' : s, value: s })),
      owner: v.filter.owner || ALL,
      ownerChoices: [{ title: 'Alla ägare', value: ALL }, ...owners.slice(0, MAX_CHOICES).map((o) => ({ title: o, value: o }))],
      tag: v.filter.tag || ALL,
      tagChoices: [{ title: 'Alla', value: ALL }, ...tags.slice(0, MAX_CHOICES).map((t) => ({ title: t, value: t }))],
      overdue: v.filter.overdue ? 'true' : 'false',
      cases: page.items.map((c) => ({
        caseId: c.id,
        number: c.number,
        title: escapeMarkdown(c.title),
        line: escapeMarkdown(caseLine(c, v.today)),
        color: isOverdue(c, v.today) ? 'Attention' : 'Default',
      })),
      hasMore: page.nextOffset !== undefined,
      nextOffset: page.nextOffset ?? 0,
      tabUrl: v.tabUrl,
    };
    const card = renderTemplate(template, data);
    if (cardBytes(card) <= MAX_CARD_BYTES || size <= 1) return card;
    size = Math.max(1, Math.floor(size * 0.75));
  }
}

/** Card filter values back to a domain filter ("*" = all). */
export function filterFromInputs(d: { status?: string; owner?: string; tag?: string; overdue?: string | boolean }): CaseFilter {
  return {
    status: (d.status && d.status !== ALL ? d.status : 'alla öppna') as CaseFilter['status'],
    owner: d.owner && d.owner !== ALL ? d.owner : undefined,
    tag: d.tag && d.tag !== ALL ? d.tag : undefined,
    overdue: d.overdue === true || d.overdue === 'true',
  };
}
