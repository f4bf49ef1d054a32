import { sekretessNote } from '../../domain/sekretess';
import template from './item.card.json';
import immediateTemplate from './omedelbar.card.json';
import replaceTemplate from './replace-outcome.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import type { Item, Meeting, Outcome } from '../../domain/meeting';
import { quorum, quorumApplies, quorumText } from '../../domain/quorum';
import { replacingAt, servingAt } from '../../domain/serving';
import { voteResultText } from '../../domain/voting';
import { decisionText, formula } from '../../domain/outcome';
import { winningDecisionInput } from '../../domain/proposals';
import { immediateApprovers } from '../../domain/item-records';
import { joinSv } from '../../domain/sv-text';
import { createHash } from 'node:crypto';

/**
 * What an item card showed, as a short stamp in its buttons' data: the §, whether it was the
 * current one, and everything recorded on it. A press whose stamp no longer matches was made on a
 * card that is out of date, and is refused rather than applied to state the secretary did not see.
 */
export function itemStamp(meeting: Meeting, index: number): string {
  const it = meeting.items[index];
  return createHash('sha256').update(JSON.stringify({ c: meeting.currentIndex, s: meeting.status, a: meeting.attendance.confirmedAt ?? '', it })).digest('base64url').slice(0, 16);
}

/** The button the secretary most likely presses on this kind of §: shown as the default (positive). */
export function likelyOutcome(it: Item): 'informationen' | 'beslut' {
  if (it.kind === 'Beslutsärende' || it.proposal) return 'beslut';
  return it.kind ? 'informationen' : 'beslut';
}

const nameOf = (body: Body, id: string) => body.roster.find((r) => r.id === id)?.name ?? id;
const MAX_FACT = 600;
const clip = (s: string) => (s.length > MAX_FACT ? `${s.slice(0, MAX_FACT)}…` : s);

/** What is recorded on the § so far, as facts (name → text). */
export function itemFacts(body: Body, meeting: Meeting, index: number): { title: string; value: string }[] {
  const it = meeting.items[index];
  const facts: { title: string; value: string }[] = [];
  // The secretary sees the marking while recording, so nothing is said aloud in public by mistake.
  if (it.sekretess) facts.push({ title: 'Sekretess', value: sekretessNote(it.sekretess) });
  if (it.presenters) facts.push({ title: 'Föredragande', value: it.presenters });
  if (it.attachments.length) facts.push({ title: 'Bilaga', value: it.attachments.join(', ') });
  if (it.proposal) facts.push({ title: 'Förslag till beslut', value: it.proposal });
  if (meeting.attendance.confirmedAt) {
    const subs = servingAt(meeting, index)
      .map((id) => ({ id, forId: replacingAt(meeting, id, index) }))
      .filter((x) => x.forId)
      .map((x) => `${nameOf(body, x.id)} för ${nameOf(body, x.forId!)}`);
    facts.push({ title: 'Tjänstgör', value: `${servingAt(meeting, index).length}${subs.length ? ` (ersättare: ${subs.join('; ')})` : ''}` });
  }
  if (it.jav.length) facts.push({ title: 'Jäv', value: joinSv(it.jav.map((id) => nameOf(body, id))) });
  it.motions.forEach((m, i) => facts.push({ title: `Yrkande ${i + 1}`, value: `${nameOf(body, m.byMemberId)}: ${m.text}${it.adoptedMotionId === m.id ? ' (bifallet)' : ''}` }));
  if (it.propositionOrder?.length) facts.push({ title: 'Propositionsordning', value: it.propositionOrder.map((id) => String(it.motions.findIndex((m) => m.id === id) + 1)).join(', ') });
  it.votes.forEach((v) => facts.push({ title: v.secret ? 'Val' : 'Votering', value: voteResultText(body, v) }));
  if (it.openVote) facts.push({ title: it.openVote.secret ? 'Val pågår' : 'Votering pågår', value: it.openVote.awaitingCastingVote ? `${it.openVote.question} Lika röstetal: ordföranden avgör.` : `${it.openVote.question} Ledamöterna röstar på voteringskortet.` });
  it.reservations.forEach((r) => facts.push({ title: r.kind === 'reservation' ? 'Reservation' : 'Protokollsanteckning', value: `${nameOf(body, r.memberId)}${r.text ? `: ${r.text}` : ''}` }));
  it.assignments.forEach((a) => facts.push({ title: 'Uppdrag', value: `${a.ownerName}: ${a.text}${a.due ? ` (senast ${a.due})` : ''}` }));
  it.questions.forEach((q) => facts.push({ title: 'Övrig fråga', value: `${q.askedBy}: ${q.text}` }));
  if (it.immediateJustering) facts.push({ title: 'Omedelbar justering', value: it.immediateJustering.locked ? 'justerad' : `${it.immediateJustering.approvals.length} av ${immediateApprovers(body, meeting).length} har justerat` });
  return facts.map((f) => ({ title: f.title, value: escapeMarkdown(clip(f.value)) }));
}

/**
 * The secretary's card for the § at `index` (default: the current one). `draft` carries what the
 * secretary typed back onto the card when a changed Beslut is shown for confirmation first.
 */
export function itemCard(body: Body, meeting: Meeting, index = meeting.currentIndex, status = '', draft?: { beslut?: string; anteckning?: string }): AdaptiveCard {
  const it: Item = meeting.items[index];
  const q = quorumApplies(body) && meeting.attendance.confirmedAt ? quorum(body, meeting, index) : undefined;
  // The Beslut field holds what won (a votering, a bifall) or the förslag, as att-satser; the
  // preview shows the formula exactly as the protocol will print it.
  const winning = winningDecisionInput(body, it);
  const beslut = draft?.beslut ?? (it.outcome?.kind === 'beslut' ? (it.outcome.decision ?? '') : (winning ?? (it.proposal ? decisionText(body, it.proposal) : '')));
  const preview = (!it.outcome || draft?.beslut !== undefined) && beslut && (!q || q.beslutfor) ? formula(body, 'beslut', beslut) : '';
  const data = {
    bodyName: escapeMarkdown(body.name),
    position: `${index + 1} av ${meeting.items.length}`,
    paragraph: it.paragraph,
    title: escapeMarkdown(it.title),
    kind: escapeMarkdown(it.kind ?? ''),
    quorum: q ? escapeMarkdown(quorumText(body, meeting, { index, onParagraph: true }) ?? '') : '',
    preview: escapeMarkdown(preview),
    quorumStyle: q && !q.beslutfor ? 'attention' : 'good',
    facts: itemFacts(body, meeting, index),
    outcome: it.outcome ? escapeMarkdown(it.outcome.formula) : '',
    status: escapeMarkdown(status),
    beslut,
    anteckning: draft?.anteckning ?? it.note ?? '',
    meetingId: meeting.id,
    itemId: it.id,
    voteId: it.openVote?.id ?? '',
    stamp: itemStamp(meeting, index),
    likely: likelyOutcome(it),
    isLast: index >= meeting.items.length - 1,
    nextMeeting: meeting.nextMeeting ?? '',
  };
  let card = renderTemplate(template, data);
  if (cardBytes(card) > MAX_CARD_BYTES) card = renderTemplate(template, { ...data, facts: data.facts.slice(0, 10), anteckning: data.anteckning.slice(0, 2000) });
  return card;
}

export function immediateCard(body: Body, meeting: Meeting, index: number): AdaptiveCard {
  const it = meeting.items[index];
  const ij = it.immediateJustering;
  const approvers = immediateApprovers(body, meeting);
  const done = (ij?.approvals ?? []).map((a) => nameOf(body, a.memberId));
  const waiting = approvers.filter((id) => !(ij?.approvals ?? []).some((a) => a.memberId === id)).map((id) => nameOf(body, id));
  return renderTemplate(immediateTemplate, {
    paragraph: it.paragraph,
    title: escapeMarkdown(it.title),
    outcome: escapeMarkdown(it.outcome?.formula ?? 'Inget beslut antecknat ännu.'),
    state: escapeMarkdown(ij?.locked ? `Justerad av ${joinSv(done)}.` : `Väntar på ${joinSv(waiting)}.${done.length ? ` Justerat: ${joinSv(done)}.` : ''}`),
    locked: Boolean(ij?.locked),
    meetingId: meeting.id,
    itemId: it.id,
  });
}

/** "§ 45 har redan beslut: … Ersätt med: …?" — asked before one outcome replaces another. */
export function replaceOutcomeCard(body: Body, meeting: Meeting, index: number, next: { kind: Outcome['kind']; formula: string; decision?: string; note?: string }): AdaptiveCard {
  const it = meeting.items[index];
  const old = it.outcome!;
  return renderTemplate(replaceTemplate, {
    paragraph: it.paragraph,
    title: escapeMarkdown(it.title),
    oldLabel: old.kind === 'beslut' ? 'beslut' : 'ett utfall',
    oldFormula: escapeMarkdown(old.formula),
    newFormula: escapeMarkdown(next.formula),
    meetingId: meeting.id,
    itemId: it.id,
    stamp: itemStamp(meeting, index),
    outcome: next.kind,
    beslut: next.decision ?? '',
    anteckning: next.note ?? '',
  });
}
