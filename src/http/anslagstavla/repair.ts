import type { Services } from '../../services';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { anslagEntryOf, type AnslagEntry } from '../../domain/anslagstavla';
import { swedishDay } from '../../domain/meeting-time';
import { AnslagIndex } from '../../storage/anslag-index';

/**
 * Keeping the anslagstavla's rows in step with the meetings and bodies they come from:
 * * the hourly repair (index.reparation) enters every anslaget meeting whose row is missing (its
 *   write failed after the anslag was recorded, or it was recorded before the anslagstavla existed),
 *   and rewrites a row still up whose notice has changed since;
 * * a change of a body's settings (Förvaringsplats:, Huvudman:) rewrites that body's rows still up
 *   at once, as the anslagsbevis follows them too.
 * An anslag once up is never taken off early: a body whose profile no longer has anslag keeps its row.
 */

const same = (a: AnslagEntry, b: AnslagEntry) => JSON.stringify(a) === JSON.stringify(b);

async function rewrite(services: Services, body: Body, meeting: Meeting, stored: AnslagEntry | undefined): Promise<boolean> {
  const entry = anslagEntryOf(body, meeting);
  if (!entry || (stored && same(stored, entry))) return false;
  return Boolean(await services.anslagstavla.record(body, meeting));
}

/** `anslaget`: the meetings whose anslag is or was up (a scan, which the hourly job passes in from the composition root). */
export async function repairAnslagIndex(services: Services, anslaget: () => Promise<Meeting[]>): Promise<number> {
  const present = await services.anslagstavla.index.keys();
  const up = new Map((await services.anslagstavla.index.listUpFrom(swedishDay(services.clock()))).map((e) => [AnslagIndex.rowKey(e.bodyId, e.meetingId), e]));
  const meetings = (await anslaget()).filter((m) => {
    const key = AnslagIndex.rowKey(m.bodyId, m.id);
    return m.anslag && (!present.has(key) || up.has(key));
  });
  let n = 0;
  for (const m of meetings) {
    const body = (await services.bodies.get(m.bodyId))?.value;
    if (body && (await rewrite(services, body, m, up.get(AnslagIndex.rowKey(m.bodyId, m.id))))) n++;
  }
  return n;
}

/** After a body's settings changed: its rows still up, rewritten where the notice now reads differently. */
export async function refreshBodyEntries(services: Services, body: Body): Promise<void> {
  const rows = (await services.anslagstavla.index.listUpFrom(swedishDay(services.clock()))).filter((e) => e.bodyId === body.id);
  for (const row of rows) {
    const meeting = (await services.meetings.get(body.id, row.meetingId))?.value;
    if (meeting) await rewrite(services, body, meeting, row);
  }
}
