import type { AnslagEntry } from '../../domain/anslagstavla';
import { swedishDate } from '../../domain/meeting-time';
import { ANSLAGSTAVLA_FEED_PATH, ANSLAGSTAVLA_PATH, publicProtocolPath } from '../public-links';
import { escapeHtml as x } from '../arendelogg-page';

/**
 * The anslagstavla as an Atom 1.0 feed (RFC 4287), the same entries as the page, for the
 * municipality's website or a reader. Links are absolute (the bot's public URL). An entry's id
 * names the meeting and the locked version, so it never changes while the anslag is up.
 */

export interface FeedContext {
  baseUrl: string;
  bodyId?: string;
  lastModified: Date;
}

const organQuery = (bodyId: string) => `?organ=${encodeURIComponent(bodyId)}`;

/** The notice as one plain text, as the page shows it. */
export function entrySummary(e: AnslagEntry): string {
  return [
    `Protokollet är justerat. Justeringen har tillkännagivits genom anslag på ${e.anslagstavla} anslagstavla.`,
    `Organ: ${e.bodyName}.`,
    `Sammanträdesdatum: ${swedishDate(e.meetingDate)}.`,
    `Paragrafer: ${e.paragraphs}.`,
    `Datum för justering: ${swedishDate(e.justeradDate)}.`,
    `Anslaget sattes upp: ${swedishDate(e.anslagDate)}.`,
    `Anslaget tas ned: ${swedishDate(e.takenDownDate)}.`,
    `Sista dag att överklaga: ${swedishDate(e.appealLastDay)}.`,
    `Förvaringsplats för protokollet: ${e.forvaringsplats ?? 'uppgift saknas'}.`,
  ].join(' ');
}

function entryXml(e: AnslagEntry, base: string): string {
  const id = `${base}${ANSLAGSTAVLA_PATH}#anslag-${encodeURIComponent(e.bodyId)}-${encodeURIComponent(e.meetingId)}-v${e.version}`;
  return `  <entry>
    <id>${x(id)}</id>
    <title type="text">${x(`Protokoll från ${e.bodyName} ${swedishDate(e.meetingDate)} är justerat`)}</title>
    <updated>${new Date(e.recordedAt).toISOString()}</updated>
    <published>${new Date(e.recordedAt).toISOString()}</published>
    <author><name>${x(e.bodyName)}</name></author>
    <link rel="alternate" type="application/pdf" href="${x(base + publicProtocolPath(e.bodyId, e.meetingId, e.version, 'pdf'))}"/>
    <link rel="related" type="text/html" href="${x(`${base}${ANSLAGSTAVLA_PATH}${organQuery(e.bodyId)}`)}"/>
    <summary type="text">${x(entrySummary(e))}</summary>
  </entry>`;
}

export function renderAnslagstavlaFeed(shown: AnslagEntry[], ctx: FeedContext): string {
  const base = ctx.baseUrl.replace(/\/+$/, '');
  const q = ctx.bodyId ? organQuery(ctx.bodyId) : '';
  const organ = ctx.bodyId ? shown[0]?.bodyName : undefined;
  const title = organ ? `Anslagstavla: ${organ}` : 'Anslagstavla';
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
  <id>${x(base + ANSLAGSTAVLA_FEED_PATH + q)}</id>
  <title type="text">${x(title)}</title>
  <subtitle type="text">Justerade protokoll vars anslag är uppe. Överklagande (laglighetsprövning) till förvaltningsrätten inom tre veckor från anslaget.</subtitle>
  <updated>${ctx.lastModified.toISOString()}</updated>
  <author><name>${x(title)}</name></author>
  <link rel="self" type="application/atom+xml" href="${x(base + ANSLAGSTAVLA_FEED_PATH + q)}"/>
  <link rel="alternate" type="text/html" href="${x(base + ANSLAGSTAVLA_PATH + q)}"/>
  <generator>Paragraf</generator>
${shown.map((e) => entryXml(e, base)).join('\n')}
</feed>
`;
}
