import { z } from 'zod';
import { defineCommand, defineVerb } from '../registry';
import type { BotContext, Reply } from '../context';
import { actorOf, authorizeIn, requireBody, requireMeeting } from '../guards';
import { memberByAad, type Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { NotFoundError, UserError } from '../../domain/errors';
import { approve, correct, createDraft, latestVersion, pendingApprovers, namesOf, recordAnslag, requestChange, sendForJustering } from '../../domain/protocol/versions';
import { localToday, reviewCard, secretaryCard, verifiedForShowing } from '../protocol-service';
import type { Loaded } from '../../storage/document-store';
import { lastClosed, meetingsOn, parseDateQuery } from '../../domain/meeting-date-query';
import { CORRECTION_FIELDS, FIELD_LABEL } from '../../domain/protocol/paragraph-correction';
import { protocolCorrectionCard } from '../../cards/protocol-correction/protocol-correction';
import { withArchivedPdf } from '../../documents/archived-pdf';

/**
 * After the meeting: the draft protocol, corrections, justering in personal chat, locking and
 * anslag. The secretary's verbs act in the body's conversation; Justera and Begär ändring come
 * from personal chats, so every payload names its body and meeting.
 */

const PROTOCOL_STATUSES = new Set(['avslutat', 'protokollutkast', 'under justering', 'justerat', 'anslaget', 'laga kraft']);

const id = z.string().trim().min(1).max(80);
const flag = z.union([z.boolean(), z.enum(['true', 'false', ''])]).optional().transform((v) => v === true || v === 'true');

async function loadBody(ctx: BotContext, bodyId?: string): Promise<Loaded<Body>> {
  if (!bodyId) return requireBody(ctx);
  const body = await ctx.services.bodies.get(bodyId);
  if (!body) throw new NotFoundError('Organet finns inte längre. Kortet kan vara gammalt.');
  return body;
}

/**
 * The meeting named on the card; else the one named by date ("protokoll 18 december"); else the
 * meeting closed last that has no protocol yet, or, when all have one, the meeting closed last.
 */
async function loadMeeting(ctx: BotContext, body: Body, meetingId?: string, dateText?: string): Promise<Meeting> {
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

async function change(ctx: BotContext, body: Body, meeting: Meeting, action: string, summary: string | ((m: Meeting) => string), apply: (m: Meeting) => Meeting, current?: Loaded<Meeting>): Promise<{ value: Meeting; duplicate: boolean }> {
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

async function createProtocol(ctx: BotContext, bodyId?: string, meetingId?: string): Promise<Reply> {
  const body = (await loadBody(ctx, bodyId)).value;
  const meeting = await loadMeeting(ctx, body, meetingId);
  authorizeIn(ctx, 'protokoll.skapa', body, meeting);
  const at = ctx.now.toISOString();
  const { value } = await change(ctx, body, meeting, 'protokoll.skapa', 'Protokollutkast version 1 skapat', (m) => createDraft(body, m, at, ctx.caller.name));
  return { cards: [secretaryCard(ctx.services, body, value, ctx.now)], text: `Protokollutkastet för ${body.name} är skapat (version 1).` };
}

export const protokollCommand = defineCommand({
  name: 'protokoll',
  pattern: /^protokoll(?:utkast)?(?:\s+(.+))?$/i,
  help: { section: 'Efter mötet', usage: 'protokoll [datum]', description: 'Skapa protokollutkastet för mötet som just avslutades (eller mötet den dagen: "protokoll 18 december"), eller visa protokollet och dess justering.' },
  run: async (ctx, { match }) => {
    const body = (await requireBody(ctx)).value;
    const meeting = await loadMeeting(ctx, body, undefined, match[1]);
    if (meeting.status === 'avslutat' && meeting.protocol.length === 0) return createProtocol(ctx, body.id, meeting.id);
    authorizeIn(ctx, 'protokoll.visa', body, meeting);
    return { cards: [secretaryCard(ctx.services, body, await verifiedForShowing(ctx.services, meeting), ctx.now)] };
  },
});

const createVerb = defineVerb({
  verb: 'protokoll.skapa',
  schema: z.object({ bodyId: id.optional(), meetingId: id.optional() }),
  run: (ctx, d) => createProtocol(ctx, d.bodyId, d.meetingId),
});

const showVerb = defineVerb({
  verb: 'protokoll.visa',
  schema: z.object({ bodyId: id.optional(), meetingId: id.optional() }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.visa', body, meeting);
    if (!latestVersion(meeting)) throw new UserError('Det finns inget protokollutkast ännu.', 'state');
    return { cards: [secretaryCard(ctx.services, body, await verifiedForShowing(ctx.services, meeting), ctx.now)] };
  },
});

const correctVerb = defineVerb({
  verb: 'protokoll.rätta',
  schema: z.object({
    bodyId: id.optional(),
    meetingId: id,
    paragraph: z.coerce.number().int().min(0).max(100000),
    field: z.enum(CORRECTION_FIELDS).default('anteckning'),
    text: z.string().max(8000).default(''),
    rattelse: flag,
  }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.rätta', body, meeting);
    const at = ctx.now.toISOString();
    const { value } = await change(ctx, body, meeting, 'protokoll.rätta', `§ ${d.paragraph} rättad (${FIELD_LABEL[d.field].toLocaleLowerCase('sv')}), ny protokollversion`, (m) =>
      correct(body, m, { paragraph: d.paragraph, field: d.field, text: d.text, rattelse: d.rattelse }, at, ctx.caller.name),
    );
    const v = latestVersion(value)!;
    const again = meeting.status === 'under justering' || meeting.status === 'justerat' ? ' Justeringar av tidigare versioner gäller inte för den nya; skicka den till justering igen.' : '';
    return { cards: [secretaryCard(ctx.services, body, value, ctx.now, `§ ${d.paragraph} är rättad. Version ${v.version} är skapad.${again}`)] };
  },
});

/** Rätta en paragraf, step one: the chosen part of the § in an input that starts from its current text. */
const correctFormVerb = defineVerb({
  verb: 'protokoll.rätta.visa',
  schema: z.object({
    bodyId: id.optional(),
    meetingId: id,
    paragraph: z.coerce.number().int().min(0).max(100000),
    field: z.enum(CORRECTION_FIELDS).default('anteckning'),
    rattelse: flag,
  }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.rätta', body, meeting);
    const index = meeting.items.findIndex((i) => i.paragraph === d.paragraph);
    if (index < 0) throw new NotFoundError(`§ ${d.paragraph} finns inte i det här mötet.`);
    return { cards: [protocolCorrectionCard(body, meeting, index, d.field, d.rattelse)] };
  },
});

const sendVerb = defineVerb({
  verb: 'protokoll.skicka',
  schema: z.object({ bodyId: id.optional(), meetingId: id }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.skicka', body, meeting);
    const at = ctx.now.toISOString();
    const { value } = await change(ctx, body, meeting, 'protokoll.skicka', 'Protokollet skickat till justering', (m) => sendForJustering(body, m, at));
    const v = latestVersion(value)!;
    const approvers = pendingApprovers(body, value);
    // The personal review cards are an effect of the change (domain/effects.ts); who has no Teams link gets none.
    const unreachable = approvers.filter((r) => !r.aadObjectId);
    const missing = unreachable.length ? ` ${namesOf(unreachable)} är inte kopplade till Teams ännu och får inget kort; de kan skriva till Paragraf i chatten först.` : '';
    return {
      cards: [secretaryCard(ctx.services, body, value, ctx.now)],
      text: `Version ${v.version} av protokollet är skickad till justering till ${namesOf(approvers)}.${missing}`,
    };
  },
});

/**
 * Justera or Begär ändring pressed on the card of a version a newer one has replaced: answered with
 * the current version's card in place of the old one, and nothing changes. Undefined when the card
 * is current (the domain still refuses a stale version inside the write, for a read that was behind).
 */
function replacedCardReply(ctx: BotContext, body: Body, meeting: Meeting, version: number): Reply | undefined {
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
async function onCurrentVersion(ctx: BotContext, body: Body, meetingId: string, version: number, write: () => Promise<Reply>): Promise<Reply> {
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

const approveVerb = defineVerb({
  verb: 'protokoll.justera',
  schema: z.object({ bodyId: id, meetingId: id, version: z.coerce.number().int().min(1) }),
  run: async (ctx, d) => {
    // The body and the meeting side by side; the change commits on this read (two sequential round trips).
    const [loadedBody, loaded] = await Promise.all([loadBody(ctx, d.bodyId), ctx.services.meetings.get(d.bodyId, d.meetingId)]);
    const body = loadedBody.value;
    const meeting = loaded?.value ?? (await loadMeeting(ctx, body, d.meetingId));
    authorizeIn(ctx, 'protokoll.justera', body, meeting);
    const replaced = replacedCardReply(ctx, body, meeting, d.version);
    if (replaced) return replaced;
    return onCurrentVersion(ctx, body, meeting.id, d.version, () => approveVersion(ctx, body, meeting, d.version, loaded));
  },
});

async function approveVersion(ctx: BotContext, body: Body, meeting: Meeting, version: number, loaded: Loaded<Meeting> | undefined): Promise<Reply> {
  const member = memberByAad(body, ctx.caller.id);
  const at = ctx.now.toISOString();
  const justerade = `${member?.name ?? ctx.caller.name} justerade version ${version}`;
  const { value } = await change(ctx, body, meeting, 'protokoll.justera', (m) => (latestVersion(m)?.approvals.at(-1)?.late ? `${justerade} efter fristen` : justerade), (m) => withArchivedPdf(approve(body, m, member, ctx.caller.id, version, at)), loaded);
  // The locked protocol is posted to the chat as an effect of the change (domain/effects.ts).
  const v = latestVersion(value)!;
  const notice = v.lockedAt ? `Alla har justerat. Protokollet är låst (version ${v.version}).` : `Tack, du har justerat version ${v.version}.`;
  return { cards: [reviewCard(ctx.services, body, value, member!.id, ctx.now, notice)] };
}

const changeRequestVerb = defineVerb({
  verb: 'protokoll.ändring',
  schema: z.object({
    bodyId: id,
    meetingId: id,
    version: z.coerce.number().int().min(1),
    paragraph: z.union([z.literal(''), z.coerce.number().int().min(0)]).optional().transform((v) => (v === '' ? undefined : v)),
    comment: z.string().max(2000).default(''),
  }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.ändring', body, meeting);
    return replacedCardReply(ctx, body, meeting, d.version) ?? onCurrentVersion(ctx, body, meeting.id, d.version, () => requestChangeOn(ctx, body, meeting, d));
  },
});

async function requestChangeOn(ctx: BotContext, body: Body, meeting: Meeting, d: { version: number; paragraph?: number; comment: string }): Promise<Reply> {
  const member = memberByAad(body, ctx.caller.id);
  const at = ctx.now.toISOString();
  const { value } = await change(ctx, body, meeting, 'protokoll.ändring', `${member?.name ?? ctx.caller.name} begär ändring${d.paragraph !== undefined ? ` i § ${d.paragraph}` : ''}`, (m) =>
    requestChange(body, m, member, d.version, d.paragraph, d.comment, at),
  );
  // The secretary is told in the chat as an effect of the change (domain/effects.ts).
  const where = d.paragraph !== undefined ? ` i § ${d.paragraph}` : '';
  return { cards: [reviewCard(ctx.services, body, value, member!.id, ctx.now, `Din begäran om ändring${where} är skickad till sekreteraren.`)] };
}

const anslagVerb = defineVerb({
  verb: 'protokoll.anslå',
  schema: z.object({ bodyId: id.optional(), meetingId: id, date: z.string().trim().max(10).optional() }),
  run: async (ctx, d) => {
    const body = (await loadBody(ctx, d.bodyId)).value;
    const meeting = await loadMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.anslå', body, meeting);
    const date = d.date || localToday(ctx.now);
    const at = ctx.now.toISOString();
    const { value } = await change(ctx, body, meeting, 'protokoll.anslå', `Anslag ${date}`, (m) => recordAnslag(body, m, date, at, ctx.caller.name));
    return { cards: [secretaryCard(ctx.services, body, value, ctx.now, `Anslaget är antecknat: ${date}.`)] };
  },
});

export const PROTOCOL_VERBS = [createVerb, showVerb, correctFormVerb, correctVerb, sendVerb, approveVerb, changeRequestVerb, anslagVerb];
