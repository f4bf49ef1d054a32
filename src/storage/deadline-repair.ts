import type { CaseRepo } from './cases';
import { meetingDeadlines, sameRef, type DeadlineIndex, type DeadlineKind, type DeadlineRef } from './deadlines';
import { meetingsWithStatus } from './meeting-scan';
import type { TableStore } from './table-store';

const KINDS: DeadlineKind[] = ['kallelse', 'justering', 'ärende'];

/**
 * Makes the deadline index match the meetings and cases: enters what a failed write (or data from
 * before the index) missed, and removes rows nothing is due under any more. It reads every meeting
 * document, so it runs at start-up and hourly under a lease, never in the minute's jobs.
 */
export async function repairDeadlines(store: TableStore, index: DeadlineIndex, cases: CaseRepo): Promise<{ added: number; removed: number }> {
  const want: DeadlineRef[] = [
    ...(await meetingsWithStatus(store, ['kallat', 'under justering'])).flatMap((m) => meetingDeadlines(m.bodyId, m)),
    ...(await cases.allOwnedDue()),
  ];
  const have = (await Promise.all(KINDS.map((k) => index.all(k)))).flat();
  const missing = want.filter((w) => !have.some((h) => sameRef(h, w)));
  const stale = have.filter((h) => !want.some((w) => sameRef(h, w)));
  await index.enter(missing);
  for (const r of stale) await index.remove(r);
  return { added: missing.length, removed: stale.length };
}
