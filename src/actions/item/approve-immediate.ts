import { z } from 'zod';
import { defineAction } from '../action';
import { changeMeeting } from '../../bot/meeting-flow';
import { callerOnRoster } from '../../bot/guards';
import { approveImmediate } from '../../domain/item-records';
import { immediateCard } from '../../cards/item/item';
import { immediateLinks } from '../../bot/protocol-cards';
import { idSchema } from '../schemas';
import { itemIndexIn, loadMeeting } from '../meeting/meeting-load';

/** Justera on the omedelbar-justering card: when all have, the § is locked and its utdrag can be sent. */
export const approveImmediateAction = defineAction({
  name: 'omedelbar.justera',
  rights: ['ordförande', 'justerare'],
  schema: z.object({ meetingId: idSchema, itemId: idSchema }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const { body, meeting } = await loadMeeting(ctx, 'omedelbar.justera', d.meetingId);
    const index = itemIndexIn(meeting, d);
    const me = callerOnRoster(ctx, body);
    const { value } = await changeMeeting(ctx, body, d.meetingId, 'omedelbar.justera', `${me.name} justerade § ${meeting.items[index].paragraph}`, (m) => approveImmediate(body, m, index, me, ctx.now.toISOString()));
    const locked = value.items[index].immediateJustering?.locked;
    if (!locked) return { cards: [immediateCard(body, value, index)] };
    const paragraph = value.items[index].paragraph;
    const links = immediateLinks(ctx.services, body.id, value.id, paragraph, ctx.now);
    return { cards: [immediateCard(body, value, index)], text: `§ ${paragraph} är justerad. Protokollsutdrag: ${links.docx} (Word), ${links.md} (Markdown)` };
  },
});
