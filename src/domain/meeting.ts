/**
 * A meeting and everything recorded about it: the föredragningslista before, attendance,
 * tjänstgöring and per-item outcomes during, the protocol versions and justering after.
 * The protocol is assembled from this structured record, never from free text alone.
 */

import type { ProtocolModel } from './protocol/model';
import { swedishDay } from './meeting-time';
import type { Sekretess } from './sekretess';

export type MeetingStatus =
  | 'planerat'
  | 'kallat'
  | 'pågår'
  | 'avslutat'
  | 'protokollutkast'
  | 'under justering'
  | 'justerat'
  | 'anslaget'
  | 'laga kraft';

export type ItemKind = 'Muntligt informationsärende' | 'Informationsärende' | 'Beslutsärende';

/** Standard opening and closing items (seed 002), so the protocol can treat them by kind. */
export type StandardItem = 'upprop' | 'föregående protokoll' | 'övriga frågor' | 'sammanfattning' | 'nästa möte' | 'ärenden till annan';

export type OutcomeKind = 'informationen' | 'beslut' | 'bordläggs' | 'återremitteras' | 'handlingarna' | 'noterat';

export interface Outcome {
  kind: OutcomeKind;
  /** The decision text for 'beslut' (from the förslag or as typed). */
  decision?: string;
  /** The closing formula with the body's name: "Samråd vård och omsorg godkände informationen." */
  formula: string;
  recordedBy: string;
  recordedAt: string;
}

/** A yrkande: who proposed what. */
export interface Motion {
  id: string;
  byMemberId: string;
  text: string;
  withdrawn?: boolean;
}

export type VoteChoice = 'ja' | 'nej' | 'avstår';

/** One side of a votering: what a ja (or nej) vote stands for. */
export interface VoteSide {
  /** 'förslaget', 'avslag' or a yrkande's id. */
  ref: string;
  /** "bifaller förslaget", "avslår förslaget", "bifaller Sara Lunds yrkande" */
  stance: string;
  /** How the decision reads when this side wins: "enligt förslaget", "att avslå förslaget". */
  outcome: string;
}

export interface Vote {
  id: string;
  /** The voteringsproposition: "Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej." */
  question: string;
  /** What ja and nej stood for (absent on votes recorded before this was kept). */
  sides?: { ja: VoteSide; nej: VoteSide };
  /** memberId → choice, one per serving member on the §. */
  votes: Record<string, VoteChoice>;
  ja: number;
  nej: number;
  avstar: number;
  /** True when the chair's casting vote decided a tie. */
  castingVote?: boolean;
  /** True when lots decided a tie (val, 5 kap. 57 §). */
  lot?: boolean;
  /**
   * Val med slutna sedlar: who handed in a ballot (in roster order, never the order of voting)
   * and how many ballots there were; `votes` is then empty, as nothing links a ballot to its voter.
   */
  secret?: { ballots: number; voters: string[] };
  /** Cast by the members on a vote card (not typed by the secretary). */
  byCard?: boolean;
  result: 'ja' | 'nej';
}

/**
 * A votering the members cast themselves on a vote card, while it runs. The votes are not here:
 * each press is its own row beside the meeting (storage/member-presses.ts); the document holds
 * only what the chair and secretary decide: the proposition, that it runs, and when it closed.
 */
export interface OpenVote {
  id: string;
  question: string;
  sides: { ja: VoteSide; nej: VoteSide };
  /** Val med slutna sedlar. */
  secret?: boolean;
  startedAt: string;
  /** The vote card in the conversation, updated in place when the vote closes. */
  card?: { conversationId: string; activityId: string };
  /**
   * Set first when the vote is closed (the secretary's Stäng, or the last vote in): from then no
   * press is taken, and the presses are counted after it, so a press either lands before the count
   * or is told it did not count.
   */
  closingAt?: string;
  /** Voting has ended on a tie that the chair decides with the casting vote (open votes only): the count, and the votes it was made of. */
  awaitingCastingVote?: { ja: number; nej: number; avstar: number; at: string; votes?: Record<string, VoteChoice> };
}

export interface Reservation {
  memberId: string;
  kind: 'reservation' | 'protokollsanteckning';
  text?: string;
  at: string;
}

export interface Assignment {
  /** The ärendelogg case this uppdrag became. */
  caseId?: string;
  ownerName: string;
  ownerMemberId?: string;
  text: string;
  due?: string; // yyyy-MM-dd
}

export interface Question {
  /** Who asked: a member's name or an organisation ("Säter"). */
  askedBy: string;
  text: string;
  caseId?: string;
}

export interface Item {
  id: string;
  paragraph: number;
  title: string;
  kind?: ItemKind;
  standard?: StandardItem;
  presenters?: string;
  attachments: string[];
  proposal?: string;
  description?: string;
  /** The ärendelogg case this item belongs to. */
  caseId?: string;
  // Recorded during the meeting:
  note?: string;
  outcome?: Outcome;
  motions: Motion[];
  /** Motion ids in the order the chair put them (propositionsordning). */
  propositionOrder?: string[];
  /** The motion that won, when there were several. */
  adoptedMotionId?: string;
  votes: Vote[];
  /** A votering by the members now running on this § (see OpenVote). */
  openVote?: OpenVote;
  /** memberIds declared jäviga on this §. */
  jav: string[];
  reservations: Reservation[];
  assignments: Assignment[];
  questions: Question[];
  immediateJustering?: { approvals: { memberId: string; at: string }[]; locked?: boolean };
  /** Covered by sekretess (OSL): the whole §, its text or named persons; set on the agenda or until locking (sekretess.ts). */
  sekretess?: Sekretess;
}

export type Rsvp = 'kommer' | 'förhinder';

export interface RsvpAnswer {
  memberId: string;
  answer: Rsvp;
  at: string;
}

/** An ersättare asked to serve for an absent ledamot (förhinder), in roster order within the party. */
export interface SubstituteCall {
  forMemberId: string;
  askedMemberId: string;
  answer?: 'ja' | 'nej';
  at: string;
  /** Set when the ledamot withdrew the förhinder before the ersättare was needed. */
  cancelledAt?: string;
}

/**
 * One stretch of service: member served (tjänstgjorde) from item index `fromIndex` up to, not
 * including, `toIndex` (open while the meeting goes on), possibly for an absent ledamot.
 */
export interface ServicePeriod {
  memberId: string;
  replacing?: string;
  fromIndex: number;
  toIndex?: number;
  /** 'jäv': the ersättare served only while the member was jävig on that §. */
  reason?: 'jäv';
}

export interface Attendance {
  /** memberId → present at upprop (the secretary's upprop decides). */
  present: Record<string, boolean>;
  /** Self check-ins before the upprop was confirmed. */
  checkedIn: string[];
  confirmedAt?: string;
  /** Arrivals and departures between items, for the protocol. */
  events: { memberId: string; kind: 'ankom' | 'lämnade'; atIndex: number; at: string }[];
}

export interface ProtocolApproval {
  memberId: string;
  aadObjectId: string;
  name: string;
  at: string;
  /** Set when this justering came after the justering deadline (it still counts, and the protocol says so). */
  late?: boolean;
}

export interface ProtocolVersion {
  version: number;
  createdAt: string;
  markdown: string;
  contentHash: string;
  approvals: ProtocolApproval[];
  changeRequests: { memberId: string; paragraph?: number; comment: string; at: string }[];
  lockedAt?: string;
  /** The document model this version was rendered from, so an old version renders as it was. */
  model?: ProtocolModel;
  createdBy?: string;
  /** When the secretary sent this version for justering. */
  sentAt?: string;
  /** Set on a version made after an earlier one was locked (a rättelse): the locked version's number. */
  correctionOf?: number;
  /** Set when the version was locked after the justering deadline: that deadline ("2021-12-31"). */
  lateJustering?: { deadline: string };
  /** SHA-256 of the PDF/A file made when the version was locked; the served PDF must match it. */
  pdfHash?: string;
  /**
   * The public version, fixed at locking together with the complete one (protocol/public-version.ts):
   * its canonical Markdown, that text's hash, and the hash of its PDF/A. Never edited by hand.
   */
  public?: { markdown: string; contentHash: string; pdfHash?: string };
}

export interface Meeting {
  id: string;
  bodyId: string;
  /**
   * The meeting's running number within its body (1, 2, 3 …), so that a meeting removed from
   * storage leaves a gap `npm run audit:verify` reports. Absent on meetings made before it existed.
   */
  number?: number;
  /** Start and end, ISO date-times in Swedish local time without offset ("2021-12-17T09:00"). */
  start: string;
  end?: string;
  /** When the secretary started the meeting (instant, ISO UTC); its Swedish day is the meeting's date. */
  startedAt?: string;
  /** When Avsluta mötet was pressed (instant, ISO UTC): the protocol's end time on another day, and `protokoll` takes the meeting just closed. */
  closedAt?: string;
  place?: string;
  diarienummer?: string;
  status: MeetingStatus;
  items: Item[];
  rsvps: Record<string, RsvpAnswer>;
  substitutes: SubstituteCall[];
  attendance: Attendance;
  service: ServicePeriod[];
  justerare: string[];
  currentIndex: number;
  /**
   * The secretary's one live item card in the chat (its activity id), updated in place after
   * every change so that no older card with outdated buttons stays in view.
   */
  liveCard?: { conversationId: string; activityId: string };
  nextMeeting?: string;
  /** The next meeting's date (yyyy-MM-dd) when `nextMeeting` could be read as one. */
  nextMeetingDate?: string;
  kallelseSentAt?: string;
  protocol: ProtocolVersion[];
  /** The anslag of a justerat protocol (kommunallagen): the day it was announced on the anslagstavla. */
  anslag?: { date: string; recordedAt: string; by: string };
  createdBy: string;
  createdAt: string;
}

export function emptyItem(partial: Pick<Item, 'id' | 'paragraph' | 'title'> & Partial<Item>): Item {
  return { attachments: [], motions: [], votes: [], jav: [], reservations: [], assignments: [], questions: [], ...partial };
}

/** A meeting as it stands when created: nothing answered, attended, served or protocolled yet. */
export function newMeeting(fields: Pick<Meeting, 'id' | 'bodyId' | 'start' | 'status' | 'items' | 'createdBy' | 'createdAt'> & Partial<Meeting>): Meeting {
  return {
    rsvps: {},
    substitutes: [],
    attendance: { present: {}, checkedIn: [], events: [] },
    service: [],
    justerare: [],
    currentIndex: 0,
    protocol: [],
    ...fields,
  };
}

/** The next running number: after the highest given, and never below the count (older meetings have none). */
export function nextMeetingNumber(meetings: Pick<Meeting, 'number'>[]): number {
  return Math.max(meetings.length, ...meetings.map((m) => m.number ?? 0)) + 1;
}

/**
 * The day the meeting was held (Swedish calendar day): the day it was started, which is the booked
 * day unless the secretary confirmed starting it on another; the booked day until it has started.
 */
export function meetingDay(m: Pick<Meeting, 'start' | 'startedAt'>): string {
  return m.startedAt ? swedishDay(m.startedAt) : m.start.slice(0, 10);
}

/** True when the meeting was held on another day than it was booked for. */
export function heldOffBookedDay(m: Pick<Meeting, 'start' | 'startedAt'>): boolean {
  return meetingDay(m) !== m.start.slice(0, 10);
}

export function paragraphRange(m: Meeting): string {
  if (m.items.length === 0) return '';
  const nums = m.items.map((i) => i.paragraph);
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}
