import { createHash, createHmac } from 'node:crypto';

/**
 * One append-only audit record. `hash` covers every other field, so editing any of them breaks the
 * chain. Entries sealed since PARAGRAF_AUDIT_KEY came carry `scheme: 'hmac-sha256'` and the id of
 * the key: their `hash` is an HMAC, which someone with storage access but not the key cannot
 * recompute after an edit. Entries without `scheme` are the older plain SHA-256 ones ("only
 * hash-sealed"): they still verify, but anyone who can write the store can re-seal them.
 */
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
  scheme?: typeof KEYED;
  /** Which key sealed the entry (see auditKey), so a key change reads as such and not as tampering. */
  keyId?: string;
  hash: string;
}

export const KEYED = 'hmac-sha256';

/** The secret that seals audit entries, with a short public id derived from it. */
export interface AuditKey {
  keyId: string;
  mac(text: string): string;
}

/**
 * The key local mode seals with when PARAGRAF_AUDIT_KEY is not set. It is public (it is in the
 * source), like local mode's link secret: a local store has no one to keep it from.
 */
export const DEV_AUDIT_KEY = 'paragraf-local-development-audit-key (not secret)';

export function auditKey(secret: string): AuditKey {
  return {
    keyId: sha256(`paragraf-audit-key-id|${secret}`).slice(0, 12),
    mac: (text) => createHmac('sha256', secret).update(text).digest('hex'),
  };
}

/** The id of the development key, so verification can name entries sealed with it. */
export const DEV_AUDIT_KEY_ID = auditKey(DEV_AUDIT_KEY).keyId;

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

/** Seals a new entry with the key (HMAC-SHA-256 over every other field, the scheme and key id included). */
export function sealEntry(e: Omit<AuditEntry, 'hash' | 'scheme' | 'keyId'>, key: AuditKey): AuditEntry {
  return sealWithKey(e, key);
}

/** Any record of an audit chain (an audit entry, an ärendelogg history row), sealed with the key. */
export function sealWithKey<T extends object>(e: T, key: AuditKey): T & { scheme: typeof KEYED; keyId: string; hash: string } {
  const body = { ...e, scheme: KEYED, keyId: key.keyId } as const;
  return { ...body, hash: key.mac(canonicalJson(body)) };
}

/** A sealed record as stored: `scheme` absent on the older plain SHA-256 ones. */
export interface Sealed {
  scheme?: string;
  keyId?: string;
  hash: string;
}

/** Why a record's own seal does not hold, or undefined when it does. */
export function sealProblem(e: Sealed, key: AuditKey): string | undefined {
  const { hash, ...rest } = e;
  if (e.scheme === undefined) return sha256(canonicalJson(rest)) === hash ? undefined : 'posten har ändrats (hash stämmer inte)';
  if (e.scheme !== KEYED) return `posten har ett okänt förseglingssätt (${String(e.scheme)})`;
  if (e.keyId !== key.keyId) {
    const which = e.keyId === DEV_AUDIT_KEY_ID ? 'utvecklingsnyckeln (lokalt läge)' : `en annan nyckel (${e.keyId})`;
    return `posten är förseglad med ${which}, inte med PARAGRAF_AUDIT_KEY; kan inte kontrolleras`;
  }
  return key.mac(canonicalJson(rest)) === hash ? undefined : 'posten har ändrats (HMAC stämmer inte)';
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
export function verifyChain(entries: AuditEntry[], key: AuditKey, currentDocHash?: string, currentVersion?: number): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  let prevAfter = GENESIS;
  let expectSeq = 1;
  let keyed = false;
  for (const e of entries) {
    const { hash } = e;
    const sealed = sealProblem(e, key);
    if (sealed) problems.push({ seq: e.seq, problem: sealed });
    // Plain entries are only older than keyed ones: a plain entry after a keyed one was re-sealed by someone without the key.
    if (e.scheme === undefined && keyed) problems.push({ seq: e.seq, problem: 'posten är bara hash-förseglad fast tidigare poster är nyckelförseglade (omförseglad utan nyckeln)' });
    keyed ||= e.scheme !== undefined;
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

/** The seqs of entries sealed only with plain SHA-256 (before the key), for the report. */
export function hashOnlySeqs(entries: AuditEntry[]): number[] {
  return entries.filter((e) => e.scheme === undefined).map((e) => e.seq);
}
