import type { Services } from '../services';
import type { Body } from '../domain/body';
import { meetingDay, type Assignment, type Meeting, type Outcome, type Question } from '../domain/meeting';
import type { ItemSnapshot } from '../domain/effects';
import { swedishDate } from '../domain/meeting-time';
// A § covered by sekretess gives its cases only what may be shown outside the body (reminders, mina uppdrag).
import { shownText, shownTitle } from '../domain/sekretess';
import {
  addNote,
  changeStatus,
  MAX_TITLE,
  type Applied,
  type Case,
  type CaseStatus,
  type Change,
  type NewCaseInput,
} from '../domain/cases';
import type { Actor } from '../storage/ports';

/**
 * What the ärendelogg does, independent of how it was asked (chat command, card, meeting hook):
 * create cases from each source, and record what happened to them at meetings. Every write is
 * keyed so that doing the same thing twice records once.
 */

export const PARAGRAF_ACTOR: Actor = { id: 'paragraf', name: 'Paragraf' };

/** "fredag 17 december 2021": the day the meeting was held (or is booked for). */
export function meetingDate(m: Meeting): string {
  return swedishDate(meetingDay(m));
}

/** The roster's Teams identity for an owner typed by name (exact name, case-insensitive), if linked. */
export function ownerAadFor(body: Body, name: string | undefined, memberId?: string): string | undefined {
  if (memberId) return body.roster.find((r) => r.id === memberId)?.aadObjectId;
  if (!name) return undefined;
  const n = name.trim().toLocaleLowerCase('sv');
  return body.roster.find((r) => r.name.toLocaleLowerCase('sv') === n)?.aadObjectId;
}

export function changeOf(actor: Actor, now: Date, meeting?: Meeting, paragraph?: number): Change {
  return { by: actor.name, byId: actor.id, at: now.toISOString(), meetingId: meeting?.id, paragraph };
}

export async function createCase(services: Services, body: Body, input: NewCaseInput, actor: Actor, now: Date, sourceKey: string): Promise<Case> {
  const ownerAad = ownerAadFor(body, input.owner);
  const { value } = await services.cases.create(body.id, { ...input, ownerAad }, actor, now, sourceKey);
  return value;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE - 1)}…` : t;
}

/** Chains pure changes so they land as one transaction. */
function chain(cur: Case, ...steps: ((c: Case) => Applied)[]): Applied {
  let next = cur;
  const entries: Applied['entries'] = [];
  for (const step of steps) {
    const r = step(next);
    next = r.next;
    entries.push(...r.entries);
  }
  return { next, entries };
}

const OUTCOME_STATUS: Partial<Record<string, CaseStatus>> = { bordläggs: 'bordlagt', återremitteras: 'återremitterat', beslut: 'avslutat' };

/**
 * The case behind an agenda item: created the first time the item appears (origin: the meeting
 * and §), and on every meeting where it comes up again a history line "Behandlades …"; when the
 * item has an outcome, that too (bordläggs → bordlagt, återremitteras → återremitterat, beslut →
 * avslutat with the decision as closing note, information → pågående). Standard items (upprop,
 * nästa möte …) have no case. Returns the case id.
 */
export async function caseForItem(services: Services, body: Body, meeting: Meeting, item: ItemSnapshot & { outcome?: Outcome }, actor: Actor = PARAGRAF_ACTOR): Promise<string | undefined> {
  if (item.standard) return undefined;
  const now = services.clock();
  const ch = changeOf(actor, now, meeting, item.paragraph);
  let id = item.caseId && (await services.cases.get(body.id, item.caseId)) ? item.caseId : undefined;
  if (!id) {
    const created = await services.cases.create(
      body.id,
      { title: short(shownTitle(item)), origin: { kind: 'ärende', meetingId: meeting.id, paragraph: item.paragraph, raisedBy: item.sekretess ? undefined : item.presenters }, tags: [], attachments: item.sekretess ? [] : item.attachments, diarienummer: meeting.diarienummer },
      actor,
      now,
      `item|${meeting.id}|${item.id}`,
      `Ärendet skapades från föredragningslistan, mötet ${meetingDate(meeting)} § ${item.paragraph}`,
    );
    id = created.value.id;
  } else {
    await services.cases.change(body.id, id, (c) => addNote(c, `Togs upp på mötet ${meetingDate(meeting)} § ${item.paragraph}`, ch, 'möte'), `case-meeting|${meeting.id}|${item.id}`);
  }
  if (item.outcome) await noteOutcome(services, body, meeting, item, item.outcome, id, actor);
  return id;
}

async function noteOutcome(services: Services, body: Body, meeting: Meeting, item: ItemSnapshot, outcome: Outcome, id: string, actor: Actor): Promise<Case> {
  const ch = changeOf(actor, services.clock(), meeting, item.paragraph);
  const target = OUTCOME_STATUS[outcome.kind] ?? 'pågående';
  const text = shownText(item, outcome.decision ? `${outcome.formula} ${outcome.decision}`.trim() : outcome.formula);
  const { value } = await services.cases.change(
    body.id,
    id,
    (c) =>
      chain(
        c,
        (x) => addNote(x, `§ ${item.paragraph}: ${text}`, ch, 'utfall'),
        (x) => (x.status === target ? { next: x, entries: [] } : changeStatus(x, target, ch, target === 'avslutat' ? shownText(item, outcome.decision ?? outcome.formula) : undefined)),
        // It has been taken up now; a new "tas upp på nästa möte" must be asked for again.
        (x) => ({ next: { ...x, nextMeeting: false }, entries: [] }),
      ),
    `case-outcome|${meeting.id}|${item.id}|${outcome.kind}|${outcome.recordedAt}`,
  );
  return value;
}

/** An uppdrag given at a meeting becomes a case owned by the person given it (idempotent per meeting, § and its place in the item's uppdrag). */
export async function caseForAssignment(services: Services, body: Body, meeting: Meeting, item: ItemSnapshot, assignment: Assignment, index: number, actor: Actor = PARAGRAF_ACTOR): Promise<string> {
  const key = `uppdrag|${meeting.id}|${item.paragraph}|${index}`;
  const now = services.clock();
  const { value, duplicate } = await services.cases.create(
    body.id,
    {
      title: short(shownText(item, assignment.text)),
      origin: { kind: 'uppdrag', meetingId: meeting.id, paragraph: item.paragraph },
      owner: assignment.ownerName,
      ownerAad: ownerAadFor(body, assignment.ownerName, assignment.ownerMemberId),
      due: assignment.due,
      tags: [],
      diarienummer: meeting.diarienummer,
    },
    actor,
    now,
    key,
    `Uppdrag till ${assignment.ownerName} på mötet ${meetingDate(meeting)} § ${item.paragraph}${assignment.due ? `, senast ${assignment.due}` : ''}`,
  );
  // The item's own case (if any) records the uppdrag in its history too.
  if (!duplicate && item.caseId && item.caseId !== value.id && (await services.cases.get(body.id, item.caseId))) {
    const ch = changeOf(actor, now, meeting, item.paragraph);
    await services.cases.change(body.id, item.caseId, (c) => addNote(c, `Uppdrag till ${assignment.ownerName}: ${shownText(item, assignment.text)} (ärende ${value.number})`, ch, 'uppdrag'), `case-uppdrag-note|${key}`);
  }
  return value.id;
}

/** An övrig fråga becomes a case raised by the asker; an asker that is one of the body's organisations is also a tag. */
export async function caseForQuestion(services: Services, body: Body, meeting: Meeting, item: ItemSnapshot, question: Question, index: number, actor: Actor = PARAGRAF_ACTOR): Promise<string> {
  const org = body.organisations.find((o) => o.toLocaleLowerCase('sv') === question.askedBy.trim().toLocaleLowerCase('sv'));
  const { value } = await services.cases.create(
    body.id,
    { title: short(shownText(item, question.text)), origin: { kind: 'övrig fråga', meetingId: meeting.id, paragraph: item.paragraph, raisedBy: question.askedBy }, tags: org ? [org] : [], diarienummer: meeting.diarienummer },
    actor,
    services.clock(),
    `fråga|${meeting.id}|${item.paragraph}|${index}`,
    `Övrig fråga från ${question.askedBy} på mötet ${meetingDate(meeting)} § ${item.paragraph}`,
  );
  return value.id;
}


/**
 * A § marked for sekretess after cases were written from it (its outcome, its uppdrag, its övriga
 * frågor): each case's title, closing note and attachments are written again as the public version
 * shows them, since titles reach personal chats (mina uppdrag, reminders). The history keeps what
 * was written, as a log does; it is shown only inside the body. Idempotent per case and marking.
 */
export async function coverCases(services: Services, body: Body, meeting: Meeting, item: ItemSnapshot, counts: { assignments: number; questions: number }, actor: Actor = PARAGRAF_ACTOR): Promise<void> {
  if (!item.sekretess) return;
  const sources = [
    `item|${meeting.id}|${item.id}`,
    ...Array.from({ length: counts.assignments }, (_, i) => `uppdrag|${meeting.id}|${item.paragraph}|${i}`),
    ...Array.from({ length: counts.questions }, (_, i) => `fråga|${meeting.id}|${item.paragraph}|${i}`),
  ];
  const found = await Promise.all(sources.map((key) => services.cases.bySource(body.id, key)));
  // A source key names a case that exists; the item's own caseId (continued from a proposal) is checked, as caseForItem does.
  const continued = item.caseId && (await services.cases.get(body.id, item.caseId)) ? [item.caseId] : [];
  const ids = [...new Set([...continued, ...found.filter((id): id is string => Boolean(id))])];
  const mark = JSON.stringify(item.sekretess);
  for (const id of ids) {
    const ch = changeOf(actor, services.clock(), meeting, item.paragraph);
    await services.cases.change(
      body.id,
      id,
      (c) => {
        const own = c.origin.kind === 'ärende';
        const title = short(own ? shownTitle({ title: c.title, sekretess: item.sekretess }) : shownText(item, c.title));
        const closingNote = c.closingNote === undefined ? undefined : shownText(item, c.closingNote);
        // Bilagor of a covered § are listed only inside the body, as when the case is made (caseForItem).
        if (title === c.title && closingNote === c.closingNote && c.attachments.length === 0) return { next: c, entries: [] };
        const next: Case = { ...c, title, attachments: [], ...(closingNote === undefined ? {} : { closingNote }), origin: own ? { ...c.origin, raisedBy: undefined } : c.origin };
        return addNote(next, `§ ${item.paragraph} omfattas av sekretess (${item.sekretess!.provision}); rubriken visas som i den offentliga versionen.`, ch);
      },
      `case-sekretess|${id}|${mark}`,
    );
  }
}
