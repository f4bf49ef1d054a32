/**
 * Shared steps of the protocol actions: after the meeting, the draft protocol, corrections, justering
 * in personal chat, locking and anslag. The secretary's actions act in the body's conversation;
 * Justera and Begär ändring come from personal chats, so every payload names its body and meeting.
 */
import { z } from 'zod';
import type { BotContext, Reply } from '../../bot/context';
import { actorOf, authorizeIn, requireBodyNamed, requireMeeting } from '../../bot/guards';
import { memberByAad, type Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { NotFoundError, UserError } from '../../domain/errors';
import { createDraft, latestVersion } from '../../domain/protocol/versions';
import { reviewCard, secretaryCard } from '../../bot/protocol-cards';
import type { Loaded } from '../../storage/document-store';
import { lastClosed, meetingsOn, parseDateQuery } from '../../domain/meeting-date-query';
import { idSchema } from '../schemas';

const PROTOCOL_STATUSES = new Set(['avslutat', 'protokollutkast', 'under justering', 'justerat', 'anslaget', 'laga kraft']);

/** A card's checkbox: true, "true", or absent/false/"". */
export const flag = z.union([z.boolean(), z.enum(['true', 'false', ''])]).optional().transform((v) => v === true || v === 'true');

/** The body and meeting a protocol card names (the body only when it was sent to a personal chat). */
export const protocolRef = z.object({ bodyId: idSchema.optional(), meetingId: idSchema });

/** A § of the protocol by number. */
export const paragraphNumber = z.coerce.number().int().min(0).max(100000);

/**
 * The meeting named on the card; else the one named by date ("protokoll 18 december"); else the
 * meeting closed last that has no protocol yet, or, when all have one, the meeting closed last.
 */
export async function protocolMeeting(ctx: BotContext, body: Body, meetingId?: string, dateText?: string): Promise<Meeting> {
  if (meetingId) return (await requireMeeting(ctx, body, meetingId)).value;
  const all = await ctx.services.meetings.listForBody(body.id);
  const done = all.filter((m) => PROTOCOL_STATUSES.has(m.status));
  if (dateText) {
    const q = parseDateQuery(dateText);
    const on = meetingsOn(all, q);
    const day = 'date' in q ? q.date : q.text;
    if (on.length === 0) throw new UserError(`${body.name} har inget möte ${day}. Skriv "protokoll" för mötet som avslutades senast.`, 'not_found');
    const over = on.filter((m) => PROTOCOL_STATUSES.has(m.status));
    if (over.length === 0) throw new UserError(`Mötet ${on[0].start.slice(0, 10)} är inte avslutat (det är ${on[0].status}). Protokollet skrivs när mötet är avslutat.`, 'state');
    return lastClosed(over)!;
  }
  const m = lastClosed(done.filter((x) => x.status === 'avslutat' && x.protocol.length === 0)) ?? lastClosed(done);
  if (!m) throw new UserError('Det finns inget avslutat möte att skriva protokoll för. Avsluta mötet först.', 'state');
  return m;
}

export async function changeProtocol(ctx: BotContext, body: Body, meeting: Meeting, action: string, summary: string | ((m: Meeting) => string), apply: (m: Meeting) => Meeting, current?: Loaded<Meeting>): Promise<{ value: Meeting; duplicate: boolean }> {
  return ctx.services.meetings.change(body.id, meeting.id, {
    actor: actorOf(ctx),
    action,
    summary,
    idempotencyKey: `${ctx.idempotencyKey}|${action}`,
    now: ctx.now,
    current,
    apply: (current) => {
      if (!current) throw new NotFoundError('Mötet finns inte längre.');
      return apply(current);
    },
  });
}

/** Version 1 of the protocol; `right`: the action whose rights creating it needs (protokoll.skapa). */
export async function createProtocol(ctx: BotContext, right: 'protokoll.skapa', bodyId?: string, meetingId?: string): Promise<Reply> {
  const body = (await requireBodyNamed(ctx, bodyId)).value;
  const meeting = await protocolMeeting(ctx, body, meetingId);
  authorizeIn(ctx, right, body, meeting);
  const at = ctx.now.toISOString();
  const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.skapa', 'Protokollutkast version 1 skapat', (m) => createDraft(body, m, at, ctx.caller.name));
  return { cards: [secretaryCard(ctx.services, body, value, ctx.now)], text: `Protokollutkastet för ${body.name} är skapat (version 1).` };
}

/**
 * Justera or Begär ändring pressed on the card of a version a newer one has replaced: answered with
 * the current version's card in place of the old one, and nothing changes. Undefined when the card
 * is current (the domain still refuses a stale version inside the write, for a read that was behind).
 */
export function replacedCardReply(ctx: BotContext, body: Body, meeting: Meeting, version: number): Reply | undefined {
  const latest = latestVersion(meeting);
  const member = memberByAad(body, ctx.caller.id);
  if (!latest || version === latest.version || !member) return undefined;
  const next =
    meeting.status === 'under justering'
      ? latest.approvals.some((a) => a.memberId === member.id)
        ? `Du har redan justerat version ${latest.version}.`
        : `Läs version ${latest.version} och justera den, eller begär ändring.`
      : meeting.status === 'protokollutkast'
        ? `Version ${latest.version} är inte skickad till justering ännu; du får ett nytt kort när den skickas.`
        : `Protokollet är ${meeting.status} i version ${latest.version}.`;
  const notice = `Kortet du tryckte på gällde version ${version}, som har ersatts av version ${latest.version}. Inget har ändrats. ${next}`;
  return { cards: [reviewCard(ctx.services, body, meeting, member.id, ctx.now, notice)] };
}

/** Runs a justering write; if the version turned out stale inside it, answers with the current card instead. */
export async function onCurrentVersion(ctx: BotContext, body: Body, meetingId: string, version: number, write: () => Promise<Reply>): Promise<Reply> {
  try {
    return await write();
  } catch (err) {
    if (!(err instanceof UserError) || err.code !== 'stale') throw err;
    const fresh = (await ctx.services.meetings.get(body.id, meetingId))?.value;
    const reply = fresh && replacedCardReply(ctx, body, fresh, version);
    if (!reply) throw err;
    return reply;
  }
}

