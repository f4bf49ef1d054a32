import { shownTitle } from '../../domain/sekretess';
import { publicSection } from '../../domain/protocol/public-version';

/** The card is a personal chat: covered §§ show as in public, and the justerare reads them in the document. */
const SEKRETESS_IN_REVIEW = 'Paragrafer med sekretess visas här som i den offentliga versionen; hela texten finns i dokumentet (Hela protokollet).';
import template from './protocol-review.card.json';
import { renderTemplate, type AdaptiveCard } from '../render';
import { escapeMarkdown } from '../escape';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { swedishMinute } from '../../domain/meeting-time';
import { latestVersion } from '../../domain/protocol/versions';
import { deadlineFacts, fitCard, modelOf, sectionView, type ProtocolLinks } from '../protocol/protocol';

export interface ReviewCardInput {
  body: Body;
  meeting: Meeting;
  /** The justerare or ordförande the card is for. */
  memberId: string;
  links: ProtocolLinks;
  /** What just happened, e.g. "Du justerade version 2." */
  notice?: string;
}

/** The personal card a justerare (or the ordförande) reviews the draft on: §§ inline, Justera, Begär ändring. */
export function protocolReviewCard(input: ReviewCardInput): AdaptiveCard {
  const { body, meeting } = input;
  const v = latestVersion(meeting)!;
  const model = modelOf(body, meeting, v);
  const mine = v.approvals.find((a) => a.memberId === input.memberId);
  const canAct = meeting.status === 'under justering' && !mine;
  const role = body.roster.find((r) => r.id === input.memberId)?.role === 'ordförande' ? 'ordförande' : 'justerare';
  const intro = mine
    ? `Du justerade version ${v.version} ${swedishMinute(mine.at)}${mine.late ? ', efter fristen' : ''}.`
    : meeting.status === 'under justering'
      ? `Du är ${role} för mötet. Läs protokollet (version ${v.version}) och tryck Justera, eller Begär ändring för en paragraf.`
      : `Protokollet är ${meeting.status} (version ${v.version}).`;
  const data = {
    title: escapeMarkdown(`Justering: ${model.heading} ${body.name} ${model.date}`),
    intro: escapeMarkdown(model.sections.some((s) => s.sekretess) ? `${intro} ${SEKRETESS_IN_REVIEW}` : intro),
    facts: [{ title: 'Datum och tid', value: model.dateTime }, { title: 'Ärenden', value: model.paragraphs }, ...deadlineFacts(body, meeting)].map((f) => ({ title: f.title, value: escapeMarkdown(f.value) })),
    notice: escapeMarkdown(input.notice ?? ''),
    links: [
      { title: 'Hela protokollet (.docx)', url: input.links.docx },
      { title: 'Markdown (.md)', url: input.links.md },
    ],
    canAct,
    paragraphChoices: [{ title: 'Hela protokollet', value: '' }, ...model.sections.map((s) => ({ title: `§ ${s.paragraph}. ${shownTitle(s)}`.slice(0, 80), value: String(s.paragraph) }))],
    bodyId: body.id,
    meetingId: meeting.id,
    version: v.version,
  };
  return fitCard(
    (sections, more) => renderTemplate(template, { ...data, sections, more }),
    // The review card is a personal chat: a covered § is shown as in public; its full text is in the documents.
    model.sections.map((s) => sectionView(publicSection(s), model.form)),
    (n) => `Kortet visar de första ${n} av ${model.sections.length} paragraferna. Läs hela protokollet i dokumentet innan du justerar.`,
  );
}
