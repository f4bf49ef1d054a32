import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { closeVote, load } from './vote-flow';

/** Stäng voteringen: the secretary closes the vote; those serving who did not vote count as avstår. */
export const closeVoteAction = defineAction({
  name: 'votering.stäng',
  rights: ['sekreterare'],
  schema: z.object({ meetingId: idSchema, voteId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body } = await load(ctx, d.meetingId, 'votering.stäng');
    return closeVote(ctx, body, d.meetingId, d.voteId);
  },
});
