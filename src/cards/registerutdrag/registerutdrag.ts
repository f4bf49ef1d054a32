import template from './registerutdrag.card.json';
import { cardBytes, MAX_CARD_BYTES, renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import { swedishMinute } from '../../domain/meeting-time';
import { extractCounts, type RegisterExtract } from '../../domain/register-extract';

const MAX_LINE = 200;
const when = (iso: string) => swedishMinute(iso);
const clip = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s);

/** The detail lines per kind, newest or most telling first; the file has them all. */
function sections(x: RegisterExtract): { heading: string; lines: string[] }[] {
  const para = (r: { meeting: string; paragraph: number }) => `${r.meeting.slice(0, 10)} § ${r.paragraph}`;
  return [
    { heading: 'Organ', lines: x.roster.map((r) => `${r.body}: ${r.name}${r.party ? ` (${r.party})` : ''}${r.organisation ? ` ${r.organisation}` : ''}, ${r.role}${r.secretary ? ', sekreterare' : ''}${r.removedAt ? ` (borttagen från listan ${r.removedAt.slice(0, 10)})` : ''}`) },
    { heading: 'Röster', lines: x.votes.map((v) => `${v.body} ${para(v)}: ${v.choice} (${v.question})`) },
    { heading: 'Jäv', lines: x.jav.map((j) => `${j.body} ${para(j)}`) },
    { heading: 'Reservationer och protokollsanteckningar', lines: x.reservations.map((r) => `${r.body} ${para(r)}: ${r.kind}${r.text ? `: ${r.text}` : ''}`) },
    { heading: 'Yrkanden', lines: x.motions.map((m) => `${m.body} ${para(m)}: ${m.text}`) },
    { heading: 'Uppdrag', lines: x.assignments.map((a) => `${a.body} ${para(a)}: ${a.text}${a.due ? `, senast ${a.due}` : ''}`) },
    { heading: 'Protokoll som nämner dig', lines: x.protocols.map((p) => `${p.body} ${p.meeting.slice(0, 10)}, version ${p.version}${p.lockedAt ? ', justerat' : ''}`) },
    { heading: 'Ärenden', lines: x.cases.map((c) => `${c.body} ${c.number} ${c.title} (${c.status}, ${c.why})`) },
    { heading: 'Ändringsloggen (senaste)', lines: x.audit.map((e) => `${when(e.at)} ${e.summary}${e.as === 'nämnd' ? ' (nämner dig)' : ''}`) },
    { heading: 'Konversationsreferenser', lines: x.conversations.map((c) => `${c.kind}${c.seenAt ? `, senast ${when(c.seenAt)}` : ''}`) },
    { heading: 'Dina begäranden', lines: x.requests.map((r) => `${when(r.createdAt)} ${r.kind}: ${r.status}${r.reason ? ` (${r.reason})` : ''}`) },
  ].filter((s) => s.lines.length > 0);
}

/**
 * The registerutdrag as a card: counts per kind, a few lines of each kind, and a signed link to
 * the whole extract as a file. Fewer lines per kind are shown until the card fits Teams' limit.
 */
export function registerExtractCard(x: RegisterExtract, name: string, createdAt: string, fileUrl: string): AdaptiveCard {
  const all = sections(x);
  let card: AdaptiveCard | undefined;
  for (const per of [5, 3, 1, 0]) {
    card = renderTemplate(template, {
      intro: escapeMarkdown(`Det här lagrar Paragraf om ${name} (Teams-identitet ${x.aadObjectId}), sammanställt ${when(createdAt)}. Uppgifterna söks efter din Teams-identitet och efter ditt namn (${x.names.join(', ') || name}) där poster nämner personer i text. Hela utdraget finns som fil under knappen nedan.`),
      counts: extractCounts(x),
      sections: per === 0 ? [] : all.map((s) => ({
        heading: escapeMarkdown(s.heading),
        lines: s.lines.slice(0, per).map((l) => ({ line: escapeMarkdown(clip(l)) })),
        more: s.lines.length > per ? `… och ${s.lines.length - per} till i filen.` : '',
      })),
      footer: escapeMarkdown(
        'Är något fel? Skriv "rätta mina uppgifter <vad som är fel>". Vill du att uppgifterna tas bort? Skriv "radera mina uppgifter". Begäran går till sekreteraren i dina organ. Justerade protokoll och ändringsloggen raderas inte: de är eller kan vara allmänna handlingar som ska bevaras enligt arkivlagen.',
      ),
      fileUrl,
    });
    if (cardBytes(card) <= MAX_CARD_BYTES) break;
  }
  return card!;
}
