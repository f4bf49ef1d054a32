import type { Services } from '../services';
import { addDays, isOpen, localDate, reminderKind } from '../domain/cases';
import { tabUrl } from '../http/arendelogg-tab';

/**
 * Personal reminders to case owners: two days before the due date, and once it has passed.
 * Safe to run as often as wanted and on several instances: each reminder has an outbox key
 * (body, case, due date, kind), and the outbox queues a key once.
 */
export async function runCaseReminders(services: Services, now: Date = services.clock()): Promise<number> {
  const today = localDate(now);
  // Overdue ones are looked for a month back; a case still late after that has had its reminder.
  const refs = await services.cases.dueBetween(addDays(today, -31), addDays(today, 2));
  let queued = 0;
  for (const ref of refs) {
    const loaded = await services.cases.get(ref.bodyId, ref.caseId);
    const c = loaded?.value;
    if (!c || !c.due || !isOpen(c.status) || !c.ownerAad) continue;
    const kind = reminderKind(c.due, today);
    if (!kind) continue;
    const body = await services.bodies.get(c.bodyId);
    if (!body) continue;
    const text =
      kind === 'före'
        ? `Påminnelse från ${body.value.name}: ärende ${c.number} "${c.title}" ska vara klart senast ${c.due}.`
        : `Ärende ${c.number} "${c.title}" i ${body.value.name} skulle ha varit klart senast ${c.due} och är fortfarande ${c.status}.`;
    await services.outbox.enqueue({
      key: `case-reminder|${c.bodyId}|${c.id}|${c.due}|${kind}`,
      to: { aadObjectId: c.ownerAad, name: c.owner, viaConversationId: body.value.conversationId },
      text: `${text} Öppna ärendeloggen: ${tabUrl(services, c.bodyId, now, { case: c.id })}`,
    });
    queued++;
  }
  return queued;
}
