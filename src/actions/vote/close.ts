import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { closeVote } from './vote-flow';
import { loadMeeting } from '../meeting/meeting-load';

/** Stäng voteringen: the secretary closes the vote; those serving who did not vote count as avstår. */
export const closeVoteAction = defineAction({
  name: 'votering.stäng',
  rights: ['sekreterare'],
  schema: z.object({ meetingId: idSchema, voteId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body } = await loadMeeting(ctx, 'votering.stäng', d.meetingId);
    return closeVote(ctx, body, d.meetingId, d.voteId);
  },
});
