import { defineAction } from '../action';
import { requireBody } from '../../bot/guards';
import { UserError, NotFoundError } from '../../domain/errors';
import { addItem } from '../../domain/agenda';
import { proposedItems } from '../../bot/agenda-proposals';
import { changeList, meetingRef } from './agenda-change';
import { caseIdSchema } from '../schemas';

/** Lägg till on a proposal from the ärendelogg: the case becomes an item of the planned meeting. */
export const addProposal = defineAction({
  name: 'möte.förslag.lägg-till',
  rights: ['sekreterare'],
  schema: meetingRef.extend({ proposalId: caseIdSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, data) => {
    const body = (await requireBody(ctx)).value;
    // The proposal is looked up again, never taken from the payload.
    const proposal = (await proposedItems(ctx.services, body.id)).find((p) => p.caseId === data.proposalId);
    if (!proposal) throw new NotFoundError('Förslaget finns inte längre i ärendeloggen.');
    return changeList(ctx, 'möte.förslag.lägg-till', data.meetingId, `Ärendet ${proposal.title} lades till från ärendeloggen`, (m) => {
      if (m.items.some((i) => i.caseId === proposal.caseId)) throw new UserError('Ärendet står redan på föredragningslistan.');
      return addItem(m, { title: proposal.title, caseId: proposal.caseId }, 1);
    });
  },
});
