import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBodyNamed } from '../../bot/guards';
import { NotFoundError } from '../../domain/errors';
import { CORRECTION_FIELDS } from '../../domain/protocol/paragraph-correction';
import { protocolCorrectionCard } from '../../cards/protocol-correction/protocol-correction';
import { flag, paragraphNumber, protocolMeeting, protocolRef } from './protocol-flow';

/** Rätta en paragraf, step one: the chosen part of the § in an input that starts from its current text. */
export const correctionForm = defineAction({
  name: 'protokoll.rätta.visa',
  rights: ['sekreterare'],
  schema: protocolRef.extend({ paragraph: paragraphNumber, field: z.enum(CORRECTION_FIELDS).default('anteckning'), rattelse: flag }),
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.rätta.visa', body, meeting);
    const index = meeting.items.findIndex((i) => i.paragraph === d.paragraph);
    if (index < 0) throw new NotFoundError(`§ ${d.paragraph} finns inte i det här mötet.`);
    return { cards: [protocolCorrectionCard(body, meeting, index, d.field, d.rattelse)] };
  },
});
