import type { Services } from '../../services';
import { isLinkedIn, type Body } from '../../domain/body';
import { isOverdue, localDate } from '../../domain/cases';
import { paragraphRange, type Meeting, type MeetingStatus } from '../../domain/meeting';
import { swedishDate, swedishDateTime, swedishDay } from '../../domain/meeting-time';
import { immediateLinks, protocolLinks } from '../../bot/protocol-cards';
import { tabUrl } from '../arendelogg-tab';

/**
 * What the tab shows, as JSON for the page's script: the bodies the signed-in person is linked in,
 * each with its open cases (the ärendelogg) and its protocol archive (every meeting's protocol
 * versions with signed document links), and for the meeting side panel the meeting that is pågår
 * or the next one.
 */

export interface TabCase { number: string; title: string; status: string; owner?: string; due?: string; overdue: boolean }
export interface TabProtocolVersion { version: number; state: string; md: string; docx: string }
export interface TabExcerpt { paragraph: number; title: string; md: string; docx: string }
export interface TabMeeting { id: string; when: string; status: MeetingStatus; paragraphs: string; protocol: TabProtocolVersion[]; excerpts: TabExcerpt[] }
export interface TabBody { id: string; name: string; arendeloggUrl: string; cases: TabCase[]; meetings: TabMeeting[] }

export async function bodiesFor(services: Services, aadObjectId: string): Promise<Body[]> {
  return (await services.bodies.ofPerson(aadObjectId)).filter((b) => isLinkedIn(b, aadObjectId));
}

function versionState(v: Meeting['protocol'][number]): string {
  if (v.lockedAt) return `justerat ${swedishDate(swedishDay(v.lockedAt))}`;
  if (v.sentAt) return 'under justering';
  return 'utkast';
}

export async function tabBody(services: Services, body: Body): Promise<TabBody> {
  const now = services.clock();
  const today = localDate(now);
  const [cases, meetings] = await Promise.all([services.cases.listOpen(body.id), services.meetings.listForBody(body.id)]);
  return {
    id: body.id,
    name: body.name,
    arendeloggUrl: tabUrl(services, body.id, now),
    cases: cases.map((c) => ({ number: c.number, title: c.title, status: c.status, owner: c.owner, due: c.due, overdue: isOverdue(c, today) })),
    meetings: [...meetings].reverse().map((m) => ({
      id: m.id,
      when: swedishDateTime(m.start, m.end),
      status: m.status,
      paragraphs: paragraphRange(m),
      protocol: [...m.protocol].reverse().map((v) => ({ version: v.version, state: versionState(v), ...protocolLinks(services, body.id, m.id, v.version, now) })),
      // A § justerad at once stands in its own protocol (protokollsutdrag) before the whole one exists.
      excerpts: m.items.filter((i) => i.immediateJustering?.locked).map((i) => ({ paragraph: i.paragraph, title: i.title, ...immediateLinks(services, body.id, m.id, i.paragraph, now) })),
    })),
  };
}

export interface PanelItem { paragraph: number; title: string; kind?: string; current: boolean; done: boolean }
export interface PanelView { body: string; meeting?: { when: string; status: MeetingStatus; place?: string; current?: { paragraph: number; title: string }; items: PanelItem[] } }

/** The meeting side panel: the meeting that is pågår, else the next planned one; its current § and agenda. */
export async function panelView(services: Services, body: Body): Promise<PanelView> {
  const all = await services.meetings.listForBody(body.id);
  const planned = all.filter((x) => x.status === 'planerat' || x.status === 'kallat');
  const today = swedishDay(services.clock());
  // A planned meeting whose day has passed without being held is not "the next one" while a later one exists.
  const m = all.find((x) => x.status === 'pågår') ?? planned.find((x) => x.start.slice(0, 10) >= today) ?? planned[planned.length - 1];
  if (!m) return { body: body.name };
  const running = m.status === 'pågår';
  const cur = running ? m.items[m.currentIndex] : undefined;
  return {
    body: body.name,
    meeting: {
      when: swedishDateTime(m.start, m.end),
      status: m.status,
      place: m.place,
      current: cur ? { paragraph: cur.paragraph, title: cur.title } : undefined,
      items: m.items.map((i, n) => ({ paragraph: i.paragraph, title: i.title, kind: i.kind, current: cur === i, done: running && Boolean(i.outcome) && n !== m.currentIndex })),
    },
  };
}
