/**
 * The protocol as a document model: what seed 002 (Protokoll) and seed 000 (Minnesanteckningar)
 * print, in order. Assembled from the recorded meeting (assemble.ts), rendered to Markdown and
 * DOCX, and kept with each protocol version so an old version renders exactly as it was.
 */

import type { SekretessMark } from '../sekretess';

export type ProtocolForm = 'protokoll' | 'minnesanteckningar';

export interface VoteLine {
  name: string;
  choice: 'ja' | 'nej' | 'avstår';
}

export interface ProtocolVote {
  /** The voteringsproposition: "Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej." */
  question: string;
  lines: VoteLine[];
  ja: number;
  nej: number;
  avstar: number;
  castingVote: boolean;
  /** "Med 4 ja-röster mot 3 nej-röster och 1 som avstår beslutar Socialnämnden enligt förslaget." */
  resultText: string;
}

export interface ProtocolSection {
  paragraph: number;
  title: string;
  kind?: string;
  /** Beslutförhet, at the upprop and where it changed: "Socialnämnden konstaterar att den är beslutför (5 av 5 ledamöter tjänstgör)." */
  quorum?: string;
  presenters?: string;
  attachments: string[];
  /** The account: the item's description, then what was noted at the meeting; one entry per paragraph. */
  account: string[];
  proposal?: string;
  motions: { by: string; text: string }[];
  /** "Ordföranden ställer proposition …"; undefined with fewer than two yrkanden. */
  propositionOrder?: string;
  votes: ProtocolVote[];
  /** "Eva Stuge (m) anmäler jäv och deltar inte i handläggningen." */
  jav: string[];
  reservations: string[];
  protocolNotes: string[];
  /** The decision in the body's own formula ("Samråd vård och omsorg godkände informationen."). */
  decision?: string;
  assignments: string[];
  questions: string[];
  immediateJustering: boolean;
  /** Covered by sekretess: the note under the heading says so; the public version replaces what it covers. */
  sekretess?: SekretessMark;
}

export interface SignatureLine {
  role: 'Ordförande' | 'Sekreterare' | 'Justerare';
  name: string;
  /** Roster id of whoever signs by justering (ordförande, justerare); the secretary signs by producing it. */
  memberId?: string;
}

export interface ProtocolModel {
  form: ProtocolForm;
  bodyName: string;
  /** "Protokoll" or "Minnesanteckningar". */
  heading: string;
  diarienummer?: string;
  /** "2021-12-17 kl. 09.00-12.00" */
  dateTime: string;
  /** "2021-12-17" */
  date: string;
  place?: string;
  /** "42-51" */
  paragraphs: string;
  present: string[];
  absent: string[];
  officials: string[];
  /** Minnesanteckningar: presence per member organisation ("Närvarande från 14 av 16 organisationer."). */
  organisations?: string[];
  sections: ProtocolSection[];
  nextMeeting?: string;
  /** The § "Nästa möte" stands under when the list had none: the one after the last (seed 002's "52. Nästa möte"). */
  nextMeetingParagraph?: number;
  /** SKR's template: "Utses att justera" and "Justeringens plats och tid"; absent for minnesanteckningar. */
  justering?: { by: string; placeAndTime: string };
  /** Empty for minnesanteckningar: they are not justerade. */
  signatures: SignatureLine[];
  /** Set on the public version only: the line under the heading that says what it is. */
  publicNote?: string;
}

/** Who approved a version, for the filled "Justerat" lines and the seal under a locked protocol. */
export interface Seal {
  version: number;
  approvals: { memberId: string; name: string; at: string; late?: boolean }[];
  lockedAt?: string;
  contentHash?: string;
  /** Locked after the justering deadline: the deadline ("2021-12-31"). */
  lateJustering?: { deadline: string };
  /** On the complete protocol: the hash of the public version fixed with it. */
  publicHash?: string;
  /** On the public version: the hash of the complete protocol it was derived from. */
  completeHash?: string;
}

/**
 * A version a newer one has replaced, as its document says at the top: which version this is,
 * which one is in force, and a link to that one's document (made and signed by the server).
 */
export interface Replaced {
  version: number;
  current: number;
  currentUrl: string;
}

/** "Ersatt: detta är version 1. Den gällande versionen är version 2:" — followed by the link. */
export function replacedText(r: Replaced): string {
  return `Ersatt: detta är version ${r.version}. Den gällande versionen är version ${r.current}:`;
}
