import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineAction } from '../action';
import { boolish, idSchema } from '../schemas';
import { changeMeeting, itemIndexById } from '../../bot/meeting-flow';
import { adoptPressedCard } from '../../bot/live-card';
import { startMemberVote, takesPresses, turnout } from '../../domain/member-vote';
import { itemCard } from '../../cards/item/item';
import { postVoteCard } from './vote-flow';
import { loadMeeting } from '../meeting/meeting-load';

/** Starta votering (or Val med slutna sedlar) on the item card: the vote card goes to the conversation. */
export const startVote = defineAction({
  name: 'votering.starta',
  rights: ['sekreterare'],
  schema: z.object({ meetingId: idSchema, itemId: idSchema, closed: boolish.optional() }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting, loaded } = await loadMeeting(ctx, 'votering.starta', d.meetingId);
    const index = itemIndexById(meeting, d.itemId);
    const p = meeting.items[index].paragraph;
    // Pressed again while this § votes (the card was lost, or scrolled far up): the card is posted anew.
    const running = meeting.items[index].openVote;
    if (running && takesPresses(running)) {
      const value = await postVoteCard(ctx, body, meeting, index, running);
      return { cards: [itemCard(body, value, index)], text: `Voteringen i § ${p} pågår redan; voteringskortet ligger nu sist i chatten.` };
    }
    const secret = Boolean(d.closed);
    const voteId = `v${randomBytes(8).toString('hex')}`;
    const started = await changeMeeting(ctx, body, d.meetingId, 'votering.starta', `§ ${p}: ${secret ? 'val med slutna sedlar' : 'votering'} startades`, (m) => adoptPressedCard(ctx, startMemberVote(body, m, index, { id: voteId, secret, at: ctx.now.toISOString() })), '', loaded);
    let value = started.value;
    const open = value.items[index].openVote;
    if (!open) return { cards: [itemCard(body, value, index)], text: 'Voteringen är redan avslutad.' };
    // The urn's empty slots are there before anyone can vote, so even the first ballot hides among them (a first press sets them up if this did not get to).
    if (open.secret) await ctx.services.presses.prepareUrn(body.id, value.id, open.id, turnout(body, value, index, []).serving.length);
    if (!started.duplicate) value = await postVoteCard(ctx, body, value, index, open);
    return { cards: [itemCard(body, value, index)], text: `${secret ? 'Val med slutna sedlar' : 'Votering'} i § ${p}: ${open.question} Ledamöterna röstar på kortet.` };
  },
});
