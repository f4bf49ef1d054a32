/** Shared steps of the secretary's changes to a planned meeting's föredragningslista. */
import { z } from 'zod';
import { replyCard, type BotContext } from '../../bot/context';
import { actorOf, authorizeIn, requireBody, requireMeeting } from '../../bot/guards';
import { UserError, NotFoundError } from '../../domain/errors';
import { agendaEditable } from '../../domain/lifecycle';
import type { Meeting } from '../../domain/meeting';
import { linkCallerInConversation } from '../../bot/roster-link';
import { previewCard } from '../../bot/meeting-view';
import { idSchema } from '../schemas';

export const meetingRef = z.object({ meetingId: idSchema });
export const itemRef = meetingRef.extend({ itemId: idSchema });

/** Loads body and meeting for a secretary's change to the list, refusing anyone else. */
export async function forSecretary(ctx: BotContext, action: string, meetingId: string) {
  const body = await linkCallerInConversation(ctx, (await requireBody(ctx)).value);
  authorizeIn(ctx, action, body);
  const meeting = await requireMeeting(ctx, body, meetingId);
  return { body, meeting: meeting.value };
}

export function editable(current: Meeting | undefined): Meeting {
  if (!current) throw new NotFoundError('Mötet finns inte längre.');
  if (!agendaEditable(current.status)) throw new UserError('Mötet har börjat, så föredragningslistan kan inte ändras längre.', 'state');
  return current;
}

/** One pure change to the list; the audit log names it 'möte.ändra' as before. Answers with the preview. */
export async function changeList(ctx: BotContext, action: string, meetingId: string, summary: string, change: (m: Meeting) => Meeting) {
  const { body } = await forSecretary(ctx, action, meetingId);
  const committed = await ctx.services.meetings.change(body.id, meetingId, {
    actor: actorOf(ctx),
    action: 'möte.ändra',
    summary,
    idempotencyKey: ctx.idempotencyKey,
    now: ctx.now,
    apply: (current) => change(editable(current)),
  });
  return replyCard(await previewCard(ctx, body, committed.value));
}
