/**
 * Shared steps of the actions on a meeting in progress. A card names its meeting (and item); a typed
 * line does not: it is about the meeting in progress (else the next planned), and its § by number.
 */
import { z } from 'zod';
import type { BotContext } from '../../bot/context';
import { authorizeIn, requireBody, requireMeeting } from '../../bot/guards';
import { changeMeeting, commandMeeting, itemIndexById } from '../../bot/meeting-flow';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { itemIndexOf } from '../../domain/outcome';
import { BodyRepo } from '../../storage/bodies';
import type { Loaded } from '../../storage/document-store';
import { adoptPressedCard, refreshLiveCard } from '../../bot/live-card';
import { idSchema } from '../schemas';

/** A § by number, as a typed line names it. */
export const paragraphSchema = z.coerce.number().int().min(0).max(100000);

/** The item card's stamp (itemStamp): which state of the § the pressed card showed. */
export const stampSchema = z.string().max(64).optional();

/** A card names the meeting and the item; a typed line only the §. */
export const itemTarget = { meetingId: idSchema.optional(), itemId: idSchema.optional(), paragraph: paragraphSchema.optional() };

/**
 * The body and the meeting, read side by side (the meeting's key follows from the conversation), and
 * the caller's right checked on both. Without a meetingId: the meeting a typed command is about
 * (`afterwards`: a closed meeting before justering too, for reservation texts and the next meeting).
 */
export async function loadMeeting(ctx: BotContext, action: string, meetingId: string | undefined, opts: { afterwards?: boolean } = {}) {
  const bodyId = BodyRepo.idFor(ctx.conversationId);
  let body: Body;
  let loaded: Loaded<Meeting> | undefined;
  if (meetingId) {
    const [b, found] = await Promise.all([requireBody(ctx), ctx.services.meetings.get(bodyId, meetingId)]);
    body = b.value;
    loaded = found ?? (await requireMeeting(ctx, body, meetingId));
  } else {
    // The change then commits on the meeting as read here: two sequential round trips.
    const [b, all] = await Promise.all([requireBody(ctx), ctx.services.meetings.listLoadedForBody(bodyId)]);
    body = b.value;
    const meeting = await commandMeeting(ctx, body, { afterwards: opts.afterwards, all: all.map((l) => l.value) });
    loaded = all.find((l) => l.value.id === meeting.id)!;
  }
  const parties = authorizeIn(ctx, action, body, loaded.value);
  return { body, meeting: loaded.value, loaded, parties };
}

/** The item a payload names: by id from a card, by § from a typed line. */
export function itemIndexIn(meeting: Meeting, d: { itemId?: string; paragraph?: number }): number {
  if (d.itemId) return itemIndexById(meeting, d.itemId);
  if (d.paragraph !== undefined) return itemIndexOf(meeting, d.paragraph);
  return itemIndexById(meeting, '');
}

/**
 * One pure change to the meeting, committed on the read `loaded`; a pressed card becomes the live
 * one, and the live card is then redrawn, so a typed change leaves no stale card in view either.
 */
export async function changeAndRefresh(ctx: BotContext, body: Body, loaded: Loaded<Meeting>, action: string, summary: string | ((m: Meeting) => string), apply: (m: Meeting) => Meeting): Promise<Meeting> {
  const { value } = await changeMeeting(ctx, body, loaded.value.id, action, summary, (m) => adoptPressedCard(ctx, apply(m)), '', loaded);
  await refreshLiveCard(ctx, body, value);
  return value;
}
