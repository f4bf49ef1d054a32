import type { AuditProblem } from './audit-verify';

/**
 * Chain heads anchored outside the store. Every committed change reports its chain's new head
 * (table, partition, seq, hash); the bot writes it to its log (`"msg":"audit head"`), which lives
 * apart from Table Storage (Azure Monitor, a log file). A chain only vouches for the entries it
 * still has: someone with storage access can remove the newest entries, or a whole meeting, and
 * put back an older document. `npm run audit:verify -- --heads <log file>` compares the store with
 * the heads the log saw, and reports every chain that is now shorter or different than it was.
 */
export interface ChainHead {
  table: string;
  partition: string;
  seq: number;
  hash: string;
}

export type OnHead = (head: ChainHead) => void;

/** The newest head per chain found in log text (JSON lines; other lines are skipped). */
export function parseHeads(text: string): Map<string, ChainHead> {
  const out = new Map<string, ChainHead>();
  for (const line of text.split('\n')) {
    if (!line.includes('"auditHead"')) continue;
    let h: ChainHead | undefined;
    try {
      h = (JSON.parse(line) as { auditHead?: ChainHead }).auditHead;
    } catch {
      continue;
    }
    if (!h || typeof h.table !== 'string' || typeof h.partition !== 'string' || !Number.isInteger(h.seq) || typeof h.hash !== 'string') continue;
    const key = chainKey(h.table, h.partition);
    if ((out.get(key)?.seq ?? 0) < h.seq) out.set(key, h);
  }
  return out;
}

export function chainKey(table: string, partition: string): string {
  return `${table}/${partition}`;
}

/** Each anchored head against the chain the store has now (seq → hash per chain). */
export function checkHeads(heads: Map<string, ChainHead>, chains: Map<string, Map<number, string>>): AuditProblem[] {
  const problems: AuditProblem[] = [];
  for (const h of [...heads.values()].sort((a, b) => chainKey(a.table, a.partition).localeCompare(chainKey(b.table, b.partition)))) {
    const chain = chains.get(chainKey(h.table, h.partition));
    const add = (problem: string) => problems.push({ table: h.table, partition: h.partition, seq: h.seq, problem });
    if (!chain || chain.size === 0) {
      add(`loggens kedjehuvud visar post ${h.seq}, men kedjan finns inte längre i lagringen (borttagen)`);
      continue;
    }
    const last = Math.max(...chain.keys());
    const stored = chain.get(h.seq);
    if (stored === undefined && last < h.seq) add(`loggens kedjehuvud visar post ${h.seq}, men kedjan slutar vid ${last}: de senaste posterna är borttagna`);
    else if (stored === undefined) add(`loggens kedjehuvud visar post ${h.seq}, men den posten saknas`);
    else if (stored !== h.hash) add(`posten har ett annat hash än när den skrevs enligt loggens kedjehuvud (omskriven)`);
  }
  return problems;
}
