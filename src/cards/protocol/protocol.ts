import template from './protocol.card.json';
import { renderTemplate, cardBytes, MAX_CARD_BYTES, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import { meetingDay, type Meeting, type ProtocolVersion } from '../../domain/meeting';
import { swedishDate, swedishDay, swedishMinute } from '../../domain/meeting-time';
import { CORRECTION_FIELDS, FIELD_LABEL } from '../../domain/protocol/paragraph-correction';
import type { ProtocolForm, ProtocolModel, ProtocolSection } from '../../domain/protocol/model';
import { assembleProtocol } from '../../domain/protocol/assemble';
import { latestVersion, lockedVersion, pendingApprovers, namesOf } from '../../domain/protocol/versions';
import { anslagDeadline, appealDeadline, describeDeadline, justeringDeadline } from '../../domain/deadlines';
import { anslagsbevisOf, bevisLines, FORVARINGSPLATS_MISSING } from '../../domain/protocol/anslagsbevis';

/** One § for a phone screen: the head, kind and föredragande, the account cut short, the decision. */
export interface SectionView {
  head: string;
  meta: string;
  text: string;
  decision: string;
}

const SHORT = 420;

function shorten(t: string, max: number): string {
  const flat = t.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function sectionView(s: ProtocolSection, form: ProtocolForm = 'protokoll'): SectionView {
  const notes = form === 'minnesanteckningar';
  const meta = [s.kind, s.presenters ? `Föredragande: ${s.presenters}` : '', ...s.attachments.map((a) => `Bilaga: ${a}`)].filter(Boolean).join(' · ');
  const extras = [
    ...s.motions.map((m) => `${m.by} yrkar: ${m.text}`),
    ...(s.propositionOrder ? [s.propositionOrder] : []),
    ...s.votes.map((v) => `Votering. ${v.question} ${v.lines.length ? `${v.lines.map((l) => `${l.name} ${l.choice}`).join(', ')}. ` : ''}${v.resultText}`),
    ...s.jav,
    ...s.reservations,
    ...s.protocolNotes,
    ...s.assignments.map((a) => (notes ? a : `Uppdrag till ${a}`)),
  ];
  const text = [shorten(s.account.join(' '), SHORT), ...extras.map((e) => shorten(e, SHORT))].filter(Boolean).join('\n');
  return { head: escapeMarkdown(`${notes ? '' : '§ '}${s.paragraph}. ${s.title}`), meta: escapeMarkdown(meta), text: escapeMarkdown(text), decision: escapeMarkdown(s.decision ?? '') };
}

/** Renders the card with as many §§ as fit under Teams' size limit; the rest is in the document. */
export function fitCard(build: (sections: SectionView[], more: string) => AdaptiveCard, sections: SectionView[], moreText: (shown: number) => string): AdaptiveCard {
  let n = sections.length;
  let card = build(sections, '');
  while (cardBytes(card) > MAX_CARD_BYTES && n > 0) {
    n = Math.max(0, Math.floor(n * 0.8));
    card = build(sections.slice(0, n), moreText(n));
  }
  return card;
}

export interface ProtocolLinks {
  md: string;
  docx: string;
  /** The archived PDF/A; only a justerad version has one. */
  pdf?: string;
}

/** The dates that follow the meeting, for every protocol card (KL: anslag and överklagande too). */
export function deadlineFacts(body: Body, meeting: Meeting): { title: string; value: string }[] {
  if (body.profile === 'minnesanteckningar') return [];
  const justering = lockedVersion(meeting) ?? latestVersion(meeting);
  // Once justerat the deadline is history: the card says when it was justerat instead.
  const facts = justering?.lockedAt
    ? [{ title: 'Justerat', value: `${justering.lateJustering ? 'efter fristen, ' : ''}${swedishDate(swedishDay(justering.lockedAt))}` }]
    : [{ title: 'Justeras senast', value: describeDeadline(justeringDeadline(meetingDay(meeting), body.justeringDays)) }];
  if (body.profile !== 'kommunallagen') return facts;
  const locked = lockedVersion(meeting);
  if (meeting.anslag) {
    facts.push({ title: 'Anslaget', value: meeting.anslag.date });
    facts.push({ title: 'Sista dag att överklaga', value: describeDeadline(appealDeadline(meeting.anslag.date)) });
  } else if (locked?.lockedAt) {
    facts.push({ title: 'Anslås senast', value: describeDeadline(anslagDeadline(swedishDay(locked.lockedAt))) });
    facts.push({ title: 'Sista dag att överklaga', value: 'tre veckor från anslagsdagen' });
  } else {
    facts.push({ title: 'Anslås senast', value: 'andra dagen efter justeringen' });
    facts.push({ title: 'Sista dag att överklaga', value: 'tre veckor från anslagsdagen' });
  }
  return facts;
}

export function modelOf(body: Body, meeting: Meeting, v: ProtocolVersion | undefined): ProtocolModel {
  return v?.model ?? assembleProtocol(body, meeting);
}

const STATUS: Record<string, string> = {
  protokollutkast: 'Protokollutkast',
  'under justering': 'Under justering',
  justerat: 'Justerat och låst',
  anslaget: 'Justerat och anslaget',
  'laga kraft': 'Laga kraft',
};

export interface ProtocolCardInput {
  body: Body;
  meeting: Meeting;
  links: ProtocolLinks;
  /** Links to the locked version while a rättelse is under way. */
  lockedLinks?: ProtocolLinks;
  /** The anslagsbevis as documents, once the anslag is recorded. */
  bevisLinks?: ProtocolLinks;
  /** The body's protokollarkiv (src/http/protocol-archive.ts). */
  archiveUrl?: string;
  notice?: string;
  today: string;
}

/** The secretary's protocol card in the body's conversation: draft, under justering or justerat. */
export function protocolCard(input: ProtocolCardInput): AdaptiveCard {
  const { body, meeting } = input;
  const v = latestVersion(meeting)!;
  const model = modelOf(body, meeting, v);
  const locked = lockedVersion(meeting);
  const pending = pendingApprovers(body, meeting);
  const statusLine = [
    `${STATUS[meeting.status] ?? meeting.status}, version ${v.version}`,
    v.correctionOf ? `rättelse av justerad version ${v.correctionOf}` : '',
    meeting.status === 'under justering' && pending.length ? `väntar på ${namesOf(pending)}` : '',
    v.lockedAt ? `låst ${swedishMinute(v.lockedAt)}${v.lateJustering ? ', efter fristen' : ''}, kontrollsumma ${v.contentHash.slice(0, 16)}…` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const facts = [
    { title: 'Datum och tid', value: model.dateTime },
    ...(model.place ? [{ title: 'Plats', value: model.place }] : []),
    ...(model.diarienummer ? [{ title: 'Diarienummer', value: model.diarienummer }] : []),
    { title: 'Ärenden', value: model.paragraphs },
    ...deadlineFacts(body, meeting),
  ].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) }));
  const requests = v.changeRequests.map((c) => `${body.roster.find((r) => r.id === c.memberId)?.name ?? 'Justerare'} begär ändring${c.paragraph ? ` i § ${c.paragraph}` : ''}: ${c.comment}`);
  const storageWarning =
    body.profile === 'kommunallagen' && !body.forvaringsplats
      ? `Förvaringsplats saknas: anslagsbeviset skriver "Förvaringsplats: ${FORVARINGSPLATS_MISSING}". Skriv "organ" och på nästa rad till exempel "Förvaringsplats: Kommunkansliet, Norrby kommun".`
      : '';
  const notice = [input.notice ?? '', ...requests, storageWarning].filter(Boolean).join('\n');
  const bevisOf = anslagsbevisOf(body, meeting);
  const bevis = bevisOf ? bevisLines(bevisOf) : '';
  const links = [
    { title: `Markdown (.md), version ${v.version}`, url: input.links.md },
    { title: `Word (.docx), version ${v.version}`, url: input.links.docx },
    ...(v.lockedAt && input.links.pdf ? [{ title: `PDF/A (.pdf), version ${v.version}`, url: input.links.pdf }] : []),
    ...(input.lockedLinks && locked && locked !== v ? [{ title: `Justerad version ${locked.version} (.docx)`, url: input.lockedLinks.docx }] : []),
    ...(input.lockedLinks?.pdf && locked && locked !== v ? [{ title: `Justerad version ${locked.version} (.pdf)`, url: input.lockedLinks.pdf }] : []),
    ...(bevisOf && input.bevisLinks
      ? [
          { title: 'Anslagsbevis (.pdf)', url: input.bevisLinks.pdf! },
          { title: 'Anslagsbevis (.docx)', url: input.bevisLinks.docx },
          { title: 'Anslagsbevis (.md)', url: input.bevisLinks.md },
        ]
      : []),
    ...(input.archiveUrl && body.profile !== 'minnesanteckningar' ? [{ title: 'Protokollarkivet', url: input.archiveUrl }] : []),
  ];
  const editable = meeting.status === 'protokollutkast' || meeting.status === 'under justering';
  const data = {
    title: escapeMarkdown(`${model.heading} ${body.name}`),
    statusLine: escapeMarkdown(statusLine),
    facts,
    // Närvaro as the protocol prints it, one person a line, so a wrong role or a missing ersättare shows before justering.
    attendance: [
      { heading: 'Närvarande', people: model.present },
      { heading: 'Frånvarande', people: model.absent },
      { heading: 'Tjänstepersoner', people: model.officials },
    ]
      .filter((g) => g.people.length > 0)
      .map((g) => ({ heading: `${g.heading} (${g.people.length})`, people: g.people.map((p) => ({ line: escapeMarkdown(p) })) })),
    notice: escapeMarkdown(notice),
    anslagsbevis: escapeMarkdown(bevis),
    links,
    canSend: meeting.status === 'protokollutkast' && body.profile !== 'minnesanteckningar',
    canCorrect: editable || meeting.status === 'justerat',
    correctTitle: meeting.status === 'justerat' ? 'Rättelse (ny version)' : 'Rätta en paragraf',
    rattelse: meeting.status === 'justerat',
    canAnslag: meeting.status === 'justerat' && body.profile === 'kommunallagen',
    paragraphChoices: model.sections.map((s) => ({ title: `${model.form === 'minnesanteckningar' ? '' : '§ '}${s.paragraph}. ${s.title}`.slice(0, 80), value: String(s.paragraph) })),
    fieldChoices: CORRECTION_FIELDS.map((f) => ({ title: FIELD_LABEL[f], value: f })),
    bodyId: body.id,
    meetingId: meeting.id,
    today: input.today,
  };
  return fitCard(
    (sections, more) => renderTemplate(template, { ...data, sections, more }),
    model.sections.map((s) => sectionView(s, model.form)),
    (n) => `Kortet visar de första ${n} av ${model.sections.length} paragraferna. Hela protokollet finns i dokumentet (länkarna nedan).`,
  );
}
