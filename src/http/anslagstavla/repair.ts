import type { Services } from '../../services';
import { meetingsWithStatus } from '../../storage/meeting-scan';
import { AnslagIndex } from '../../storage/anslag-index';

/**
 * The hourly repair (index.reparation): every anslaget meeting whose index row is missing (its write
 * failed after the anslag was recorded) is entered. One scan of the meetings' documents; the row is
 * the same the anslå flow writes, so a repair and a late write never disagree.
 */
export async function repairAnslagIndex(services: Services): Promise<number> {
  const present = await services.anslagstavla.index.keys();
  const missing = (await meetingsWithStatus(services.store, ['anslaget', 'laga kraft'])).filter((m) => m.anslag && !present.has(AnslagIndex.rowKey(m.bodyId, m.id)));
  let n = 0;
  for (const m of missing) {
    const body = (await services.bodies.get(m.bodyId))?.value;
    if (body && (await services.anslagstavla.record(body, m))) n++;
  }
  return n;
}
