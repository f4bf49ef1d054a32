/**
 * The life of a protocol after the meeting, as pure steps on the meeting document: the first
 * draft, corrections (each a new version), sending for justering, approvals and change requests
 * per version, locking, and anslag. Approvals belong to the version they were given on, so a new
 * version starts with none. A locked version is never changed again.
 */
import { chair, type Body, type RosterEntry } from '../body';
import type { Meeting, ProtocolVersion } from '../meeting';
import { assertNotBeforeMeeting, lateJusteringDeadline } from '../justering-dates';
import { swedishDate, swedishDay } from '../meeting-time';
import { assertMove, isLocked } from '../lifecycle';
import { NotAllowedError, NotFoundError, UserError } from '../errors';
import { assembleProtocol, approverIds } from './assemble';
import { assertComplete } from './completeness';
import { canonical } from './markdown';
import { joinSv } from '../sv-text';
import { textProblem, TamperedProtocolError } from './integrity';
import { isValid, parseISO } from 'date-fns';
import { applyCorrection, type CorrectionField } from './paragraph-correction';
import { publicCanonical } from './public-version';

export function latestVersion(m: Meeting): ProtocolVersion | undefined {
  return m.protocol[m.protocol.length - 1];
}

/** The newest locked version (the one that stands while a rättelse is under way). */
export function lockedVersion(m: Meeting): ProtocolVersion | undefined {
  return [...m.protocol].reverse().find((v) => v.lockedAt);
}

/** The version in force: the newest justerad one (which stands while a rättelse is under way), else the newest draft. */
export function currentVersion(m: Meeting): ProtocolVersion | undefined {
  return lockedVersion(m) ?? latestVersion(m);
}

/**
 * The version that replaces `version`, or undefined when nothing does: the newest version (a draft
 * or the locked one) and the justerad version in force during a rättelse are not replaced; every
 * other, older version is, by the version in force.
 */
export function replacedBy(m: Meeting, version: number): ProtocolVersion | undefined {
  const current = currentVersion(m);
  if (!current || version === current.version || version === latestVersion(m)?.version) return undefined;
  return m.protocol.some((v) => v.version === version) ? current : undefined;
}

/** Refuses any change to a meeting whose protocol is justerat (for every verb that changes a meeting). */
export function assertNotLocked(m: Meeting): void {
  if (isLocked(m.status)) {
    const v = lockedVersion(m);
    throw new UserError(`Protokollet är justerat och låst${v ? ` (version ${v.version})` : ''}. Mötet kan inte ändras längre; en rättelse blir en ny version som justeras på nytt.`, 'locked');
  }
}

function newVersion(body: Body, meeting: Meeting, now: string, by: string, correctionOf?: number): ProtocolVersion {
  assertComplete(body, meeting);
  const model = assembleProtocol(body, meeting);
  const { markdown, contentHash } = canonical(model);
  return { version: (latestVersion(meeting)?.version ?? 0) + 1, createdAt: now, createdBy: by, markdown, contentHash, approvals: [], changeRequests: [], model, ...(correctionOf ? { correctionOf } : {}) };
}

/** Skapa protokollutkast: version 1 from what was recorded, once the meeting is avslutat. */
export function createDraft(body: Body, meeting: Meeting, now: string, by: string): Meeting {
  if (meeting.protocol.length > 0 || meeting.status !== 'avslutat') {
    if (isLocked(meeting.status)) assertNotLocked(meeting);
    if (meeting.protocol.length > 0) throw new UserError(`Protokollutkastet finns redan (version ${latestVersion(meeting)!.version}). Rätta en paragraf för att göra en ny version.`, 'exists');
    throw new UserError(`Protokollutkastet kan skapas först när mötet är avslutat (mötet är ${meeting.status}). Tryck Avsluta mötet först.`, 'state');
  }
  assertMove(meeting.status, 'protokollutkast');
  return { ...meeting, status: 'protokollutkast', protocol: [newVersion(body, meeting, now, by)] };
}

export type { CorrectionField } from './paragraph-correction';

export interface Correction {
  paragraph: number;
  field: CorrectionField;
  text: string;
  /** A correction of a justerat protocol must be asked for as a rättelse, so no one edits a locked protocol by mistake. */
  rattelse?: boolean;
}

/** Rättar en §: changes any part of it (see paragraph-correction.ts), and makes a new version. */
export function correct(body: Body, meeting: Meeting, c: Correction, now: string, by: string): Meeting {
  const text = c.text.trim();
  if (text.length > 8000) throw new UserError('Texten är för lång (högst 8000 tecken). Inget har ändrats.', 'invalid');
  const latest = latestVersion(meeting);
  if (!latest) throw new UserError('Det finns inget protokollutkast att rätta ännu. Skapa protokollutkastet först.', 'state');
  let correctionOf: number | undefined;
  if (meeting.status === 'justerat') {
    if (!c.rattelse) assertNotLocked(meeting);
    correctionOf = lockedVersion(meeting)?.version;
    assertUnchanged(lockedVersion(meeting), 'kan inte rättas');
  } else if (meeting.status !== 'protokollutkast' && meeting.status !== 'under justering') {
    if (isLocked(meeting.status)) assertNotLocked(meeting);
    throw new UserError(`Protokollet kan inte rättas när mötet är ${meeting.status}.`, 'state');
  } else {
    correctionOf = latest.correctionOf;
  }
  const index = meeting.items.findIndex((i) => i.paragraph === c.paragraph);
  if (index < 0) throw new NotFoundError(`§ ${c.paragraph} finns inte i det här mötet.`);
  const next: Meeting = applyCorrection(body, meeting, index, c.field, text, now, by);
  const version = newVersion(body, next, now, by, correctionOf);
  if (version.contentHash === latest.contentHash) throw new UserError(`Rättelsen ändrar ingenting i § ${c.paragraph}. Inget har ändrats.`, 'unchanged');
  assertMove(meeting.status, 'protokollutkast');
  return { ...next, status: 'protokollutkast', protocol: [...meeting.protocol, version] };
}

/**
 * A change to the record after the draft exists (a sekretess marking): the draft is made again as a
 * new version, and a version already sent for justering goes back to protokollutkast, because what
 * the justerare approve must be what the protocol says.
 */
export function reissue(body: Body, meeting: Meeting, next: Meeting, now: string, by: string): Meeting {
  const latest = latestVersion(meeting);
  if (!latest) return next;
  assertNotLocked(meeting);
  const version = newVersion(body, next, now, by, latest.correctionOf);
  if (version.contentHash === latest.contentHash) return next;
  if (meeting.status !== 'protokollutkast') assertMove(meeting.status, 'protokollutkast');
  return { ...next, status: 'protokollutkast', protocol: [...meeting.protocol, version] };
}

/** Skicka till justering: the current version goes to the ordförande and the justerare. */
export function sendForJustering(body: Body, meeting: Meeting, now: string): Meeting {
  if (body.profile === 'minnesanteckningar') throw new UserError('Minnesanteckningar justeras inte. De kan laddas ned som dokument från kortet.', 'state');
  const latest = latestVersion(meeting);
  if (!latest) throw new UserError('Det finns inget protokollutkast ännu. Skapa protokollutkastet först.', 'state');
  if (meeting.status === 'under justering') throw new UserError(`Version ${latest.version} är redan skickad till justering.`, 'state');
  if (meeting.status !== 'protokollutkast') {
    assertNotLocked(meeting);
    throw new UserError(`Protokollet kan inte skickas till justering när mötet är ${meeting.status}.`, 'state');
  }
  if (!chair(body)) throw new UserError('Organet har ingen ordförande på ledamotslistan, och ordföranden justerar protokollet. Lägg till ordföranden först.', 'state');
  if (meeting.justerare.length === 0) throw new UserError('Inga justerare är valda för mötet. Välj minst en justerare innan protokollet skickas till justering.', 'state');
  assertMove(meeting.status, 'under justering');
  const protocol = meeting.protocol.map((v) => (v === latest ? { ...v, sentAt: now } : v));
  return { ...meeting, status: 'under justering', protocol };
}

function reviewable(meeting: Meeting, version: number): ProtocolVersion {
  const latest = latestVersion(meeting);
  if (!latest) throw new UserError('Det finns inget protokoll att justera.', 'state');
  if (isLocked(meeting.status) && latest.lockedAt) assertNotLocked(meeting);
  if (version !== latest.version) throw new UserError(`Kortet gäller version ${version}, men protokollet finns nu i version ${latest.version}. Justeringar av äldre versioner räknas inte; använd kortet för version ${latest.version}.`, 'stale');
  if (meeting.status !== 'under justering') throw new UserError(`Version ${latest.version} är inte skickad till justering ännu.`, 'state');
  // What is justerat is the text of the kontrollsumma: a version changed in storage is not locked.
  assertUnchanged(latest, 'kan inte justeras');
  return latest;
}

/** Refuses to act on a version whose text no longer matches its kontrollsumma (changed in storage). */
function assertUnchanged(v: ProtocolVersion | undefined, refusal: string): void {
  const changed = v && textProblem(v);
  if (changed) throw new TamperedProtocolError(v!.version, changed, refusal);
}

function assertApprover(body: Body, meeting: Meeting, member: RosterEntry | undefined): RosterEntry {
  if (!member || !approverIds(body, meeting).includes(member.id)) {
    throw new NotAllowedError('Bara ordföranden och de valda justerarna kan justera protokollet, var och en för sig själv.');
  }
  return member;
}

/** Who still has to justera the latest version. */
export function pendingApprovers(body: Body, meeting: Meeting): RosterEntry[] {
  const latest = latestVersion(meeting);
  const done = new Set(latest?.approvals.map((a) => a.memberId) ?? []);
  return approverIds(body, meeting)
    .filter((id) => !done.has(id))
    .map((id) => body.roster.find((r) => r.id === id))
    .filter((r): r is RosterEntry => Boolean(r));
}

/** Justera: the member approves the latest version; when all have, it is locked. */
export function approve(body: Body, meeting: Meeting, member: RosterEntry | undefined, aadObjectId: string, version: number, now: string): Meeting {
  const m = assertApprover(body, meeting, member);
  const latest = reviewable(meeting, version);
  if (latest.approvals.some((a) => a.memberId === m.id)) throw new UserError(`Du har redan justerat version ${latest.version}.`, 'duplicate');
  assertNotBeforeMeeting(meeting, now);
  // The 14 days are for the protocol's justering; a rättelse of a justerat protocol comes whenever a fault is found.
  const late = latest.correctionOf ? undefined : lateJusteringDeadline(body, meeting, now);
  const approvals = [...latest.approvals, { memberId: m.id, aadObjectId, name: m.name, at: now, ...(late ? { late: true } : {}) }];
  const all = approverIds(body, meeting).every((id) => approvals.some((a) => a.memberId === id));
  // At locking the public version is fixed with the complete one, from the same model (public-version.ts).
  const fixed = all && latest.model ? { public: publicCanonical(latest.model) } : {};
  const updated: ProtocolVersion = { ...latest, approvals, ...(all ? { lockedAt: now, ...(late ? { lateJustering: { deadline: late } } : {}), ...fixed } : {}) };
  if (all) assertMove(meeting.status, 'justerat');
  return { ...meeting, status: all ? 'justerat' : meeting.status, protocol: meeting.protocol.map((v) => (v === latest ? updated : v)) };
}

/** Begär ändring: a justerare asks the secretary to change a § of the latest version. */
export function requestChange(body: Body, meeting: Meeting, member: RosterEntry | undefined, version: number, paragraph: number | undefined, comment: string, now: string): Meeting {
  const m = assertApprover(body, meeting, member);
  const latest = reviewable(meeting, version);
  const text = comment.trim();
  if (!text) throw new UserError('Skriv i Kommentar vad som ska ändras. Inget har skickats.', 'invalid');
  if (paragraph !== undefined && !meeting.items.some((i) => i.paragraph === paragraph)) throw new NotFoundError(`§ ${paragraph} finns inte i protokollet.`);
  const updated: ProtocolVersion = { ...latest, changeRequests: [...latest.changeRequests, { memberId: m.id, paragraph, comment: text.slice(0, 2000), at: now }] };
  return { ...meeting, protocol: meeting.protocol.map((v) => (v === latest ? updated : v)) };
}

/** Anslag (kommunallagen): the day the justering was announced on the anslagstavla. */
export function recordAnslag(body: Body, meeting: Meeting, date: string, now: string, by: string): Meeting {
  if (body.profile !== 'kommunallagen') throw new UserError('Anslag gäller bara organ som följer kommunallagen (nämnder). Det här organet har profilen ' + body.profile + '.', 'state');
  if (meeting.status !== 'justerat') throw new UserError(meeting.status === 'anslaget' ? `Anslaget är redan antecknat (${meeting.anslag?.date}).` : `Protokollet måste vara justerat innan det anslås (mötet är ${meeting.status}).`, 'state');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isValid(parseISO(date))) throw new UserError('Skriv anslagsdagen som ÅÅÅÅ-MM-DD, t.ex. 2021-12-20. Inget har ändrats.', 'invalid');
  const locked = lockedVersion(meeting)!;
  assertUnchanged(locked, 'kan inte anslås');
  // Swedish calendar days: a justering at 23:30 UTC in winter was made on the next Swedish day.
  const justerad = swedishDay(locked.lockedAt!);
  if (date < justerad) throw new UserError(`Anslaget kan inte sättas upp före justeringen (${swedishDate(justerad)}). Inget har ändrats.`, 'invalid');
  if (date > swedishDay(now)) throw new UserError(`Anslagsdagen kan inte ligga i framtiden (i dag är det ${swedishDate(swedishDay(now))}); anteckna anslaget när det har satts upp. Inget har ändrats.`, 'invalid');
  assertMove(meeting.status, 'anslaget');
  return { ...meeting, status: 'anslaget', anslag: { date, recordedAt: now, by } };
}

export function namesOf(rs: RosterEntry[]): string {
  return joinSv(rs.map((r) => r.name));
}
