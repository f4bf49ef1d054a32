import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { memberByAad } from '../../domain/body';
import { NotAllowedError, NotFoundError } from '../../domain/errors';
import { findVote, takesPresses, turnout, voterRefusal } from '../../domain/member-vote';
import { closeVote, countedIn, locate, NO_VOTE, personalCard, pressesOn } from './vote-flow';
import { loadMeeting } from '../meeting/meeting-load';

/** Ja, Nej or Avstår on the vote card: one row per member and vote; whether the member serves on the § is checked here, with the reason. */
export const castVote = defineAction({
  name: 'votering.rösta',
  rights: ['medlem'],
  schema: z.object({ meetingId: idSchema, voteId: idSchema, choice: z.enum(['ja', 'nej', 'avstår']) }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting: held } = await loadMeeting(ctx, 'votering.rösta', d.meetingId);
    const { meeting, ...f } = await locate(ctx, body, held, d.voteId);
    // A press on a closed vote (an old card, a late press) answers with the result.
    if (f.closed) return { cards: [personalCard(ctx, body, meeting, f.index, f.closed, await pressesOn(ctx, body, meeting.id, f.closed), 'Voteringen är avslutad; rösten räknades inte.')] };
    const open = f.open!;
    if (!takesPresses(open)) return { cards: [personalCard(ctx, body, meeting, f.index, open, await pressesOn(ctx, body, meeting.id, open), 'Röstningen är avslutad; rösten räknades inte.')] };
    const me = memberByAad(body, ctx.caller.id);
    const refusal = voterRefusal(body, meeting, f.index, me);
    if (refusal) throw new NotAllowedError(refusal);
    let note: string | undefined;
    let ballotKey: string | undefined;
    let uncounted = false; // the urn was counted before this ballot got in
    if (open.secret) {
      const cast = await ctx.services.presses.castBallot(body.id, meeting.id, open.id, me!.id, d.choice, turnout(body, meeting, f.index, []).serving.length);
      if (cast.cast) ballotKey = cast.ballotKey;
      else if (cast.why === 'already') note = 'Du har redan lagt din valsedel; i en sluten omröstning kan den inte ändras.';
      else uncounted = true;
    } else {
      await ctx.services.presses.vote(body.id, meeting.id, open.id, me!.id, d.choice, ctx.now.toISOString());
    }
    // The vote as storage has it now, and every press on it, side by side: closing meanwhile? all voted?
    const after = await ctx.services.presses.afterPress(body.id, meeting.id, open.id, Boolean(open.secret));
    const presses = { votes: after.votes, voters: after.voters };
    let g = after.meeting && findVote(after.meeting, open.id);
    if (!after.meeting || !g) throw new NotFoundError(NO_VOTE);
    if (g.closed || !takesPresses(g.open!) || uncounted) {
      // Closing began after this press was let in: it counts if it was stored before the count; wait for the count to say.
      let now = { value: after.meeting };
      for (let i = 0; i < 20 && g.open?.closingAt && !g.open.awaitingCastingVote; i++) {
        await new Promise((r) => setTimeout(r, 100));
        now = (await ctx.services.meetings.readFresh(body.id, meeting.id)) ?? now;
        g = findVote(now.value, open.id) ?? g;
      }
      const counted = countedIn(g, me!.id, d.choice);
      if (!counted && ballotKey && !g.open?.closingAt) await ctx.services.presses.withdrawBallot(body.id, meeting.id, open.id, me!.id, ballotKey).catch(() => undefined);
      const shown = await pressesOn(ctx, body, meeting.id, g.closed ?? g.open!);
      const word = counted ? undefined : g.open?.closingAt && !g.open.awaitingCastingVote ? 'Röstningen stängs just nu och rösterna räknas; se resultatet när det kommer.' : 'Voteringen stängdes innan din röst kom fram; den räknades inte.';
      return { cards: [personalCard(ctx, body, now.value, g.index, g.closed ?? g.open!, shown, word)] };
    }
    if (turnout(body, after.meeting, g.index, presses.voters).missing.length === 0) return closeVote(ctx, body, meeting.id, open.id, { auto: true });
    // Above 60 voters Teams cannot refresh the card per user: this answer, shown to the one who pressed, echoes the vote.
    return { cards: [personalCard(ctx, body, after.meeting, g.index, g.open!, presses, note)] };
  },
});
