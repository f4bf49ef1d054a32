import { z } from 'zod';
import { defineAction } from '../action';
import type { Meeting, OutcomeKind } from '../../domain/meeting';
import type { Body } from '../../domain/body';
import type { AdaptiveCard } from '../../cards/render';
import { assertOngoing } from '../../domain/attendance';
import { assertItemOpen, checkedOutcome, formula, recordOutcome, OUTCOME_LABEL } from '../../domain/outcome';
import { itemCard, replaceOutcomeCard } from '../../cards/item/item';
import { currentMeetingCard, staleReply } from '../../bot/live-card';
import { boolish } from '../schemas';
import { changeAndRefresh, itemIndexIn, itemTarget, loadMeeting, stampSchema } from '../meeting/meeting-load';

/** The audit log keeps the action name it always had, so one §'s history reads alike before and after the rename. */
const AUDIT_OUTCOME = 'ärende.utfall';

const OUTCOMES = ['informationen', 'beslut', 'bordläggs', 'återremitteras', 'handlingarna', 'noterat'] as const;
const text = (max: number) => z.string().max(max, `högst ${max} tecken`);

/**
 * A §'s outcome: the item card's buttons, or typed ("beslut §48: …", "bordlägg §46", "utfall §42: …",
 * which is `noterat` with its own words). A pressed card answers with the item card, a typed line in text.
 */
export const recordOutcomeAction = defineAction({
  name: 'punkt.utfall',
  // Item cards already in chats carry the old verb (glossary: ärende.* is the ärendelogg's).
  formerNames: ['ärende.utfall'],
  rights: ['sekreterare'],
  schema: z.object({
    ...itemTarget,
    stamp: stampSchema,
    outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: 'okänt utfall' }) }),
    beslut: text(2000).optional(),
    anteckning: text(8000).optional(),
    /** The Beslut text the card showed with its formula; a changed text is shown again before it is recorded. */
    shown: text(2000).optional(),
    /** Ersätt on the "§ … har redan beslut" question; cancel: its Avbryt. */
    replace: boolish.optional(),
    cancel: boolish.optional(),
  }),
  aggregate: 'möte',
  sources: ['card', 'typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'punkt.utfall', d.meetingId);
    const index = itemIndexIn(meeting, d);
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
    const value = await changeAndRefresh(ctx, body, loaded, AUDIT_OUTCOME, `§ ${meeting.items[index].paragraph}: ${OUTCOME_LABEL[kind]}`, (m) =>
      recordOutcome(body, m, index, kind, { decision: d.beslut, note: d.anteckning, by: ctx.caller.id, at: ctx.now.toISOString() }),
    );
    const item = value.items[index];
    return ctx.teams.isInvoke() ? { cards: [itemCard(body, value, index)] } : { text: `§ ${item.paragraph}: ${item.outcome!.formula}` };
  },
});

/**
 * An outcome never silently replaces another: unless Ersätt was pressed, a § that already has a
 * different outcome gets the question "§ 45 har redan beslut … Ersätt?" (checked against the law first).
 */
function replaceQuestion(body: Body, meeting: Meeting, index: number, kind: OutcomeKind, decision: string | undefined, note: string | undefined, replace: boolean | undefined): { cards: AdaptiveCard[] } | undefined {
  const old = meeting.items[index].outcome;
  if (!old || replace) return undefined;
  // Refusals first: a closed meeting or a justerad § is not asked about.
  assertOngoing(meeting);
  assertItemOpen(meeting.items[index]);
  const next = checkedOutcome(body, meeting, index, kind, decision?.trim());
  if (next.formula === old.formula) return undefined;
  return { cards: [replaceOutcomeCard(body, meeting, index, { kind, formula: next.formula, decision: decision?.trim(), note })] };
}
