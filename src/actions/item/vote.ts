import { z } from 'zod';
import { defineAction } from '../action';
import type { VoteChoice } from '../../domain/meeting';
import { UserError } from '../../domain/errors';
import { recordVote, voteResultText } from '../../domain/voting';
import { changeAndRefresh, itemIndexIn, loadMeeting, paragraphSchema } from '../meeting/meeting-load';
import { rosterMember } from './people';

/** `votering §48 ja: A, B; nej: C; avstår: D`: an open vote, recorded by the secretary. */
export const recordVoteAction = defineAction({
  name: 'votering',
  rights: ['sekreterare'],
  schema: z.object({ paragraph: paragraphSchema, votes: z.array(z.object({ name: z.string().min(1).max(200), choice: z.enum(['ja', 'nej', 'avstår']) })).min(1).max(500) }),
  aggregate: 'möte',
  sources: ['typed'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'votering', undefined);
    const index = itemIndexIn(meeting, d);
    const votes: Record<string, VoteChoice> = {};
    for (const v of d.votes) {
      const who = rosterMember(body, v.name);
      if (votes[who.id]) throw new UserError(`${who.name} står med två gånger i voteringen.`, 'invalid');
      votes[who.id] = v.choice;
    }
    let removed: string | undefined;
    const value = await changeAndRefresh(ctx, body, loaded, 'votering', `Votering i § ${d.paragraph}`, (m) => {
      const r = recordVote(body, m, index, votes);
      removed = r.removedOutcome;
      return r.meeting;
    });
    const item = value.items[index];
    return {
      text: `Votering i § ${d.paragraph}: ${voteResultText(body, item.votes[item.votes.length - 1])}${removed ? ` Det antecknade beslutet ("${removed}") följde inte voteringen och är borttaget; anteckna beslutet enligt voteringen.` : ''}`,
    };
  },
});
