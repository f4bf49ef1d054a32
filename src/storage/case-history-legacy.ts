import { GENESIS, KEYED, sealProblem, type AuditKey } from '../domain/audit-chain';
import type { HistoryEntry } from '../domain/cases';

/**
 * The ärendelogg's layout before cases moved onto the document store (cases.ts): a `case|<id>` row
 * with the case's JSON, and its history as `hist|<id>|<seq>` rows chained by prevHash and sealed
 * per row. Kept only to read such rows once, check their chain and carry them over
 * (CaseRepo.migrateOldLayout), and for `audit:verify` on a store the bot has not started on since.
 */
const HIST_PAD = 6;

export const legacyCaseRow = (id: string) => `case|${id}`;
export const legacyHistRow = (id: string, seq: number) => `hist|${id}|${String(seq).padStart(HIST_PAD, '0')}`;

export type SealedHistory = HistoryEntry & { prevHash: string; scheme?: typeof KEYED; keyId?: string; hash: string };

export function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Table row → history entry; the one mapping, shared with audit-verify. */
export function toHistory(e: Record<string, unknown>): SealedHistory {
  return {
    seq: Number(e.seq),
    at: String(e.at),
    by: String(e.by),
    byId: String(e.byId),
    kind: e.kind as HistoryEntry['kind'],
    text: String(e.text),
    meetingId: e.meetingId === undefined ? undefined : String(e.meetingId),
    paragraph: e.paragraph === undefined ? undefined : Number(e.paragraph),
    prevHash: String(e.prevHash),
    // Rows without a scheme are the older plain SHA-256 ones; the fields stay absent so their hash still verifies.
    ...(e.scheme !== undefined ? { scheme: String(e.scheme) as typeof KEYED, keyId: String(e.keyId) } : {}),
    hash: String(e.hash),
  };
}

/** The history entry without its seal, as the case document keeps it. */
export function unsealed(h: SealedHistory): HistoryEntry {
  return stripUndefined({ seq: h.seq, at: h.at, by: h.by, byId: h.byId, kind: h.kind, text: h.text, meetingId: h.meetingId, paragraph: h.paragraph });
}

/** Problems in a case's history chain (edited row, missing row, broken link, plain row after keyed ones); [] when intact. */
export function verifyHistory(rows: SealedHistory[], key: AuditKey, lastHash?: string): string[] {
  const problems: string[] = [];
  let prev = GENESIS;
  let keyed = false;
  rows.forEach((r, i) => {
    if (r.seq !== i + 1) problems.push(`post ${i + 1} saknas`);
    if (r.prevHash !== prev) problems.push(`post ${r.seq}: kedjan är bruten`);
    const sealed = sealProblem(stripUndefined(r), key);
    if (sealed) problems.push(sealed.startsWith('posten har ändrats') ? `post ${r.seq} har ändrats` : `post ${r.seq}: ${sealed}`);
    if (r.scheme === undefined && keyed) problems.push(`post ${r.seq} är bara hash-förseglad fast tidigare poster är nyckelförseglade (omförseglad utan nyckeln)`);
    keyed ||= r.scheme !== undefined;
    prev = r.hash;
  });
  if (lastHash !== undefined && lastHash !== prev) problems.push('den sista posten saknas');
  return problems;
}
