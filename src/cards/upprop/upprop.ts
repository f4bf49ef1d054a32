import template from './upprop.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body, RosterEntry } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { isCalledIn, justerareCandidates, uppropRows } from '../../domain/attendance';
import { quorum, quorumApplies, quorumText } from '../../domain/quorum';
import { swedishDateTime } from '../../domain/meeting-time';

/** Toggle ids carry the roster id: "p_<id>" (Teams sends every input of the card with the action). */
export const PRESENT_PREFIX = 'p_';

const ROLE_TEXT: Record<RosterEntry['role'], string> = {
  ordförande: 'ordförande',
  'vice ordförande': 'vice ordförande',
  ledamot: '',
  ersättare: 'ersättare',
  tjänsteperson: '',
};

export function rosterLine(r: RosterEntry): string {
  const who = `${r.name}${r.party ? ` (${r.party})` : ''}${r.organisation ? `${r.party ? '' : ','} ${r.organisation}` : ''}`;
  const role = r.role === 'tjänsteperson' ? r.title ?? '' : ROLE_TEXT[r.role];
  // A tjänsteperson titled "sekreterare" is the secretary already: not "…, sekreterare, sekreterare".
  return [who, role, r.secretary && !/sekreterare/i.test(role) ? 'sekreterare' : ''].filter(Boolean).join(', ');
}

/**
 * The upprop: one present/absent toggle per person, the Justerare choice, Bekräfta upprop.
 * `submitted`: what a refused Bekräfta upprop carried, drawn again so that nothing ticked is lost.
 */
export function uppropCard(body: Body, meeting: Meeting, status = '', submitted?: { present: Record<string, boolean>; justerare: string[] }): AdaptiveCard {
  const rows = uppropRows(body, meeting).map((r) => ({ ...r, present: submitted?.present[r.entry.id] ?? r.present }));
  const title = (r: RosterEntry) => {
    if (r.role !== 'ersättare') return rosterLine(r);
    const call = meeting.substitutes.find((c) => c.askedMemberId === r.id && isCalledIn(meeting, r.id));
    const forName = call && body.roster.find((x) => x.id === call.forMemberId)?.name;
    return `${rosterLine(r)}${forName ? ` – kallad för ${forName}` : ''}`;
  };
  const group = (heading: string, pick: (r: RosterEntry) => boolean) => ({
    heading,
    rows: rows.filter((r) => pick(r.entry)).map((r) => ({ inputId: `${PRESENT_PREFIX}${r.entry.id}`, title: title(r.entry), value: r.present ? 'true' : 'false' })),
  });
  const groups = [
    group('Ledamöter', (r) => r.role === 'ordförande' || r.role === 'vice ordförande' || r.role === 'ledamot'),
    group('Ersättare (tjänstgör bara när de kallats in för en ledamot)', (r) => r.role === 'ersättare'),
    group('Tjänstepersoner', (r) => r.role === 'tjänsteperson'),
  ].filter((g) => g.rows.length > 0);
  const candidates = new Set(justerareCandidates(body, meeting).map((e) => e.id));
  const members = rows.filter((r) => candidates.has(r.entry.id)).sort((a, b) => Number(b.present) - Number(a.present));
  const q = quorumApplies(body) ? quorum(body, meeting) : undefined;
  return renderTemplate(template, {
    bodyName: escapeMarkdown(body.name),
    when: swedishDateTime(meeting.start, meeting.end),
    status: escapeMarkdown(status),
    statusStyle: submitted ? 'attention' : 'emphasis',
    quorum: escapeMarkdown(quorumText(body, meeting) ?? ''),
    quorumStyle: q && !q.beslutfor ? 'attention' : 'default',
    groups,
    justerareChoices: members.map((r) => ({ title: r.entry.name, value: r.entry.id })),
    justerareValue: (submitted?.justerare ?? meeting.justerare).join(','),
    meetingId: meeting.id,
  });
}
