import { canonicalJson, sha256, sealWithKey, type AuditEntry, type AuditKey, type KEYED } from '../../src/domain/audit-chain';
import type { HistoryEntry } from '../../src/domain/cases';
import { stripUndefined } from '../../src/storage/case-history-legacy';

/**
 * An entry sealed the older way (plain SHA-256 over every other field), as chains stored before
 * PARAGRAF_AUDIT_KEY were, and as anyone with storage access but no key could seal one. The bot
 * never seals this way any more; sealProblem in src/domain/audit-chain.ts still verifies it.
 */
export function sealEntryPlain(e: Omit<AuditEntry, 'hash' | 'scheme' | 'keyId'>): AuditEntry {
  return { ...e, hash: sha256(canonicalJson(e)) };
}

/**
 * A history row as the ärendelogg wrote it before cases moved onto the document store (each row
 * sealed and chained by prevHash); the bot only reads such rows now, to carry them over.
 */
export function sealHistory(e: HistoryEntry, prevHash: string, key: AuditKey): { hash: string; prevHash: string; scheme: typeof KEYED; keyId: string } {
  const { hash, scheme, keyId } = sealWithKey({ ...stripUndefined(e), prevHash }, key);
  return { prevHash, scheme, keyId, hash };
}
