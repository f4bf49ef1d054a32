/**
 * The documents this process read or wrote last, with their ETag, for a short while.
 * A hot verb (an RSVP, an outcome) then commits on what it wrote a moment ago instead of reading
 * the body and the meeting again: one storage round trip instead of two.
 *
 * Safe for writes however stale: a change commits If-Match the cached ETag, so a document changed
 * by another instance fails the transaction (412) and the change is replayed on a fresh read. Only
 * what a card *shows*, or a rights check on the body, can lag behind another instance's write, and
 * by at most `maxAgeMs`. Entries are deep-frozen, so they are handed out as they are (no copy, no
 * parse: for a 60-§ meeting that was most of justera's garbage) and no caller can change a cached
 * document by mutating it; domain code builds new objects anyway.
 */
import type { Loaded } from './document-store';

/** A document as read or written, its value deep-frozen (see deepFreeze). */
export type CachedDoc = Loaded<unknown>;

export class DocCache {
  private readonly entries = new Map<string, { doc: CachedDoc; at: number }>();

  constructor(
    readonly maxAgeMs: number,
    private readonly maxEntries = 2000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(key: string): CachedDoc | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Map order is insertion order: re-inserting marks the entry as recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.doc;
  }

  set(key: string, doc: CachedDoc): void {
    if (this.maxAgeMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { doc, at: this.now() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Freezes an object graph in place; parts already frozen (shared with an earlier version) are not walked again. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value as object)) deepFreeze(v);
  return value;
}
