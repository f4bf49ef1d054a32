/**
 * Registerutdrag (GDPR art. 15): everything Paragraf stores about one person, found by their
 * Teams identity: roster entries, answers to kallelser, votes, jäv, reservationer, uppdrag,
 * justeringar, owned cases and audit entries of what they did. Pure.
 */
import type { AuditEntry } from './audit-chain';
import type { Body, RosterEntry } from './body';
import type { Meeting } from './meeting';

export interface ExtractInput {
  aadObjectId: string;
  bodies: Body[];
  meetings: Meeting[];
  audit: (AuditEntry & { table: string; partition: string })[];
  cases: { bodyId: string; number: string; title: string; status: string; due?: string }[];
}

export interface RegisterExtract {
  aadObjectId: string;
  roster: { body: string; bodyId: string; name: string; role: string; party?: string; organisation?: string; title?: string; secretary: boolean }[];
  founderOf: string[];
  rsvps: { body: string; meeting: string; answer: string; at: string }[];
  substituteCalls: { body: string; meeting: string; forMember: string; answer?: string }[];
  attendance: { body: string; meeting: string; present: boolean }[];
  votes: { body: string; meeting: string; paragraph: number; question: string; choice: string }[];
  jav: { body: string; meeting: string; paragraph: number }[];
  reservations: { body: string; meeting: string; paragraph: number; kind: string; text?: string; at: string }[];
  motions: { body: string; meeting: string; paragraph: number; text: string }[];
  assignments: { body: string; meeting: string; paragraph: number; text: string; due?: string }[];
  justerare: { body: string; meeting: string }[];
  approvals: { body: string; meeting: string; version: number; at: string }[];
  cases: { body: string; number: string; title: string; status: string; due?: string }[];
  audit: { table: string; partition: string; seq: number; at: string; action: string; summary: string }[];
}

export function buildExtract(input: ExtractInput): RegisterExtract {
  const id = input.aadObjectId;
  const bodyName = new Map(input.bodies.map((b) => [b.id, b.name]));
  const out: RegisterExtract = {
    aadObjectId: id,
    roster: [],
    founderOf: input.bodies.filter((b) => b.founders.includes(id)).map((b) => b.name),
    rsvps: [],
    substituteCalls: [],
    attendance: [],
    votes: [],
    jav: [],
    reservations: [],
    motions: [],
    assignments: [],
    justerare: [],
    approvals: [],
    cases: input.cases.map((c) => ({ body: bodyName.get(c.bodyId) ?? c.bodyId, number: c.number, title: c.title, status: c.status, due: c.due })),
    audit: input.audit
      .filter((e) => e.actorId === id)
      .sort((a, b) => b.at.localeCompare(a.at))
      .map((e) => ({ table: e.table, partition: e.partition, seq: e.seq, at: e.at, action: e.action, summary: e.summary })),
  };
  // The person's roster entry ids per body: meeting records refer to members by these.
  const mine = new Map<string, RosterEntry>();
  for (const body of input.bodies) {
    for (const r of body.roster) {
      if (r.aadObjectId !== id) continue;
      mine.set(body.id, r);
      out.roster.push({ body: body.name, bodyId: body.id, name: r.name, role: r.role, party: r.party, organisation: r.organisation, title: r.title, secretary: Boolean(r.secretary) });
    }
  }
  for (const m of input.meetings) {
    const me = mine.get(m.bodyId);
    if (!me) continue;
    const where = { body: bodyName.get(m.bodyId) ?? m.bodyId, meeting: m.start.replace('T', ' ') };
    const rsvp = m.rsvps?.[me.id];
    if (rsvp) out.rsvps.push({ ...where, answer: rsvp.answer, at: rsvp.at });
    for (const c of m.substitutes ?? []) if (c.askedMemberId === me.id) out.substituteCalls.push({ ...where, forMember: c.forMemberId, answer: c.answer });
    if (m.attendance?.present && me.id in m.attendance.present) out.attendance.push({ ...where, present: Boolean(m.attendance.present[me.id]) });
    if (m.justerare?.includes(me.id)) out.justerare.push(where);
    for (const v of m.protocol ?? []) for (const a of v.approvals ?? []) if (a.memberId === me.id || a.aadObjectId === id) out.approvals.push({ ...where, version: v.version, at: a.at });
    for (const item of m.items ?? []) {
      const at = { ...where, paragraph: item.paragraph };
      for (const vote of item.votes ?? []) if (vote.votes?.[me.id]) out.votes.push({ ...at, question: vote.question, choice: vote.votes[me.id] });
      if (item.jav?.includes(me.id)) out.jav.push(at);
      for (const r of item.reservations ?? []) if (r.memberId === me.id) out.reservations.push({ ...at, kind: r.kind, text: r.text, at: r.at });
      for (const mo of item.motions ?? []) if (mo.byMemberId === me.id) out.motions.push({ ...at, text: mo.text });
      for (const a of item.assignments ?? []) if (a.ownerMemberId === me.id) out.assignments.push({ ...at, text: a.text, due: a.due });
    }
  }
  return out;
}

/** The counts the card shows, in Swedish, in a fixed order. */
export function extractCounts(x: RegisterExtract): { title: string; value: string }[] {
  return [
    { title: 'Organ där du står på listan', value: String(x.roster.length) },
    { title: 'Svar på kallelser', value: String(x.rsvps.length) },
    { title: 'Förfrågningar att tjänstgöra', value: String(x.substituteCalls.length) },
    { title: 'Närvaro vid upprop', value: String(x.attendance.length) },
    { title: 'Röster i voteringar', value: String(x.votes.length) },
    { title: 'Jäv', value: String(x.jav.length) },
    { title: 'Reservationer och protokollsanteckningar', value: String(x.reservations.length) },
    { title: 'Yrkanden', value: String(x.motions.length) },
    { title: 'Uppdrag', value: String(x.assignments.length) },
    { title: 'Uppdrag som justerare', value: String(x.justerare.length) },
    { title: 'Justeringar', value: String(x.approvals.length) },
    { title: 'Ärenden du äger', value: String(x.cases.length) },
    { title: 'Poster i ändringsloggen', value: String(x.audit.length) },
  ];
}
