import type { Services } from '../services';
import type { Actor } from '../storage/ports';
import type { Erased, PersonRequest } from '../domain/person-request';
import { unlinkFormer } from '../domain/roster';

/**
 * Carries out an erasure the secretary has decided: the person's conversation references and the
 * delivered messages addressed to them go, and in the bodies they are no longer on the roster of,
 * the former entry loses its Teams link (each such change in the body's audit log). What is an
 * allmän handling stays: meetings and their protocols, the audit log, case history, the request.
 */
export async function erase(services: Services, req: PersonRequest, actor: Actor, now: Date): Promise<Erased> {
  const conversations = await services.conversations.forget(req.aadObjectId);
  const outbox = await services.outbox.forgetRecipient(req.aadObjectId);
  let rosterLinks = 0;
  for (const b of req.bodies) {
    const loaded = await services.bodies.get(b.bodyId);
    if (!loaded || unlinkFormer(loaded.value, req.aadObjectId).unlinked === 0) continue;
    let n = 0;
    await services.bodies.change(b.bodyId, {
      actor,
      action: 'uppgifter.radera',
      summary: `Kopplingen till Teams-identiteten togs bort för ${req.name}, som inte längre står på ledamotslistan (begäran om radering)`,
      idempotencyKey: `radera|${req.id}|${b.bodyId}`,
      now,
      apply: (cur) => {
        if (!cur) throw new Error('body vanished');
        const r = unlinkFormer(cur, req.aadObjectId);
        n = r.unlinked;
        return r.body;
      },
    });
    rosterLinks += n;
  }
  return { conversations, outbox, rosterLinks };
}
