/**
 * Registerutdrag (GDPR art. 15): everything Paragraf stores about one person. Found by their Teams
 * identity (aadObjectId) and, in stored records that name people in text (audit summaries,
 * protocols, case history, conversation references, outgoing messages), by their name. Roster
 * entries removed from a body's roster are kept as former entries, so meeting records made while
 * the person was on it are still found. Pure.
 */
import type { AuditEntry } from './audit-chain';
import type { Body, RosterEntry } from './body';
import type { Case, HistoryEntry } from './cases';
import type { Meeting } from './meeting';
import type { PersonRequest } from './person-request';

export interface ExtractInput {
  aadObjectId: string;
  /** The person's Teams display name now; with the names on their roster entries, what text is searched for. */
  displayName: string;
  bodies: Body[];
  meetings: Meeting[];
  audit: (AuditEntry & { table: string; partition: string })[];
  cases: Case[];
  caseHistory: (HistoryEntry & { bodyId: string; caseId: string })[];
  conversations: { kind: 'personlig chatt' | 'konversation'; conversationId: string; conversationType?: string; userId?: string; userName?: string; seenAt?: string }[];
  outbox: { key: string; status: string; aadObjectId?: string; name?: string; conversationId?: string }[];
  requests: PersonRequest[];
}

type Where = { body: string; meeting: string };
type At = Where & { paragraph: number };

export interface RegisterExtract {
  aadObjectId: string;
  /** The names records were searched for. */
  names: string[];
  roster: { body: string; bodyId: string; name: string; role: string; party?: string; organisation?: string; title?: string; secretary: boolean; removedAt?: string; linked: boolean }[];
  founderOf: string[];
  rsvps: (Where & { answer: string; at: string })[];
  substituteCalls: (Where & { forMember: string; answer?: string })[];
  attendance: (Where & { present: boolean })[];
  arrivals: (Where & { kind: string; at: string })[];
  service: (Where & { fromParagraph?: number; toParagraph?: number; replacing?: string; reason?: string })[];
  votes: (At & { question: string; choice: string })[];
  jav: At[];
  reservations: (At & { kind: string; text?: string; at: string })[];
  motions: (At & { text: string; withdrawn: boolean })[];
  assignments: (At & { text: string; due?: string })[];
  questions: (At & { text: string })[];
  justerare: Where[];
  approvals: (Where & { version: number; at: string })[];
  changeRequests: (Where & { version: number; paragraph?: number; comment: string; at: string })[];
  protocols: (Where & { version: number; lockedAt?: string })[];
  cases: { body: string; number: string; title: string; status: string; due?: string; why: string }[];
  caseHistory: { body: string; caseId: string; at: string; by: string; text: string }[];
  audit: { table: string; partition: string; seq: number; at: string; action: string; summary: string; as: 'utförare' | 'nämnd' }[];
  conversations: { kind: string; conversationId: string; seenAt?: string }[];
  outbox: { what: string; status: string }[];
  requests: { kind: string; status: string; text?: string; createdAt: string; decidedAt?: string; reason?: string }[];
}

/** True when `text` names one of `names` as a whole name (not inside a longer word), any case. */
export function mentions(text: string | undefined, names: string[]): boolean {
  if (!text) return false;
  const lower = text.toLowerCase();
  return names.some((n) => {
    const needle = n.toLowerCase();
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
      const before = lower[i - 1];
      const after = lower[i + needle.length];
      if (!isLetter(before) && !isLetter(after)) return true;
    }
    return false;
  });
}

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/** Names shorter than this are not searched for in text: too many false hits. */
const MIN_NAME = 4;

export function buildExtract(input: ExtractInput): RegisterExtract {
  const id = input.aadObjectId;
  const bodyName = new Map(input.bodies.map((b) => [b.id, b.name]));
  // The person's roster entries per body, current and former: meeting records refer to these ids.
  const mine = new Map<string, (RosterEntry & { removedAt?: string })[]>();
  for (const body of input.bodies) {
    const entries = [...body.roster, ...(body.formerRoster ?? [])].filter((r) => r.aadObjectId === id);
    if (entries.length) mine.set(body.id, entries);
  }
  const names = [...new Set([input.displayName, ...[...mine.values()].flat().map((r) => r.name)].map((n) => n.trim()).filter((n) => n.length >= MIN_NAME))];
  const named = (text: string | undefined) => mentions(text, names);

  const out: RegisterExtract = {
    aadObjectId: id,
    names,
    roster: [],
    founderOf: input.bodies.filter((b) => b.founders.includes(id)).map((b) => b.name),
    rsvps: [],
    substituteCalls: [],
    attendance: [],
    arrivals: [],
    service: [],
    votes: [],
    jav: [],
    reservations: [],
    motions: [],
    assignments: [],
    questions: [],
    justerare: [],
    approvals: [],
    changeRequests: [],
    protocols: [],
    cases: [],
    caseHistory: [],
    audit: [],
    conversations: [],
    outbox: [],
    requests: [],
  };
  for (const body of input.bodies) {
    for (const r of mine.get(body.id) ?? []) {
      out.roster.push({
        body: body.name,
        bodyId: body.id,
        name: r.name,
        role: r.role,
        party: r.party,
        organisation: r.organisation,
        title: r.title,
        secretary: Boolean(r.secretary),
        removedAt: r.removedAt,
        linked: true,
      });
    }
  }
  for (const m of input.meetings) meetingRecords(out, m, new Set((mine.get(m.bodyId) ?? []).map((r) => r.id)), { body: bodyName.get(m.bodyId) ?? m.bodyId, meeting: m.start.replace('T', ' ') }, id, named);

  for (const c of input.cases) {
    const why = c.ownerAad === id ? 'ägare' : named(c.owner) ? 'ägare (namn)' : named(c.origin.raisedBy) ? 'väckt av dig' : named(c.title) || named(c.closingNote) ? 'nämner dig' : '';
    if (why) out.cases.push({ body: bodyName.get(c.bodyId) ?? c.bodyId, number: c.number, title: c.title, status: c.status, due: c.due, why });
  }
  for (const h of input.caseHistory) {
    if (h.byId === id || named(h.text) || named(h.by)) out.caseHistory.push({ body: bodyName.get(h.bodyId) ?? h.bodyId, caseId: h.caseId, at: h.at, by: h.by, text: h.text });
  }
  const seen = new Set<string>();
  out.audit = input.audit
    .filter((e) => {
      const key = `${e.table}|${e.partition}|${e.seq}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return e.actorId === id || named(e.summary);
    })
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({ table: e.table, partition: e.partition, seq: e.seq, at: e.at, action: e.action, summary: e.summary, as: e.actorId === id ? 'utförare' : 'nämnd' }));
  out.conversations = input.conversations
    .filter((c) => c.userId === id || named(c.userName))
    .map((c) => ({ kind: c.kind, conversationId: c.conversationId, seenAt: c.seenAt }));
  out.outbox = input.outbox.filter((o) => o.aadObjectId === id || named(o.name)).map((o) => ({ what: o.key.split('|')[0], status: o.status }));
  out.requests = input.requests
    .filter((r) => r.aadObjectId === id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((r) => ({ kind: r.kind, status: r.status, text: r.text, createdAt: r.createdAt, decidedAt: r.decidedAt, reason: r.reason }));
  return out;
}

/** What one meeting records about the person: by their roster ids, or by name where it stores names. */
function meetingRecords(out: RegisterExtract, m: Meeting, ids: Set<string>, where: Where, aad: string, named: (t?: string) => boolean): void {
  const para = (index: number | undefined) => (index === undefined ? undefined : m.items[index]?.paragraph);
  for (const rsvp of Object.values(m.rsvps ?? {})) if (ids.has(rsvp.memberId)) out.rsvps.push({ ...where, answer: rsvp.answer, at: rsvp.at });
  for (const c of m.substitutes ?? []) if (ids.has(c.askedMemberId)) out.substituteCalls.push({ ...where, forMember: c.forMemberId, answer: c.answer });
  for (const [memberId, present] of Object.entries(m.attendance?.present ?? {})) if (ids.has(memberId)) out.attendance.push({ ...where, present });
  for (const e of m.attendance?.events ?? []) if (ids.has(e.memberId)) out.arrivals.push({ ...where, kind: e.kind, at: e.at });
  for (const s of m.service ?? []) {
    if (!ids.has(s.memberId)) continue;
    const last = s.toIndex === undefined ? undefined : para(s.toIndex - 1);
    out.service.push({ ...where, fromParagraph: para(s.fromIndex), toParagraph: last, replacing: s.replacing, reason: s.reason });
  }
  if (m.justerare?.some((j) => ids.has(j))) out.justerare.push(where);
  for (const v of m.protocol ?? []) {
    for (const a of v.approvals ?? []) if (ids.has(a.memberId) || a.aadObjectId === aad) out.approvals.push({ ...where, version: v.version, at: a.at });
    for (const c of v.changeRequests ?? []) if (ids.has(c.memberId)) out.changeRequests.push({ ...where, version: v.version, paragraph: c.paragraph, comment: c.comment, at: c.at });
    if (named(v.markdown)) out.protocols.push({ ...where, version: v.version, lockedAt: v.lockedAt });
  }
  for (const item of m.items ?? []) {
    const at = { ...where, paragraph: item.paragraph };
    for (const vote of item.votes ?? []) for (const [memberId, choice] of Object.entries(vote.votes ?? {})) if (ids.has(memberId)) out.votes.push({ ...at, question: vote.question, choice });
    if (item.jav?.some((j) => ids.has(j))) out.jav.push(at);
    for (const r of item.reservations ?? []) if (ids.has(r.memberId)) out.reservations.push({ ...at, kind: r.kind, text: r.text, at: r.at });
    for (const mo of item.motions ?? []) if (ids.has(mo.byMemberId)) out.motions.push({ ...at, text: mo.text, withdrawn: Boolean(mo.withdrawn) });
    for (const a of item.assignments ?? []) if ((a.ownerMemberId && ids.has(a.ownerMemberId)) || named(a.ownerName)) out.assignments.push({ ...at, text: a.text, due: a.due });
    for (const q of item.questions ?? []) if (named(q.askedBy)) out.questions.push({ ...at, text: q.text });
    for (const a of item.immediateJustering?.approvals ?? []) if (ids.has(a.memberId)) out.approvals.push({ ...where, version: 0, at: a.at });
  }
}

/** The counts the card shows, in Swedish, in a fixed order. */
export function extractCounts(x: RegisterExtract): { title: string; value: string }[] {
  const rows: [string, number][] = [
    ['Organ där du står eller har stått på listan', x.roster.length],
    ['Organ du har skapat', x.founderOf.length],
    ['Svar på kallelser', x.rsvps.length],
    ['Förfrågningar att tjänstgöra', x.substituteCalls.length],
    ['Närvaro vid upprop', x.attendance.length],
    ['Ankomster och avgångar under möten', x.arrivals.length],
    ['Tjänstgöring', x.service.length],
    ['Röster i voteringar', x.votes.length],
    ['Jäv', x.jav.length],
    ['Reservationer och protokollsanteckningar', x.reservations.length],
    ['Yrkanden', x.motions.length],
    ['Uppdrag', x.assignments.length],
    ['Övriga frågor', x.questions.length],
    ['Uppdrag som justerare', x.justerare.length],
    ['Justeringar', x.approvals.length],
    ['Begärda ändringar i protokoll', x.changeRequests.length],
    ['Protokollversioner som nämner dig', x.protocols.length],
    ['Ärenden', x.cases.length],
    ['Poster i ärendenas historik', x.caseHistory.length],
    ['Poster i ändringsloggen', x.audit.length],
    ['Konversationsreferenser', x.conversations.length],
    ['Utskick till dig', x.outbox.length],
    ['Dina begäranden om rättelse eller radering', x.requests.length],
  ];
  return rows.map(([title, n]) => ({ title, value: String(n) }));
}
