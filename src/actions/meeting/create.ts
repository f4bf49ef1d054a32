import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard, type BotContext } from '../../bot/context';
import { actorOf, authorizeIn, requireBody } from '../../bot/guards';
import { sha256 } from '../../domain/audit-chain';
import { UserError } from '../../domain/errors';
import { parseAgenda } from '../../domain/agenda-parser';
import { numberItems } from '../../domain/agenda';
import { firstParagraphOn, laterRenumbering, renumberPlanned, renumberingText } from '../../domain/paragraph-order';
import { newMeeting, nextMeetingNumber, type Meeting } from '../../domain/meeting';
import { linkCallerInConversation } from '../../bot/roster-link';
import { proposedItems } from '../../bot/agenda-proposals';
import { agendaPreviewCard } from '../../cards/agenda-preview/agenda-preview';
import { BodyRepo } from '../../storage/bodies';
import { agendaFormCard } from '../../cards/forms/forms';

/**
 * `nytt möte` + Datum/Plats/Diarienummer + the items as a protocol prints them: a planned meeting
 * whose unnumbered items take the next § of the body's year. Answers with the secretary's preview.
 */
export const createMeeting = defineAction({
  name: 'möte.skapa',
  rights: ['sekreterare'],
  schema: z.object({ rader: z.string().max(20000) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, { rader: text }) => {
    // "nytt möte" alone: the form, which keeps the agenda's line breaks whatever the client does.
    if (!text.trim()) return replyCard(agendaFormCard());
    // The body, its meetings and the agenda proposals side by side (all keyed by the body id, which
    // follows from the conversation); the new meeting is then created on that read.
    const bodyId = BodyRepo.idFor(ctx.conversationId);
    const proposalsRead = proposedItems(ctx.services, bodyId);
    proposalsRead.catch(() => undefined); // awaited below; a refusal first must not leave it unhandled
    const [loadedBody, loaded] = await Promise.all([requireBody(ctx), ctx.services.meetings.listLoadedForBody(bodyId)]);
    const body = await linkCallerInConversation(ctx, loadedBody.value);
    authorizeIn(ctx, 'möte.skapa', body);
    const agenda = parseAgenda(text);
    const all = loaded.map((l) => l.value);
    // Unnumbered items follow the year's meetings dated before this one, not the last one created.
    const items = numberItems(agenda.items, firstParagraphOn(all, agenda.start));
    // Derived from the activity, so a resent message finds the same meeting.
    const id = 'm' + sha256(ctx.idempotencyKey).slice(0, 16);
    const meeting: Meeting = newMeeting({
      id,
      bodyId: body.id,
      number: nextMeetingNumber(all),
      start: agenda.start,
      ...(agenda.end ? { end: agenda.end } : {}),
      ...(agenda.place ? { place: agenda.place } : {}),
      ...(agenda.diarienummer ? { diarienummer: agenda.diarienummer } : {}),
      status: 'planerat',
      items,
      createdBy: ctx.caller.id,
      createdAt: ctx.now.toISOString(),
    });
    const committed = await ctx.services.meetings.change(body.id, id, {
      actor: actorOf(ctx),
      action: 'möte.skapa',
      summary: `Möte ${agenda.start.replace('T', ' ')} skapades med ${items.length} ärenden`,
      idempotencyKey: ctx.idempotencyKey,
      now: ctx.now,
      current: loaded.find((l) => l.value.id === id) ?? null,
      apply: (current) => current ?? meeting,
    });
    const notice = await renumberLater(ctx, body.id, all, committed.value);
    return replyCard(agendaPreviewCard(body, committed.value, await proposalsRead), notice || undefined);
  },
});

/**
 * A meeting created for an earlier date moves the year's later planerat meetings on (each its own
 * audited change, checked again on the stored meeting); kallade ones are kept and named in the answer.
 */
async function renumberLater(ctx: BotContext, bodyId: string, all: Meeting[], added: Meeting): Promise<string> {
  const plan = laterRenumbering(all, added);
  for (const r of plan.renumber) {
    await ctx.services.meetings.change(bodyId, r.meetingId, {
      actor: actorOf(ctx),
      action: 'möte.numrera',
      summary: `Paragraferna numrerades om från § ${r.from} (ett möte ${added.start.slice(0, 10)} lades in före)`,
      idempotencyKey: `${ctx.idempotencyKey}|numrera|${r.meetingId}`,
      now: ctx.now,
      apply: (current) => {
        if (!current) throw new UserError('Mötet finns inte längre.', 'not_found');
        return renumberPlanned(current, r.from);
      },
    });
  }
  return renumberingText(plan);
}
