import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { locate, personalCard, pressesOn } from './vote-flow';
import { loadMeeting } from '../meeting/meeting-load';

/** Adaptive Card refresh (and Visa läget): each sees their own vote; the chair and the secretary see who has voted. */
export const viewVote = defineAction({
  name: 'votering.visa',
  rights: ['alla'],
  schema: z.object({ meetingId: idSchema, voteId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting: held } = await loadMeeting(ctx, 'votering.visa', d.meetingId);
    const { meeting, ...f } = await locate(ctx, body, held, d.voteId);
    const vote = f.closed ?? f.open!;
    const card = personalCard(ctx, body, meeting, f.index, vote, await pressesOn(ctx, body, meeting.id, vote));
    // An automatic refresh answered with a card that has refresh again can loop (see DESIGN).
    if (ctx.teams.isAutomaticRefresh()) delete card.refresh;
    return { cards: [card] };
  },
});
