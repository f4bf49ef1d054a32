/**
 * Assembles the protocol model from what was recorded: the body's roster and profile, and the
 * meeting's attendance, tjänstgöring and per-§ outcomes. Pure. Lines are worded the way seed 002
 * prints them ("Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, §§ 42–51, tillika justerare").
 */
import { chair, type Body, type RosterEntry } from '../body';
import { heldOffBookedDay, meetingDay, paragraphRange, type Item, type Meeting, type Vote } from '../meeting';
import { swedishDate, swedishDay, swedishLocal } from '../meeting-time';
import { servedParagraphs } from '../serving';
import { nextMeetingText } from '../closing';
import { organisationPresence, organisationPresenceLines } from '../organisation-presence';
import { justeringDeadline } from '../deadlines';
import { genitive, joinSv } from '../sv-text';
import { voteOutcomeText } from '../proposals';
import { quorumStatements } from '../quorum';
import type { ProtocolModel, ProtocolSection, ProtocolVote, SignatureLine } from './model';

const isLedamot = (r: RosterEntry) => r.role === 'ordförande' || r.role === 'vice ordförande' || r.role === 'ledamot';

/** "Eva Stuge (m)" */
export function nameWithParty(r: RosterEntry): string {
  return r.party ? `${r.name} (${r.party})` : r.name;
}

/** "Carin Nilsson (s) Umeå kommun"; a representative without party "Annica Nilsson, Avesta kommun" (seed 000). */
function nameLine(r: RosterEntry): string {
  if (!r.organisation) return nameWithParty(r);
  return r.party ? `${nameWithParty(r)} ${r.organisation}` : `${r.name}, ${r.organisation}`;
}

function clock(local: string | undefined): string {
  const m = local?.match(/T(\d{2}):(\d{2})/);
  return m ? `${m[1]}.${m[2]}` : '';
}

/**
 * "2021-12-17 kl. 09.00-12.00" as seed 002 writes it: the booked times on the day the meeting was
 * held. A meeting started on another day than booked gives that day and the times it really ran
 * (Swedish time; the end when it was closed the same day).
 */
export function protocolDateTime(m: Meeting): string {
  const date = meetingDay(m);
  const moved = heldOffBookedDay(m) && m.startedAt;
  const from = clock(moved ? swedishLocal(m.startedAt!) : m.start);
  const to = moved ? (m.closedAt && swedishDay(m.closedAt) === date ? clock(swedishLocal(m.closedAt)) : '') : clock(m.end);
  return from ? `${date} kl. ${from}${to ? `-${to}` : ''}` : date;
}

function servedOn(meeting: Meeting, memberId: string): boolean {
  return servedParagraphs(meeting, memberId) !== '';
}

/** All §§ of the meeting, as servedParagraphs writes them, to tell a full stretch from a part. */
function allParagraphs(meeting: Meeting): string {
  const nums = meeting.items.map((i) => i.paragraph);
  if (nums.length === 0) return '';
  return nums.length === 1 ? `§ ${nums[0]}` : `§§ ${Math.min(...nums)}–${Math.max(...nums)}`;
}

function presentLine(body: Body, meeting: Meeting, r: RosterEntry): string {
  const parts: string[] = [];
  const served = servedParagraphs(meeting, r.id);
  const replacing = meeting.service.find((p) => p.memberId === r.id && p.replacing)?.replacing;
  const replaced = replacing ? body.roster.find((x) => x.id === replacing) : undefined;
  let head: string;
  if (r.role === 'ersättare' && replaced) {
    // Seed 002 prints a serving ersättare without organisation, with whom and the §§ served.
    head = `${nameWithParty(r)}, ersättare för ${replaced.name}`;
    // Serving the whole meeting needs no §§ (seed 002); a part of it does.
    if (served && served !== allParagraphs(meeting)) parts.push(served);
  } else {
    head = nameLine(r);
    if (r.role === 'ordförande' || r.role === 'vice ordförande') parts.push(r.role);
    if (r.role === 'ersättare') parts.push(served ? `ersättare, tjänstgörande ${served}` : 'ersättare');
    else if (served && served !== allParagraphs(meeting)) parts.push(served);
  }
  if (meeting.justerare.includes(r.id)) parts.push('tillika justerare');
  return [head, ...parts].join(', ');
}

function isPresent(meeting: Meeting, r: RosterEntry): boolean {
  return Boolean(meeting.attendance.present[r.id]) || servedOn(meeting, r.id) || meeting.attendance.events.some((e) => e.memberId === r.id && e.kind === 'ankom');
}

function officialLine(r: RosterEntry): string {
  const title = r.title ?? (r.secretary ? 'sekreterare' : undefined);
  return title ? `${r.name}, ${title}` : r.name;
}

function voteText(body: Body, v: Vote): string {
  // A val med slutna sedlar: the result and the number of ballots, no names (nothing links a ballot to its voter).
  const secret = v.secret ? `Valet förrättades med slutna sedlar; ${v.secret.ballots} ${v.secret.ballots === 1 ? 'valsedel' : 'valsedlar'} lämnades. ` : '';
  if (v.sides) return secret + voteOutcomeText(body.name, v);
  const röster = (n: number, kind: string) => `${n} ${kind}-${n === 1 ? 'röst' : 'röster'}`;
  const counts = `${röster(v.ja, 'ja')} mot ${röster(v.nej, 'nej')}${v.avstar ? `; ${v.avstar} avstod` : ''}`;
  const casting = v.castingVote ? ' Ordförandens utslagsröst avgjorde.' : '';
  return `Omröstningen utföll med ${counts}.${casting} ${v.result === 'ja' ? 'Ja' : 'Nej'} vann.`;
}

const lowerFirst = (t: string) => (/^\p{Lu}\p{Ll}/u.test(t) ? t.charAt(0).toLocaleLowerCase('sv') + t.slice(1) : t);

function section(body: Body, meeting: Meeting, item: Item, quorum?: string): ProtocolSection {
  const byId = new Map(body.roster.map((r) => [r.id, r]));
  const who = (id: string) => {
    const r = byId.get(id);
    return r ? nameWithParty(r) : id;
  };
  const order = (ids: string[]) => [...ids].sort((a, b) => (byId.get(a)?.order ?? 1e9) - (byId.get(b)?.order ?? 1e9));
  const active = item.motions.filter((m) => !m.withdrawn);
  let propositionOrder: string | undefined;
  const ordered = (item.propositionOrder ?? []).map((id) => active.find((m) => m.id === id)).filter((m): m is NonNullable<typeof m> => Boolean(m));
  if (ordered.length >= 2 || (active.length >= 2 && ordered.length > 0)) {
    const list = ordered.map((m, i) => `${i + 1}) ${genitive(byId.get(m.byMemberId)?.name ?? m.byMemberId)} yrkande`).join(', ');
    const adopted = active.find((m) => m.id === item.adoptedMotionId);
    const finds = adopted ? ` och finner att ${genitive(byId.get(adopted.byMemberId)?.name ?? adopted.byMemberId)} yrkande bifalls` : '';
    propositionOrder = `Ordföranden ställer proposition på yrkandena i följande ordning: ${list}${finds}.`;
  }
  const votes: ProtocolVote[] = item.votes.map((v) => ({
    question: v.question,
    lines: order(Object.keys(v.votes)).map((id) => ({ name: who(id), choice: v.votes[id] })),
    ja: v.ja,
    nej: v.nej,
    avstar: v.avstar,
    castingVote: Boolean(v.castingVote),
    resultText: voteText(body, v),
  }));
  const reservations = item.reservations.filter((r) => r.kind === 'reservation').map((r) => `${who(r.memberId)} reserverar sig mot beslutet${r.text ? `: ${r.text}` : '.'}`);
  const protocolNotes = item.reservations.filter((r) => r.kind === 'protokollsanteckning').map((r) => `${who(r.memberId)} lämnar en protokollsanteckning${r.text ? `: ${r.text}` : '.'}`);
  return {
    paragraph: item.paragraph,
    title: item.title,
    kind: item.kind,
    ...(quorum ? { quorum } : {}),
    presenters: item.presenters,
    attachments: item.attachments,
    account: [item.description, item.note].filter((t): t is string => Boolean(t && t.trim())),
    proposal: item.proposal,
    motions: active.map((m) => ({ by: who(m.byMemberId), text: m.text })),
    propositionOrder,
    votes,
    jav: order(item.jav).map((id) => `${who(id)} anmäler jäv och deltar inte i handläggningen av ärendet.`),
    reservations,
    protocolNotes,
    decision: item.outcome?.formula,
    // Minnesanteckningar tell an uppdrag in prose, as seed 000 does ("Annica skulle undersöka detta.").
    assignments: item.assignments.map((a) =>
      body.profile === 'minnesanteckningar' ? `${a.ownerName} skulle ${lowerFirst(a.text).replace(/[.!]$/, '')}${a.due ? ` senast ${a.due}` : ''}.` : `${a.ownerName}: ${a.text}${a.due ? ` (senast ${a.due})` : ''}`,
    ),
    questions: item.questions.map((q) => `Fråga från ${q.askedBy}: ${q.text}`),
    immediateJustering: Boolean(item.immediateJustering?.locked),
    ...(item.sekretess ? { sekretess: { provision: item.sekretess.provision, ...(item.sekretess.scope ? { scope: item.sekretess.scope } : {}), persons: item.sekretess.persons } } : {}),
  };
}

function signatures(body: Body, meeting: Meeting): SignatureLine[] {
  const out: SignatureLine[] = [];
  for (const s of body.roster.filter((r) => r.secretary)) out.push({ role: 'Sekreterare', name: s.name });
  const ch = chair(body);
  if (ch) out.push({ role: 'Ordförande', name: ch.name, memberId: ch.id });
  for (const id of meeting.justerare) {
    if (id === ch?.id) continue;
    const r = body.roster.find((x) => x.id === id);
    if (r) out.push({ role: 'Justerare', name: r.name, memberId: r.id });
  }
  return out;
}

export function assembleProtocol(body: Body, meeting: Meeting): ProtocolModel {
  const form = body.profile === 'minnesanteckningar' ? 'minnesanteckningar' : 'protokoll';
  const byOrder = [...body.roster].sort((a, b) => a.order - b.order);
  // The chair opens the list (seed 002), then everyone present in roster order.
  const members = byOrder.filter((r) => r.role !== 'tjänsteperson');
  const presentMembers = presentOrder(meeting, members.filter((r) => isPresent(meeting, r)));
  const absent = members.filter((r) => isLedamot(r) && !isPresent(meeting, r));
  const officialsAll = byOrder.filter((r) => r.role === 'tjänsteperson');
  // An upprop may not mark tjänstepersoner at all; then every named one is listed.
  const marked = officialsAll.some((r) => r.id in meeting.attendance.present);
  const quorum = quorumStatements(body, meeting);
  const officials = marked ? officialsAll.filter((r) => meeting.attendance.present[r.id]) : officialsAll;
  const next = nextMeetingText(meeting);
  const nextItem = meeting.items.find((i) => i.standard === 'nästa möte');
  const sections = meeting.items.map((it, i) => {
    const s = section(body, meeting, it, quorum.get(i));
    return it === nextItem && next && !s.account.includes(next) ? { ...s, account: [...s.account, next] } : s;
  });
  return {
    form,
    bodyName: body.name,
    heading: form === 'minnesanteckningar' ? 'Minnesanteckningar' : 'Protokoll',
    diarienummer: meeting.diarienummer,
    dateTime: protocolDateTime(meeting),
    date: meetingDay(meeting),
    place: meeting.place,
    // Minnesanteckningar number points, not §§, and print no range (seed 000).
    paragraphs: form === 'minnesanteckningar' ? '' : paragraphRange(meeting),
    present: presentMembers.map((r) => presentLine(body, meeting, r)),
    absent: absent.map(nameLine),
    officials: officials.map(officialLine),
    ...(form === 'minnesanteckningar' ? { organisations: organisationPresenceLines(organisationPresence(body, (id) => isPresent(meeting, byId(body, id)))) } : {}),
    sections,
    // With a § "Nästa möte" on the list, the date stands in that § (seed 002's § 52), not again below.
    nextMeeting: nextItem ? undefined : next,
    ...(!nextItem && next && meeting.items.length ? { nextMeetingParagraph: Math.max(...meeting.items.map((i) => i.paragraph)) + 1 } : {}),
    justering: form === 'minnesanteckningar' ? undefined : justeringLines(body, meeting),
    signatures: form === 'minnesanteckningar' ? [] : signatures(body, meeting),
  };
}

/** "Utses att justera: Kenneth Andersson"; "Justeringens plats och tid: Digitalt i Teams, senast fredag 31 december 2021". */
function justeringLines(body: Body, meeting: Meeting): ProtocolModel['justering'] {
  const names = meeting.justerare.map((id) => body.roster.find((r) => r.id === id)?.name).filter((n): n is string => Boolean(n));
  const by = names.length ? joinSv(names) : 'ingen utsedd';
  return { by, placeAndTime: `Digitalt i Teams, senast ${swedishDate(justeringDeadline(meetingDay(meeting), body.justeringDays).date)}` };
}

const byId = (body: Body, id: string): RosterEntry => body.roster.find((r) => r.id === id)!;

function rank(r: RosterEntry): number {
  return (r.role === 'ordförande' ? 0 : r.role === 'vice ordförande' ? 1 : 2) * 1e6 + r.order;
}

/**
 * Närvarande in the order seed 002 prints it: the ordförande (and vice), then each serving ersättare
 * for an absent ledamot (Kenneth Andersson, ersättare för Anna-Lena Danielsson, comes second), then
 * the others in roster order, an ersättare who served part of the meeting for a present ledamot
 * (jäv, a departure) directly after that ledamot.
 */
function presentOrder(meeting: Meeting, present: RosterEntry[]): RosterEntry[] {
  const sorted = [...present].sort((a, b) => rank(a) - rank(b));
  const here = new Set(present.map((r) => r.id));
  const replacing = (r: RosterEntry) => (r.role === 'ersättare' ? meeting.service.find((p) => p.memberId === r.id && p.replacing)?.replacing : undefined);
  const subs = sorted.filter((r) => replacing(r));
  const out: RosterEntry[] = sorted.filter((r) => r.role === 'ordförande' || r.role === 'vice ordförande');
  const place = (r: RosterEntry) => {
    if (out.includes(r)) return;
    out.push(r);
    for (const e of subs) if (replacing(e) === r.id) out.push(e);
  };
  [...out].forEach((r) => subs.filter((e) => replacing(e) === r.id).forEach((e) => out.push(e)));
  for (const e of subs) if (!here.has(replacing(e)!) && !out.includes(e)) out.push(e);
  for (const r of sorted) if (!subs.includes(r)) place(r);
  for (const r of sorted) if (!out.includes(r)) out.push(r);
  return out;
}

/** The names of those who justerar a protocol: the ordförande and the chosen justerare. */
export function approverIds(body: Body, meeting: Meeting): string[] {
  const ch = chair(body);
  return [...new Set([...(ch ? [ch.id] : []), ...meeting.justerare])];
}

export function approverNames(body: Body, meeting: Meeting): string {
  return joinSv(approverIds(body, meeting).map((id) => body.roster.find((r) => r.id === id)?.name ?? id));
}
