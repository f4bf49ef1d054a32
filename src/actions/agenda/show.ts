import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { previewCard } from '../../bot/meeting-view';
import { forSecretary, meetingRef } from './agenda-change';

/** The secretary's preview of a planned meeting (the föredragningslista, proposals, Skicka kallelse). */
export const showAgenda = defineAction({
  name: 'möte.visa',
  rights: ['sekreterare'],
  schema: meetingRef,
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, data) => {
    const { body, meeting } = await forSecretary(ctx, 'möte.visa', data.meetingId);
    return replyCard(await previewCard(ctx, body, meeting));
  },
});
