/**
 * The anslagsbevis: the notice, put up on the anslagstavla, that a kommunallagen body's protocol
 * has been justerat (KL 8 kap. 12 §), with the dates of the anslag and the last day to appeal
 * (13 kap. 5 §) and where the protocol is kept. A document of its own beside the locked protocol
 * (Markdown here; DOCX and PDF in src/documents). Pure.
 */
import type { Body } from '../body';
import type { Meeting } from '../meeting';
import { anslagTakenDown, appealDeadline } from '../deadlines';
import { lockedVersion } from './versions';
import { swedishDay } from '../meeting-time';
import { escapeInline } from './markdown';

/** What the bevis says in place of a förvaringsplats until the secretary sets one. */
export const FORVARINGSPLATS_MISSING = '(ange med inställningen Förvaringsplats:)';

export interface Anslagsbevis {
  bodyName: string;
  /** "kommunens" or "regionens" anslagstavla. */
  anslagstavla: string;
  meetingDate: string;
  /** "§§ 42-51" or "§ 7" */
  paragraphs: string;
  justeradDate: string;
  anslagDate: string;
  takenDownDate: string;
  appealLastDay: string;
  forvaringsplats?: string;
  /** The locked version the bevis announces, and its kontrollsumma. */
  version: number;
  contentHash: string;
  /** When the anslag was recorded: fixes the PDF's creation date, so the same bevis gives the same bytes. */
  recordedAt: string;
}


/** "42-51" → "§§ 42-51"; "7" → "§ 7". */
function paragraphLabel(range: string): string {
  return /\D/.test(range.trim()) ? `§§ ${range}` : `§ ${range}`;
}

/** The bevis of a kommunallagen meeting whose justerade protocol has been anslaget; undefined otherwise. */
export function anslagsbevisOf(body: Body, meeting: Meeting): Anslagsbevis | undefined {
  const locked = lockedVersion(meeting);
  if (body.profile !== 'kommunallagen' || !meeting.anslag || !locked?.lockedAt || !locked.model) return undefined;
  const anslagDate = meeting.anslag.date;
  return {
    bodyName: locked.model.bodyName,
    anslagstavla: body.huvudman === 'region' ? 'regionens' : 'kommunens',
    meetingDate: locked.model.date,
    paragraphs: paragraphLabel(locked.model.paragraphs),
    justeradDate: swedishDay(locked.lockedAt),
    anslagDate,
    takenDownDate: anslagTakenDown(anslagDate),
    appealLastDay: appealDeadline(anslagDate).date,
    forvaringsplats: body.forvaringsplats,
    version: locked.version,
    contentHash: locked.contentHash,
    recordedAt: meeting.anslag.recordedAt,
  };
}

export interface BevisText {
  title: string;
  intro: string;
  /** Label and value, one line each. */
  facts: [string, string][];
  footnote: string;
}

/** The words of the bevis, shared by the card, Markdown, DOCX and PDF so they never disagree. */
export function bevisText(b: Anslagsbevis): BevisText {
  return {
    title: 'ANSLAGSBEVIS',
    intro: `Protokollet från ${b.bodyName} ${b.meetingDate}, ${b.paragraphs}, är justerat. Justeringen har tillkännagetts genom anslag på ${b.anslagstavla} anslagstavla.`,
    facts: [
      ['Organ', b.bodyName],
      ['Sammanträdesdatum', b.meetingDate],
      ['Paragrafer', b.paragraphs],
      ['Datum för justering', b.justeradDate],
      ['Datum då anslaget sätts upp', b.anslagDate],
      ['Datum då anslaget tas ned', b.takenDownDate],
      ['Sista dag att överklaga (laglighetsprövning)', b.appealLastDay],
      ['Förvaringsplats', b.forvaringsplats ?? FORVARINGSPLATS_MISSING],
    ],
    footnote: `Gäller protokollet version ${b.version}, innehållets kontrollsumma (SHA-256): ${b.contentHash}`,
  };
}

/** Plain lines, as the protocol card shows the bevis. */
export function bevisLines(b: Anslagsbevis): string {
  const t = bevisText(b);
  return [t.title, t.intro, ...t.facts.map(([k, v]) => `${k}: ${v}`)].join('\n');
}

export function renderBevisMarkdown(b: Anslagsbevis): string {
  const t = bevisText(b);
  const out = [`# Anslagsbevis`, '', escapeInline(t.intro), '', ...t.facts.flatMap(([k, v]) => [`${k}: ${escapeInline(v)}`, '']), escapeInline(t.footnote)];
  return out.join('\n') + '\n';
}
