import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Item, Meeting } from '../domain/meeting';
import type { TableStore } from '../storage/table-store';
import { meetingsWithStatus } from '../storage/meeting-scan';
import { caseForItem } from './case-service';

/**
 * An agenda item's outcome (beslut, bordläggs, återremitteras, information) goes into the
 * ärendelogg as the item's case. The meeting commits first and the case is written after, so a
 * lost case write (a crash, a storage error) is made up by a repair pass: caseForItem is keyed
 * per meeting, item and outcome, so running it again records nothing twice.
 */

/** Items whose outcome this change set or replaced (standard items have no case). */
function decidedNow(before: Meeting | undefined, after: Meeting): Item[] {
  return after.items.filter((i) => {
    if (i.standard || !i.outcome) return false;
    const was = before?.items.find((x) => x.id === i.id)?.outcome;
    return !was || was.kind !== i.outcome.kind || was.recordedAt !== i.outcome.recordedAt;
  });
}

/** After a meeting change commits: the case of every item it decided. A failure is logged only (the repair makes it up). */
export async function casesForOutcomes(services: Services, body: Body, before: Meeting | undefined, after: Meeting): Promise<void> {
  for (const item of decidedNow(before, after)) {
    try {
      await caseForItem(services, body, after, item);
    } catch (err) {
      services.log.warn({ err: { message: (err as Error).message }, meetingId: after.id, itemId: item.id }, 'item case write failed; the repair pass makes it up');
    }
  }
}

/** Every decided item of one meeting gets its case (idempotent). Returns how many items failed. */
export async function repairMeetingCases(services: Services, body: Body, meeting: Meeting): Promise<number> {
  let failed = 0;
  for (const item of meeting.items) {
    if (item.standard || !item.outcome) continue;
    try {
      await caseForItem(services, body, meeting, item);
    } catch (err) {
      failed += 1;
      services.log.warn({ err: { message: (err as Error).message }, meetingId: meeting.id, itemId: item.id }, 'item case repair failed');
    }
  }
  return failed;
}

/** How far back the hourly repair looks: a meeting closed earlier has long had its cases checked. */
export const REPAIR_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * The hourly repair (index.reparation): the decided items of meetings closed in the last two
 * weeks get their cases. It scans the meetings table, so it runs hourly under the lease only.
 */
export async function repairRecentItemCases(store: TableStore, services: Services, now: Date): Promise<{ meetings: number; failed: number }> {
  const closed = (await meetingsWithStatus(store, ['avslutat', 'protokollutkast', 'under justering', 'justerat', 'anslaget'])).filter(
    (m) => m.closedAt && now.getTime() - Date.parse(m.closedAt) <= REPAIR_WINDOW_MS && m.items.some((i) => !i.standard && i.outcome),
  );
  let failed = 0;
  for (const m of closed) {
    const body = await services.bodies.get(m.bodyId);
    if (body) failed += await repairMeetingCases(services, body.value, m);
  }
  return { meetings: closed.length, failed };
}
