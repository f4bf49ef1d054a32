/**
 * What kommunallagen (5 kap. 67 §) asks a protocol to show, checked against the recorded meeting:
 * who served, per § the förslag and yrkanden not withdrawn, the propositionsordning, votes with
 * each serving member's vote, the decisions and the reservations. Pure. Other profiles are not
 * held to it (a samverkansorgan or a råd keeps notes by its own rules).
 */
import type { Body } from '../body';
import type { Meeting } from '../meeting';
import { servingAt } from '../serving';
import { UserError } from '../errors';
import { quorum, quorumApplies } from '../quorum';

export function protocolGaps(body: Body, meeting: Meeting): string[] {
  if (body.profile !== 'kommunallagen') return [];
  const gaps: string[] = [];
  const name = (id: string) => body.roster.find((r) => r.id === id)?.name ?? `okänd ledamot (${id})`;
  if (meeting.service.length === 0) gaps.push('uppgift saknas om vilka ledamöter och ersättare som tjänstgjort (bekräfta uppropet)');
  meeting.items.forEach((item, index) => {
    const p = `§ ${item.paragraph}`;
    const active = item.motions.filter((m) => !m.withdrawn);
    const decisionItem = item.kind === 'Beslutsärende';
    // A bordlagt or återremitterat ärende was not decided in substance, so it needs no förslag.
    const deferred = item.outcome?.kind === 'bordläggs' || item.outcome?.kind === 'återremitteras';
    if (decisionItem && !deferred && !item.proposal?.trim() && active.length === 0) gaps.push(`${p}: förslag till beslut saknas`);
    // A § on which the body was not beslutför can have no decision; the protocol says so instead (quorum.ts).
    const noQuorum = quorumApplies(body) && meeting.service.length > 0 && !quorum(body, meeting, index).beslutfor;
    if (decisionItem && !item.outcome && !noQuorum) gaps.push(`${p}: beslutet saknas`);
    if (active.length >= 2) {
      const ordered = new Set(item.propositionOrder ?? []);
      if (!active.every((m) => ordered.has(m.id))) gaps.push(`${p}: propositionsordningen för yrkandena saknas`);
    }
    for (const m of active) if (!body.roster.some((r) => r.id === m.byMemberId)) gaps.push(`${p}: ett yrkande saknar vem som yrkade`);
    const serving = servingAt(meeting, index);
    item.votes.forEach((v, vi) => {
      // A val med slutna sedlar names no one's vote.
      if (v.secret) return;
      const label = item.votes.length > 1 ? `omröstning ${vi + 1}` : 'omröstningen';
      for (const id of serving) if (!v.votes[id]) gaps.push(`${p}: ${label} saknar röst för ${name(id)}`);
      for (const id of Object.keys(v.votes)) if (!serving.includes(id)) gaps.push(`${p}: ${label} har en röst från ${name(id)}, som inte tjänstgjorde på paragrafen`);
    });
    for (const r of item.reservations) if (!body.roster.some((x) => x.id === r.memberId)) gaps.push(`${p}: en reservation saknar vem som reserverade sig`);
  });
  return gaps;
}

/** Refuses a kommunallagen draft that lacks what 5 kap. 67 § asks for, naming every gap. */
export function assertComplete(body: Body, meeting: Meeting): void {
  const gaps = protocolGaps(body, meeting);
  if (gaps.length === 0) return;
  throw new UserError(
    `Protokollet kan inte skapas: det saknar uppgifter som kommunallagen (5 kap. 67 §) kräver.\n${gaps.map((g) => `• ${g}`).join('\n')}\nKomplettera mötets uppgifter och försök igen.`,
    'incomplete',
  );
}
