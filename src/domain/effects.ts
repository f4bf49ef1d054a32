/**
 * What a meeting change causes outside the meeting, read from the meeting before and after it:
 * an outcome on an agenda item updates the item's case in the ärendelogg, an uppdrag or an övrig
 * fråga becomes a case, an ersättare called in gets a personal request, a sent kallelse is posted.
 * The protocol's steps reach people too: a version sent for justering (the personal review cards),
 * a version justerad by all (posted to the body's chat), a change requested (told to the chat).
 * Storage writes these as pending rows in the same transaction as the meeting (pending-effects.ts)
 * and the bot carries them out (effect-dispatcher.ts). Pure.
 */
import type { Assignment, Item, Meeting, Outcome, Question, SubstituteCall } from './meeting';

/** What an item's case needs of the item, as it stood when the change committed. */
export type ItemSnapshot = Pick<Item, 'id' | 'paragraph' | 'title' | 'presenters' | 'attachments' | 'caseId' | 'standard' | 'sekretess'>;

/** The meeting an effect comes from. */
interface From {
  bodyId: string;
  meetingId: string;
}

export type Effect = From &
  (
    | { kind: 'ärendelogg.utfall'; item: ItemSnapshot; outcome: Outcome }
    | { kind: 'ärendelogg.uppdrag'; item: ItemSnapshot; index: number; assignment: Assignment }
    | { kind: 'ärendelogg.fråga'; item: ItemSnapshot; index: number; question: Question }
    /** A § marked for sekretess (or marked anew) after cases came from it: their titles are covered too. */
    | { kind: 'ärendelogg.sekretess'; item: ItemSnapshot; assignments: number; questions: number }
    | { kind: 'ersättare.förfrågan'; index: number; call: SubstituteCall }
    | { kind: 'kallelse.skicka' }
    | { kind: 'protokoll.justering'; version: number }
    | { kind: 'protokoll.justerat'; version: number }
    | { kind: 'protokoll.ändringsbegäran'; version: number; index: number }
  );

export type EffectKind = Effect['kind'];

/**
 * The same effect always has the same key, whichever change or resend computed it: an outcome by
 * its item, kind and time; a record by its item and place in its list; an ersättare call by its
 * place in the meeting's calls; the kallelse once per meeting.
 */
export function effectKey(e: Effect): string {
  switch (e.kind) {
    case 'ärendelogg.utfall':
      return `${e.kind}|${e.meetingId}|${e.item.id}|${e.outcome.kind}|${e.outcome.recordedAt}`;
    case 'ärendelogg.uppdrag':
    case 'ärendelogg.fråga':
      return `${e.kind}|${e.meetingId}|${e.item.id}|${e.index}`;
    case 'ersättare.förfrågan':
      return `${e.kind}|${e.meetingId}|${e.index}`;
    case 'ärendelogg.sekretess':
      return `${e.kind}|${e.meetingId}|${e.item.id}|${JSON.stringify(e.item.sekretess ?? null)}`;
    case 'kallelse.skicka':
      return `${e.kind}|${e.meetingId}`;
    case 'protokoll.justering':
    case 'protokoll.justerat':
      return `${e.kind}|${e.meetingId}|v${e.version}`;
    case 'protokoll.ändringsbegäran':
      return `${e.kind}|${e.meetingId}|v${e.version}|${e.index}`;
  }
}

function snapshot(i: Item): ItemSnapshot {
  return { id: i.id, paragraph: i.paragraph, title: i.title, presenters: i.presenters, attachments: i.attachments, caseId: i.caseId, standard: i.standard, ...(i.sekretess ? { sekretess: i.sekretess } : {}) };
}

/** An outcome this change set or replaced (standard items have no case). */
function newOutcome(was: Item | undefined, item: Item): Outcome | undefined {
  const o = item.outcome;
  if (item.standard || !o) return undefined;
  const before = was?.outcome;
  return !before || before.kind !== o.kind || before.recordedAt !== o.recordedAt ? o : undefined;
}

/**
 * A meeting's creation causes nothing: `nytt möte` makes a planned meeting with an empty record,
 * and a meeting stored whole (an import, a fixture) is data as it stands, not something that happened.
 */
export function meetingEffects(before: Meeting | undefined, after: Meeting): Effect[] {
  if (!before) return [];
  const from: From = { bodyId: after.bodyId, meetingId: after.id };
  const out: Effect[] = [];
  if (after.status === 'kallat' && before.status !== 'kallat') out.push({ ...from, kind: 'kallelse.skicka' });
  const calls = before.substitutes.length;
  after.substitutes.forEach((call, index) => {
    if (index >= calls && !call.cancelledAt) out.push({ ...from, kind: 'ersättare.förfrågan', index, call });
  });
  for (const v of after.protocol) {
    const was = before.protocol.find((x) => x.version === v.version);
    if (v.sentAt && v.sentAt !== was?.sentAt) out.push({ ...from, kind: 'protokoll.justering', version: v.version });
    if (v.lockedAt && !was?.lockedAt) out.push({ ...from, kind: 'protokoll.justerat', version: v.version });
    v.changeRequests.forEach((_r, index) => {
      if (index >= (was?.changeRequests.length ?? 0)) out.push({ ...from, kind: 'protokoll.ändringsbegäran', version: v.version, index });
    });
  }
  for (const item of after.items) {
    const was = before.items.find((x) => x.id === item.id);
    const outcome = newOutcome(was, item);
    if (outcome) out.push({ ...from, kind: 'ärendelogg.utfall', item: snapshot(item), outcome });
    item.assignments.forEach((assignment, index) => {
      if (index >= (was?.assignments.length ?? 0)) out.push({ ...from, kind: 'ärendelogg.uppdrag', item: snapshot(item), index, assignment });
    });
    item.questions.forEach((question, index) => {
      if (index >= (was?.questions.length ?? 0)) out.push({ ...from, kind: 'ärendelogg.fråga', item: snapshot(item), index, question });
    });
    // Cases already written from this § carry its text: covered now, they are written again as the public side shows them.
    const hadCases = Boolean(was && (was.outcome || was.assignments.length || was.questions.length || was.caseId));
    if (hadCases && item.sekretess && JSON.stringify(item.sekretess) !== JSON.stringify(was?.sekretess)) {
      out.push({ ...from, kind: 'ärendelogg.sekretess', item: snapshot(item), assignments: was!.assignments.length, questions: was!.questions.length });
    }
  }
  return out;
}
