import { z } from 'zod';
import { defineAction } from '../action';
import { idSchema } from '../schemas';
import { memberByAad } from '../../domain/body';
import { NotAllowedError, UserError } from '../../domain/errors';
import { chairAt } from '../../domain/voting';
import { closeVote, locate, personalCard, pressesOn } from './vote-flow';
import { loadMeeting } from '../meeting/meeting-load';

/** The chair's casting vote on a tie (KL 5 kap. 56 §); who chairs the § is checked here. */
export const castingVote = defineAction({
  name: 'votering.utslag',
  rights: ['medlem'],
  schema: z.object({ meetingId: idSchema, voteId: idSchema, choice: z.enum(['ja', 'nej']) }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting: held } = await loadMeeting(ctx, 'votering.utslag', d.meetingId);
    const { meeting, ...f } = await locate(ctx, body, held, d.voteId);
    const chair = chairAt(body, meeting, f.index);
    if (!chair || memberByAad(body, ctx.caller.id)?.id !== chair.id) throw new NotAllowedError(`Bara ordföranden i § ${meeting.items[f.index].paragraph}${chair ? ` (${chair.name})` : ''} har utslagsröst.`);
    if (f.closed) return { cards: [personalCard(ctx, body, meeting, f.index, f.closed, await pressesOn(ctx, body, meeting.id, f.closed), 'Voteringen är redan avgjord.')] };
    if (!f.open?.awaitingCastingVote) throw new UserError('Voteringen har inte slutat på lika röstetal; utslagsröst behövs inte.', 'state');
    return closeVote(ctx, body, d.meetingId, d.voteId, { castingChoice: d.choice });
  },
});
