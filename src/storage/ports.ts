/**
 * What the bot and the web routes may ask of storage: one small interface per aggregate, so a
 * handler never reaches Azure Tables (`TableStore`) itself. The repositories beside this file
 * implement them; tests and the composition root (src/paragraf.ts) also see the repositories.
 */
import type { Body } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import type { Applied, Case, HistoryEntry, NewCaseInput } from '../domain/cases';
import type { PersonRequest } from '../domain/person-request';
import type { AuditEntry, ChainProblem } from '../domain/audit-chain';
import type { ConversationReference } from 'botbuilder';
import type { ExtractInput } from '../domain/register-extract';
import type { Actor, Change, Committed, Loaded } from './document-store';
import type { LoadedCase } from './cases';
import type { DeadlineKind, DeadlineRef } from './deadlines';

export type { Actor, Change, Committed, Loaded, LoadedCase };
export { StorageUnavailableError } from './table-store';

export interface BodyStore {
  get(bodyId: string): Promise<Loaded<Body> | undefined>;
  forConversation(conversationId: string): Promise<Loaded<Body> | undefined>;
  change(bodyId: string, change: Change<Body>): Promise<Committed<Body>>;
  /** Every body, by name (bodies are few). */
  all(): Promise<Body[]>;
  /** Bodies where the person is or was on the roster, or which they founded. */
  ofPerson(aadObjectId: string): Promise<Body[]>;
  audit(bodyId: string): Promise<AuditEntry[]>;
}

export interface MeetingStore {
  get(bodyId: string, meetingId: string): Promise<Loaded<Meeting> | undefined>;
  /** Commits a change with its effects, and carries them out (see domain/effects.ts). */
  change(bodyId: string, meetingId: string, change: Change<Meeting>): Promise<Committed<Meeting>>;
  /** Read from storage, past this instance's cache (a change another instance made a moment ago). */
  readFresh(bodyId: string, meetingId: string): Promise<Loaded<Meeting> | undefined>;
  listForBody(bodyId: string): Promise<Meeting[]>;
  listLoadedForBody(bodyId: string): Promise<Loaded<Meeting>[]>;
  current(bodyId: string): Promise<Meeting | undefined>;
  /** The meeting and its audit chain checked with the key (for what must not be shown if changed behind the log). */
  readVerified(bodyId: string, meetingId: string): Promise<{ doc?: Loaded<Meeting>; problems: ChainProblem[]; hashOnly: boolean }>;
  audit(bodyId: string, meetingId: string): Promise<AuditEntry[]>;
  /** Meetings with a deadline of this kind in [from, to] (the reminder jobs' index). */
  due(kind: DeadlineKind, from: string, to: string): Promise<DeadlineRef[]>;
}

export interface CaseStore {
  get(bodyId: string, id: string): Promise<LoadedCase | undefined>;
  withHistory(bodyId: string, id: string): Promise<{ loaded: LoadedCase; history: HistoryEntry[] } | undefined>;
  listOpen(bodyId: string, status?: string): Promise<Case[]>;
  /** The case made from a source (an agenda item, an uppdrag, a fråga), by its source key. */
  bySource(bodyId: string, key: string): Promise<string | undefined>;
  listAll(bodyId: string): Promise<Case[]>;
  create(bodyId: string, input: NewCaseInput & { ownerAad?: string; attachments?: string[]; nextMeeting?: boolean }, actor: Actor, now: Date, sourceKey: string, historyText?: string): Promise<{ value: Case; duplicate: boolean }>;
  change(bodyId: string, id: string, apply: (cur: Case) => Applied, idempotencyKey?: string): Promise<{ value: Case; duplicate: boolean }>;
  ownedBy(aadObjectId: string): Promise<Case[]>;
  dueBetween(from: string, to: string): Promise<{ bodyId: string; caseId: string }[]>;
}

export interface ConversationStore {
  remember(ref: Partial<ConversationReference>, seenAt: Date): Promise<void>;
  get(conversationId: string): Promise<Partial<ConversationReference> | undefined>;
  rememberPersonal(aadObjectId: string, ref: Partial<ConversationReference>): Promise<void>;
  personal(aadObjectId: string): Promise<Partial<ConversationReference> | undefined>;
  /** Erasure: the person's own references go (see conversations.ts). Returns how many were touched. */
  forget(aadObjectId: string): Promise<number>;
}

export interface PersonRequestStore {
  get(id: string): Promise<Loaded<PersonRequest> | undefined>;
  change(id: string, change: Change<PersonRequest>): Promise<Committed<PersonRequest>>;
  byPerson(aadObjectId: string): Promise<PersonRequest[]>;
  audit(id: string): Promise<AuditEntry[]>;
}

/** Everything stored about one person, for a registerutdrag. */
export interface PersonDataStore {
  collect(aadObjectId: string, displayName: string): Promise<ExtractInput>;
}

/** Lease rows (the scheduler's): with several instances, one holder at a time. */
export interface LeaseStore {
  claim(name: string, holder: string, ttlMs: number, now?: number, opts?: { renew?: boolean }): Promise<boolean>;
}

/** For /healthz and the request's storage budget. */
export interface StorageHealth {
  readonly timeoutMs: number;
  ping(): Promise<boolean>;
}
