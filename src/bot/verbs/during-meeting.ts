import { z } from 'zod';
import { defineVerb } from '../registry';
import type { BotContext } from '../context';
import { authorizeIn, requireBody, requireMeeting } from '../guards';
import { callerEntry, changeMeeting, itemIndexById } from '../meeting-flow';
import type { Meeting, OutcomeKind } from '../../domain/meeting';
import type { Body } from '../../domain/body';
import type { AdaptiveCard } from '../../cards/render';
import { UserError } from '../../domain/errors';
import { assertOngoing, checkIn, confirmUpprop, withCheckIns } from '../../domain/attendance';
import { startMeetingReply } from '../meeting-start-flow';
import { quorumText } from '../../domain/quorum';
import { assertItemOpen, checkedOutcome, formula, nextItem, recordOutcome, OUTCOME_LABEL } from '../../domain/outcome';
import { approveImmediate, markImmediate } from '../../domain/item-records';
import { closeMeeting } from '../../domain/closing';
import { meetingClosedCard } from '../../cards/meeting-closed/meeting-closed';
import { organisationPresence, organisationPresenceLines } from '../../domain/organisation-presence';
import { joinSv } from '../../domain/sv-text';
import { uppropCard, PRESENT_PREFIX } from '../../cards/upprop/upprop';
import { immediateCard, itemCard, replaceOutcomeCard } from '../../cards/item/item';
import { closeConfirmCard } from '../../cards/close-confirm/close-confirm';
import { adoptPressedCard, currentMeetingCard, refreshLiveCard, staleReply } from '../live-card';
import { paragraphsWithoutOutcome } from '../../domain/closing';
import { BodyRepo } from '../../storage/bodies';
import { immediateLinks } from '../protocol-service';

/** Card verbs of the upprop card, the secretary's item card and the omedelbar-justering card. */

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max, `högst ${max} tecken`);
const boolish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
/** The item card's stamp (itemStamp): which state of the § the pressed card showed. */
const stamp = z.string().max(64).optional();

/** The body and the meeting, read side by side (the meeting's key follows from the conversation). */
async function load(ctx: BotContext, meetingId: string, action: string) {
  const [body, found] = await Promise.all([requireBody(ctx), ctx.services.meetings.get(BodyRepo.idFor(ctx.conversationId), meetingId)]);
  const meeting = found ?? (await requireMeeting(ctx, body.value, meetingId));
  const parties = authorizeIn(ctx, action, body.value, meeting.value);
  return { body: body.value, meeting: meeting.value, loaded: meeting, parties };
}

export const startMeetingVerb = defineVerb({
  verb: 'möte.starta',
  // confirmedDay: the day the secretary confirmed on the "Starta ändå" card; cancel: its Avbryt.
  schema: z.object({ meetingId: id, confirmedDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), cancel: boolish.optional() }),
  run: async (ctx, d) => {
    const { body, loaded } = await load(ctx, d.meetingId, 'möte.starta');
    if (d.cancel) return { text: 'Mötet startades inte.' };
    return startMeetingReply(ctx, body, loaded, d.confirmedDay);
  },
});

/** Every "p_<rosterId>" toggle of the card, plus the Justerare choice (comma-separated ids). */
const uppropSchema = z
  .object({ meetingId: id, justerare: text(2000).optional() })
  .catchall(z.unknown())
  .transform((d, zctx) => {
    const present: Record<string, boolean> = {};
    for (const [k, v] of Object.entries(d)) {
      if (!k.startsWith(PRESENT_PREFIX)) continue;
      const b = boolish.safeParse(v);
      if (!b.success || k.length > 80) {
        zctx.addIssue({ code: z.ZodIssueCode.custom, message: 'närvaro måste vara ja eller nej', path: [k] });
        return z.NEVER;
      }
      present[k.slice(PRESENT_PREFIX.length)] = b.data;
    }
    const justerare = (d.justerare ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return { meetingId: d.meetingId, present, justerare };
  });

export const confirmUppropVerb = defineVerb({
  verb: 'upprop.bekräfta',
  schema: uppropSchema,
  run: async (ctx, d) => {
    const [{ body, meeting, loaded }, checkedIn] = await Promise.all([load(ctx, d.meetingId, 'upprop.bekräfta'), ctx.services.presses.checkIns(BodyRepo.idFor(ctx.conversationId), d.meetingId)]);
    let value: Meeting;
    try {
      // The check-ins (rows of their own) enter the meeting document with the upprop.
      ({ value } = await changeMeeting(ctx, body, d.meetingId, 'upprop.bekräfta', 'Uppropet bekräftades', (m) => adoptPressedCard(ctx, confirmUpprop(body, withCheckIns(m, checkedIn), d.present, d.justerare, ctx.now.toISOString())), '', loaded));
    } catch (err) {
      // A refusal draws the card again from what was submitted: the ticks and the justerare stay.
      if (!(err instanceof UserError) || meeting.status !== 'pågår') throw err;
      return { cards: [uppropCard(body, withCheckIns(meeting, checkedIn), err.userMessage, { present: d.present, justerare: d.justerare })] };
    }
    await refreshLiveCard(ctx, body, value);
    const people = body.roster.filter((r) => r.role !== 'tjänsteperson' && value.attendance.present[r.id] !== undefined);
    const here = people.filter((r) => value.attendance.present[r.id]).length;
    const names = value.justerare.map((j) => body.roster.find((r) => r.id === j)?.name ?? j);
    // A råd counts its member organisations too: who is represented, who has named no one yet.
    const orgs = organisationPresenceLines(organisationPresence(body, (mid) => Boolean(value.attendance.present[mid]))).join(' ');
    const summary = [`Uppropet är bekräftat: ${here} närvarande, ${people.length - here} frånvarande.`, orgs, names.length ? `Justerare: ${joinSv(names)}.` : '', quorumText(body, value) ?? ''].filter(Boolean).join(' ');
    return { cards: [itemCard(body, value)], text: summary };
  },
});

export const checkInVerb = defineVerb({
  verb: 'upprop.checkin',
  schema: z.object({ meetingId: id }),
  run: async (ctx, d) => {
    const { body, meeting } = await load(ctx, d.meetingId, 'upprop.checkin');
    const me = callerEntry(ctx, body);
    // Refused here as before (not started, upprop confirmed); the press itself is one row of its own,
    // so a full council checking in at once does not queue on the meeting document.
    checkIn(meeting, me);
    await ctx.services.presses.checkIn(body.id, meeting.id, me.id, ctx.now.toISOString());
    const all = await ctx.services.presses.checkIns(body.id, meeting.id);
    return { cards: [uppropCard(body, withCheckIns(meeting, all), `${me.name} är här.`)] };
  },
});

const OUTCOMES = ['informationen', 'beslut', 'bordläggs', 'återremitteras', 'handlingarna', 'noterat'] as const;

export const outcomeVerb = defineVerb({
  verb: 'ärende.utfall',
  schema: z.object({
    meetingId: id,
    itemId: id,
    stamp,
    outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: 'okänt utfall' }) }),
    beslut: text(2000).optional(),
    anteckning: text(8000).optional(),
    /** The Beslut text the card showed with its formula; a changed text is shown again before it is recorded. */
    shown: text(2000).optional(),
    /** Ersätt on the "§ … har redan beslut" question; cancel: its Avbryt. */
    replace: boolish.optional(),
    cancel: boolish.optional(),
  }),
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await load(ctx, d.meetingId, 'ärende.utfall');
    const index = itemIndexById(meeting, d.itemId);
    if (d.cancel) return { cards: [currentMeetingCard(body, meeting) ?? itemCard(body, meeting, index)] };
    const stale = staleReply(body, meeting, index, d.stamp);
    if (stale) return stale;
    const kind = d.outcome as OutcomeKind;
    if (kind === 'beslut' && d.shown !== undefined && formula(body, 'beslut', d.beslut ?? '') !== formula(body, 'beslut', d.shown)) {
      // The law first (a refusal needs no confirmation), then the formula as the protocol will print it.
      recordOutcome(body, meeting, index, kind, { decision: d.beslut, by: ctx.caller.id, at: ctx.now.toISOString() });
      const status = `Kontrollera beslutet: i protokollet blir det "${formula(body, 'beslut', d.beslut ?? '')}" Tryck Beslut igen för att anteckna det.`;
      return { cards: [itemCard(body, meeting, index, status, { beslut: d.beslut ?? '', anteckning: d.anteckning })] };
    }
    const asked = replaceQuestion(body, meeting, index, kind, d.beslut, d.anteckning, d.replace);
    if (asked) return asked;
    const { value } = await changeMeeting(
      ctx, body, d.meetingId, 'ärende.utfall', `§ ${meeting.items[index].paragraph}: ${OUTCOME_LABEL[kind]}`,
      (m) => adoptPressedCard(ctx, recordOutcome(body, m, index, kind, { decision: d.beslut, note: d.anteckning, by: ctx.caller.id, at: ctx.now.toISOString() })),
      '', loaded,
    );
    await refreshLiveCard(ctx, body, value);
    return { cards: [itemCard(body, value, index)] };
  },
});

/**
 * An outcome never silently replaces another: unless Ersätt was pressed, a § that already has a
 * different outcome gets the question "§ 45 har redan beslut … Ersätt?" (checked against the law first).
 */
export function replaceQuestion(body: Body, meeting: Meeting, index: number, kind: OutcomeKind, decision: string | undefined, note: string | undefined, replace: boolean | undefined): { cards: AdaptiveCard[] } | undefined {
  const old = meeting.items[index].outcome;
  if (!old || replace) return undefined;
  // Refusals first: a closed meeting or a justerad § is not asked about.
  assertOngoing(meeting);
  assertItemOpen(meeting.items[index]);
  const next = checkedOutcome(body, meeting, index, kind, decision?.trim());
  if (next.formula === old.formula) return undefined;
  return { cards: [replaceOutcomeCard(body, meeting, index, { kind, formula: next.formula, decision: decision?.trim(), note })] };
}

export const nextItemVerb = defineVerb({
  verb: 'ärende.nästa',
  schema: z.object({ meetingId: id, itemId: id, stamp, anteckning: text(8000).optional() }),
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await load(ctx, d.meetingId, 'ärende.nästa');
    const index = itemIndexById(meeting, d.itemId);
    const stale = staleReply(body, meeting, index, d.stamp);
    if (stale) return stale;
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'ärende.nästa', `Nästa ärende efter § ${meeting.items[index].paragraph}`, (m) => adoptPressedCard(ctx, nextItem(m, index, d.anteckning)), '', loaded);
    await refreshLiveCard(ctx, body, value);
    return { cards: [itemCard(body, value)] };
  },
});

export const requestImmediateVerb = defineVerb({
  verb: 'omedelbar.begär',
  schema: z.object({ meetingId: id, itemId: id, stamp }),
  run: async (ctx, d) => {
    const { body, meeting } = await load(ctx, d.meetingId, 'omedelbar.begär');
    const index = itemIndexById(meeting, d.itemId);
    const stale = staleReply(body, meeting, index, d.stamp);
    if (stale) return stale;
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'omedelbar.begär', `§ ${meeting.items[index].paragraph} markerad för omedelbar justering`, (m) => adoptPressedCard(ctx, markImmediate(m, index)));
    await refreshLiveCard(ctx, body, value);
    return { cards: [itemCard(body, value, index), immediateCard(body, value, index)] };
  },
});

export const approveImmediateVerb = defineVerb({
  verb: 'omedelbar.justera',
  schema: z.object({ meetingId: id, itemId: id }),
  run: async (ctx, d) => {
    const { body, meeting } = await load(ctx, d.meetingId, 'omedelbar.justera');
    const index = itemIndexById(meeting, d.itemId);
    const me = callerEntry(ctx, body);
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'omedelbar.justera', `${me.name} justerade § ${meeting.items[index].paragraph}`, (m) => approveImmediate(body, m, index, me, ctx.now.toISOString()));
    const locked = value.items[index].immediateJustering?.locked;
    if (!locked) return { cards: [immediateCard(body, value, index)] };
    const paragraph = value.items[index].paragraph;
    const links = immediateLinks(ctx.services, body.id, value.id, paragraph, ctx.now);
    return { cards: [immediateCard(body, value, index)], text: `§ ${paragraph} är justerad. Protokollsutdrag: ${links.docx} (Word), ${links.md} (Markdown)` };
  },
});

export const closeMeetingVerb = defineVerb({
  verb: 'möte.avsluta',
  // confirmed: Avsluta mötet on the question card; cancel: its Avbryt.
  schema: z.object({ meetingId: id, nastaMote: text(200).optional(), confirmed: boolish.optional(), cancel: boolish.optional() }),
  run: async (ctx, d) => {
    const { body, meeting } = await load(ctx, d.meetingId, 'möte.avsluta');
    if (d.cancel) return { cards: [currentMeetingCard(body, meeting) ?? meetingClosedCard(body, meeting)] };
    if (meeting.status === 'avslutat') return { cards: [meetingClosedCard(body, meeting)], text: 'Mötet är redan avslutat.' };
    if (!d.confirmed && meeting.status === 'pågår') return { cards: [closeConfirmCard(body, meeting, d.nastaMote ?? '')] };
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'möte.avsluta', 'Mötet avslutades', (m) => {
      if (m.status === 'avslutat') throw new UserError('Mötet är redan avslutat.', 'state');
      return adoptPressedCard(ctx, closeMeeting(m, d.nastaMote, ctx.now.toISOString()));
    });
    await refreshLiveCard(ctx, body, value);
    return { text: closedText(value), cards: [meetingClosedCard(body, value)] };
  },
});

/** "Mötet är avslutat. §§ 51–52 saknar utfall. Nästa möte: …" — said when the meeting closes, typed or pressed. */
export function closedText(m: Meeting): string {
  const missing = paragraphsWithoutOutcome(m);
  return `Mötet är avslutat.${missing ? ` ${missing} saknar utfall.` : ''}${m.nextMeeting ? ` Nästa möte: ${m.nextMeeting}.` : ' Ange nästa möte med "nästa möte <datum>".'}`;
}

export const DURING_MEETING_VERBS = [startMeetingVerb, confirmUppropVerb, checkInVerb, outcomeVerb, nextItemVerb, requestImmediateVerb, approveImmediateVerb, closeMeetingVerb];
