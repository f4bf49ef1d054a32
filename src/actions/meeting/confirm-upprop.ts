import { z } from 'zod';
import { defineAction } from '../action';
import { changeMeeting } from '../../bot/meeting-flow';
import type { Meeting } from '../../domain/meeting';
import { UserError } from '../../domain/errors';
import { confirmUpprop, withCheckIns } from '../../domain/attendance';
import { BodyRepo } from '../../storage/bodies';
import { quorumText } from '../../domain/quorum';
import { organisationPresence, organisationPresenceLines } from '../../domain/organisation-presence';
import { joinSv } from '../../domain/sv-text';
import { uppropCard, PRESENT_PREFIX } from '../../cards/upprop/upprop';
import { itemCard } from '../../cards/item/item';
import { adoptPressedCard, refreshLiveCard } from '../../bot/live-card';
import { boolish, idSchema } from '../schemas';
import { loadMeeting } from './meeting-load';

/** Every "p_<rosterId>" toggle of the card, plus the Justerare choice (comma-separated ids). */
const uppropSchema = z
  .object({ meetingId: idSchema, justerare: z.string().max(2000, 'högst 2000 tecken').optional() })
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

/** Bekräfta upprop: who is here, the justerare, and the first § on the live card. */
export const confirmUppropAction = defineAction({
  name: 'upprop.bekräfta',
  rights: ['sekreterare'],
  schema: uppropSchema,
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const [{ body, meeting, loaded }, checkedIn] = await Promise.all([loadMeeting(ctx, 'upprop.bekräfta', d.meetingId), ctx.services.presses.checkIns(BodyRepo.idFor(ctx.conversationId), d.meetingId)]);
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
