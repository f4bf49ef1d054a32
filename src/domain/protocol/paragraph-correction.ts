/**
 * Rätta en paragraf: any part of a § as text the secretary edits, starting from what stands now —
 * the account (anteckning), the decision, who served on the § (närvaro), the votes, the uppdrag and
 * the reservations — and reading the edited text back into the record. Pure; versions.ts makes the
 * new protocol version from the result, so every correction is checked like the first draft.
 */
import type { Body, RosterEntry } from '../body';
import type { Assignment, Item, Meeting, OutcomeKind, Reservation, ServicePeriod, Vote, VoteChoice } from '../meeting';
import { parseDecision } from '../decision-formula';
import { checkedOutcome } from '../outcome';
import { UserError } from '../errors';
import { findMember, matchName } from '../names';
import { replacingAt, servingAt, seatedAt } from '../serving';
import { tally } from '../voting';
import { splitDue } from '../meeting-commands';

export const CORRECTION_FIELDS = ['anteckning', 'beslut', 'närvaro', 'votering', 'uppdrag', 'reservationer'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

export const FIELD_LABEL: Record<CorrectionField, string> = {
  anteckning: 'Anteckningen (redogörelsen)',
  beslut: 'Beslutet',
  närvaro: 'Tjänstgörande på paragrafen',
  votering: 'Voteringar',
  uppdrag: 'Uppdrag',
  reservationer: 'Reservationer',
};

/** How each field is written, for the card's hint and for refusals. */
export const FIELD_FORM: Record<CorrectionField, string> = {
  anteckning: 'Fri text.',
  beslut: 'Beslutet som det ska stå i protokollet.',
  närvaro: 'En person per rad: "Carin Nilsson" eller "Kenneth Andersson, ersättare för Anna-Lena Danielsson".',
  votering: 'En votering per rad: "bifall till förslaget: ja: Carin Nilsson, Eva Stuge; nej: Lars Bäckström; avstår: Ingrid Nygren". Tom text tar bort voteringarna.',
  uppdrag: 'Ett uppdrag per rad: "Isaiah Langer: Ta fram statistik (senast 2022-02-01)". Tom text tar bort uppdragen.',
  reservationer: 'En reservation per rad: "Eva Stuge: motivering" eller bara "Eva Stuge". Tom text tar bort reservationerna.',
};

const nameOf = (body: Body, id: string) => body.roster.find((r) => r.id === id)?.name ?? id;
const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const members = (body: Body) => body.roster.filter((r) => r.role !== 'tjänsteperson');

/** The field as it stands now, in the form FIELD_FORM describes. */
export function currentText(body: Body, meeting: Meeting, index: number, field: CorrectionField): string {
  const item = meeting.items[index];
  switch (field) {
    case 'anteckning':
      return item.note ?? '';
    case 'beslut':
      return item.outcome?.formula ?? '';
    case 'närvaro':
      return servingAt(meeting, index)
        .map((id) => {
          const forId = replacingAt(meeting, id, index);
          return forId ? `${nameOf(body, id)}, ersättare för ${nameOf(body, forId)}` : nameOf(body, id);
        })
        .join('\n');
    case 'votering':
      return item.votes
        .map((v) => {
          if (v.secret) return secretLine(v);
          const by = (c: VoteChoice) => Object.keys(v.votes).filter((id) => v.votes[id] === c).map((id) => nameOf(body, id));
          const parts = (['ja', 'nej', 'avstår'] as const).map((c) => [c, by(c)] as const).filter(([, names]) => names.length).map(([c, names]) => `${c}: ${names.join(', ')}`);
          return `${v.question}: ${parts.join('; ')}`;
        })
        .join('\n');
    case 'uppdrag':
      return item.assignments.map((a) => `${a.ownerName}: ${a.text}${a.due ? ` (senast ${a.due})` : ''}`).join('\n');
    case 'reservationer':
      return item.reservations.filter((r) => r.kind === 'reservation').map((r) => `${nameOf(body, r.memberId)}${r.text ? `: ${r.text}` : ''}`).join('\n');
  }
}

function refuse(field: CorrectionField, line: string, why: string): never {
  throw new UserError(`Raden "${line.slice(0, 80)}" kunde inte läsas: ${why}. ${FIELD_FORM[field]} Inget har ändrats.`, 'invalid');
}

/** Who serves on the § at `index` becomes exactly `list`; other §§ keep their tjänstgöring. */
function setServing(body: Body, meeting: Meeting, index: number, text: string): Meeting {
  const item = meeting.items[index];
  const list: { member: RosterEntry; replacing?: RosterEntry }[] = lines(text).map((line) => {
    const m = line.match(/^(.+?),\s*ersättare för\s+(.+)$/iu);
    const member = findMember(body, m ? m[1] : line, members(body));
    const replacing = m ? findMember(body, m[2], members(body)) : undefined;
    if (item.jav.includes(member.id)) refuse('närvaro', line, `${member.name} är jävig på § ${item.paragraph} och tjänstgör inte där`);
    return { member, replacing };
  });
  if (list.length === 0) throw new UserError(`Ange vilka som tjänstgjorde på § ${item.paragraph}. ${FIELD_FORM.närvaro} Inget har ändrats.`, 'invalid');
  const ids = list.map((x) => x.member.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UserError(`${nameOf(body, twice)} står två gånger. Inget har ändrats.`, 'invalid');
  // Each period covering the § is cut around it; the § gets one period per person listed.
  const cut: ServicePeriod[] = meeting.service.flatMap((p) => {
    const covers = p.fromIndex <= index && (p.toIndex === undefined || index < p.toIndex);
    if (!covers) return [p];
    const parts: ServicePeriod[] = [];
    if (p.fromIndex < index) parts.push({ ...p, toIndex: index });
    if (p.toIndex === undefined || index + 1 < p.toIndex) parts.push({ ...p, fromIndex: index + 1 });
    return parts;
  });
  // A jävig member keeps the seat they had (jäv does not end tjänstgöring, it only stands aside on the §).
  const javiga = seatedAt(meeting, index).filter((id) => item.jav.includes(id));
  const here: ServicePeriod[] = [
    ...list.map((x) => ({ memberId: x.member.id, fromIndex: index, toIndex: index + 1, ...(x.replacing ? { replacing: x.replacing.id } : {}) })),
    ...javiga.map((id) => ({ memberId: id, fromIndex: index, toIndex: index + 1 })),
  ];
  return { ...meeting, service: [...cut, ...here] };
}

/** A val med slutna sedlar has no names to correct: its line stands for it, and keeps it as it was. */
const SECRET = 'Val med slutna sedlar';
const secretLine = (v: Vote) => `${SECRET}: ${v.ja} ja, ${v.nej} nej, ${v.avstar} avstår, ${v.secret!.ballots} valsedlar (rättas inte per person)`;

function votesFrom(body: Body, meeting: Meeting, index: number, text: string): Vote[] {
  const item = meeting.items[index];
  const serving = new Set(servingAt(meeting, index));
  const secrets = item.votes.filter((v) => v.secret);
  return lines(text).map((line, i) => {
    if (line.startsWith(SECRET)) {
      const kept = secrets.shift();
      if (!kept) refuse('votering', line, 'paragrafen har ingen sluten omröstning att behålla');
      return kept;
    }
    const m = line.match(/^(?:(.*?)\s*:\s*)?((?:ja|nej|avstår)\s*:.*)$/iu);
    if (!m) refuse('votering', line, 'rösterna ska stå som "ja: …; nej: …; avstår: …"');
    const votes: Record<string, VoteChoice> = {};
    for (const part of m[2].split(';').map((x) => x.trim()).filter(Boolean)) {
      const p = part.match(/^(ja|nej|avstår)\s*:\s*(.*)$/iu);
      if (!p) refuse('votering', line, `"${part.slice(0, 40)}" är inte ja, nej eller avstår`);
      const choice = p[1].toLowerCase() as VoteChoice;
      for (const name of p[2].split(',').map((x) => x.trim()).filter(Boolean)) {
        const who = findMember(body, name, members(body));
        if (votes[who.id]) refuse('votering', line, `${who.name} står två gånger`);
        if (!serving.has(who.id)) refuse('votering', line, `${who.name} tjänstgjorde inte på § ${item.paragraph}`);
        votes[who.id] = choice;
      }
    }
    if (Object.keys(votes).length === 0) refuse('votering', line, 'voteringen saknar röster');
    return { id: `v${i + 1}`, question: m[1]?.trim() || 'bifall till förslaget', votes, ...tally(body, meeting, index, votes) };
  });
}

function assignmentsFrom(body: Body, item: Item, text: string): Assignment[] {
  return lines(text).map((line, i) => {
    const m = line.match(/^([^:]+?)\s*:\s*(.+)$/u);
    if (!m) refuse('uppdrag', line, 'ange vem och uppdraget, åtskilda av kolon');
    const paren = m[2].match(/^(.*?)\s*\(senast (\d{4}-\d{2}-\d{2})\)\.?$/u);
    const { text: what, due } = paren ? { text: paren[1].trim(), due: paren[2] } : splitDue(m[2]);
    const owner = matchName(body.roster, m[1]);
    const before = item.assignments[i];
    const ownerName = owner?.name ?? m[1].trim();
    // The same owner on the same line keeps the ärendelogg case the uppdrag became.
    const caseId = before && before.ownerName === ownerName ? before.caseId : undefined;
    return { ownerName, ...(owner ? { ownerMemberId: owner.id } : {}), text: what, ...(due ? { due } : {}), ...(caseId ? { caseId } : {}) };
  });
}

function reservationsFrom(body: Body, meeting: Meeting, index: number, text: string, now: string): Reservation[] {
  const item = meeting.items[index];
  const serving = new Set(servingAt(meeting, index));
  const seen = new Set<string>();
  const reservations = lines(text).map((line) => {
    const m = line.match(/^([^:]+?)\s*(?::\s*(.*))?$/u)!;
    const who = findMember(body, m[1], members(body));
    if (!serving.has(who.id)) refuse('reservationer', line, `${who.name} deltog inte i beslutet i § ${item.paragraph}`);
    if (seen.has(who.id)) refuse('reservationer', line, `${who.name} står två gånger`);
    seen.add(who.id);
    const before = item.reservations.find((r) => r.kind === 'reservation' && r.memberId === who.id);
    return { memberId: who.id, kind: 'reservation' as const, at: before?.at ?? now, ...(m[2]?.trim() ? { text: m[2].trim() } : {}) };
  });
  return [...reservations, ...item.reservations.filter((r) => r.kind !== 'reservation')];
}

/** The meeting with the § at `index` corrected in `field` to `text`. */
/**
 * The § with a corrected decision text. It goes through the same rules as during the meeting
 * (formula, beslutförhet, agreement with the votering), so a correction cannot get round them.
 */
function correctedDecision(body: Body, meeting: Meeting, index: number, text: string, now: string, by: string): Item {
  const item = meeting.items[index]!;
  const parsed = parseDecision(text, body.name);
  const was = item.outcome?.kind;
  // A sentence of its own keeps an informational outcome ("… godkände informationen."); att-satser are a decision.
  if (parsed.form === 'sentence' && (was === 'informationen' || was === 'handlingarna')) return { ...item, outcome: { ...item.outcome!, formula: parsed.text } };
  const kind: OutcomeKind = parsed.form === 'att' || was === 'beslut' || (!was && item.kind === 'Beslutsärende') ? 'beslut' : 'noterat';
  const outcome = checkedOutcome(body, meeting, index, kind, text);
  return { ...item, outcome: { ...outcome, recordedBy: item.outcome?.recordedBy ?? by, recordedAt: item.outcome?.recordedAt ?? now } };
}

export function applyCorrection(body: Body, meeting: Meeting, index: number, field: CorrectionField, raw: string, now: string, by: string): Meeting {
  const text = raw.trim();
  const item = meeting.items[index];
  const withItem = (next: Item): Meeting => ({ ...meeting, items: meeting.items.map((it, i) => (i === index ? next : it)) });
  if ((field === 'anteckning' || field === 'beslut') && !text) throw new UserError('Skriv den nya texten för paragrafen. Inget har ändrats.', 'invalid');
  switch (field) {
    case 'anteckning':
      return withItem({ ...item, note: text });
    case 'beslut':
      return withItem(correctedDecision(body, meeting, index, text, now, by));
    case 'närvaro':
      return setServing(body, meeting, index, text);
    case 'votering':
      return withItem({ ...item, votes: votesFrom(body, meeting, index, text) });
    case 'uppdrag':
      return withItem({ ...item, assignments: assignmentsFrom(body, item, text) });
    case 'reservationer':
      return withItem({ ...item, reservations: reservationsFrom(body, meeting, index, text, now) });
  }
}
