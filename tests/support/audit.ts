import { canonicalJson, sha256, type AuditEntry } from '../../src/domain/audit-chain';

/**
 * An entry sealed the older way (plain SHA-256 over every other field), as chains stored before
 * PARAGRAF_AUDIT_KEY were, and as anyone with storage access but no key could seal one. The bot
 * never seals this way any more; sealProblem in src/domain/audit-chain.ts still verifies it.
 */
export function sealEntryPlain(e: Omit<AuditEntry, 'hash' | 'scheme' | 'keyId'>): AuditEntry {
  return { ...e, hash: sha256(canonicalJson(e)) };
}
