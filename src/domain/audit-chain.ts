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

/**
 * JSON with sorted keys, so the same content always hashes the same. The stored chains were made
 * with JSON.stringify over objects rebuilt with sorted keys; this writes the same text without
 * building a sorted copy of every object (it is on every change's path), and
 * tests/domain/canonical-json.test.ts holds the two to each other.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

const INDEX = /^(?:0|[1-9]\d*)$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 4294967295;

/** Key order of an object rebuilt from sorted entries: array-index keys ascending by value, then the rest in sort order. */
function canonicalKeys(obj: object): string[] {
  const keys = Object.keys(obj).sort();
  if (!keys.some(isIndex)) return keys;
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndex(k))];
}

function write(v: unknown): string | undefined {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(): unknown }).toJSON();
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (write(v[i]) ?? 'null');
        return out + ']';
      }
      let out = '{';
      let first = true;
      for (const k of canonicalKeys(v)) {
        const s = write((v as Record<string, unknown>)[k]);
        if (s === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + s;
        first = false;
      }
      return out + '}';
    }
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined; // undefined, functions and symbols are left out, as JSON.stringify does
  }
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
