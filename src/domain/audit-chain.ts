import { createHash } from 'node:crypto';

/** One append-only audit record. `hash` covers every other field, so editing any of them breaks the chain. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  action: string;
  summary: string;
  beforeHash: string;
  afterHash: string;
  prevHash: string;
  hash: string;
}

export const GENESIS = '0'.repeat(64);

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

export function contentHash(value: unknown): string {
  return value === undefined ? GENESIS : sha256(canonicalJson(value));
}

export function sealEntry(e: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...e, hash: sha256(canonicalJson(e)) };
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/**
 * Checks a stream's entries (sorted by seq) against each other and against the current document:
 * a changed entry breaks its own hash, a removed one leaves a gap or a broken link, a changed
 * document no longer matches the last entry's afterHash.
 */
export function verifyChain(entries: AuditEntry[], currentDocHash?: string, currentVersion?: number): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  let prevAfter = GENESIS;
  let expectSeq = 1;
  for (const e of entries) {
    const { hash, ...rest } = e;
    if (sha256(canonicalJson(rest)) !== hash) problems.push({ seq: e.seq, problem: 'posten har ändrats (hash stämmer inte)' });
    if (e.seq !== expectSeq) problems.push({ seq: e.seq, problem: `post ${expectSeq} saknas` });
    if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: 'kedjan är bruten (föregående hash stämmer inte)' });
    // Each change starts from the document the one before left: anything else was edited in between, outside the log.
    else if (e.seq === expectSeq && e.beforeHash !== prevAfter) problems.push({ seq: e.seq, problem: 'dokumentet ändrades utanför loggen före denna post' });
    prev = hash;
    prevAfter = e.afterHash;
    expectSeq = e.seq + 1;
  }
  const last = entries[entries.length - 1];
  if (currentVersion !== undefined && currentVersion !== (last?.seq ?? 0)) {
    problems.push({ seq: currentVersion, problem: `dokumentet har version ${currentVersion} men loggen slutar vid ${last?.seq ?? 0}` });
  }
  if (currentDocHash !== undefined && last && last.afterHash !== currentDocHash) {
    problems.push({ seq: last.seq, problem: 'dokumentet har ändrats utanför loggen' });
  }
  return problems;
}
