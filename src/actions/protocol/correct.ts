import { z } from 'zod';
import { defineAction } from '../action';
import { authorizeIn, requireBodyNamed } from '../../bot/guards';
import { correct, latestVersion } from '../../domain/protocol/versions';
import { CORRECTION_FIELDS, FIELD_LABEL } from '../../domain/protocol/paragraph-correction';
import { secretaryCard } from '../../bot/protocol-cards';
import { changeProtocol, flag, paragraphNumber, protocolMeeting, protocolRef } from './protocol-flow';

/** Rätta en paragraf, step two: a new protocol version (a rättelse is marked as one). */
export const correctProtocol = defineAction({
  name: 'protokoll.rätta',
  rights: ['sekreterare'],
  schema: protocolRef.extend({ paragraph: paragraphNumber, field: z.enum(CORRECTION_FIELDS).default('anteckning'), text: z.string().max(8000).default(''), rattelse: flag }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.rätta', body, meeting);
    const at = ctx.now.toISOString();
    const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.rätta', `§ ${d.paragraph} rättad (${FIELD_LABEL[d.field].toLocaleLowerCase('sv')}), ny protokollversion`, (m) =>
      correct(body, m, { paragraph: d.paragraph, field: d.field, text: d.text, rattelse: d.rattelse }, at, ctx.caller.name),
    );
    const v = latestVersion(value)!;
    const again = meeting.status === 'under justering' || meeting.status === 'justerat' ? ' Justeringar av tidigare versioner gäller inte för den nya; skicka den till justering igen.' : '';
    return { cards: [secretaryCard(ctx.services, body, value, ctx.now, `§ ${d.paragraph} är rättad. Version ${v.version} är skapad.${again}`)] };
  },
});
