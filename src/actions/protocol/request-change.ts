import { z } from 'zod';
import { defineAction } from '../action';
import type { BotContext, Reply } from '../../bot/context';
import { authorizeIn, callerOnRoster, requireBodyNamed } from '../../bot/guards';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { requestChange } from '../../domain/protocol/versions';
import { reviewCard } from '../../bot/protocol-cards';
import { idSchema } from '../schemas';
import { changeProtocol, onCurrentVersion, protocolMeeting, replacedCardReply } from './protocol-flow';

/** Begär ändring on the review card: the secretary is told in the body's chat which § and why. */
export const requestProtocolChange = defineAction({
  name: 'protokoll.ändring',
  rights: ['ordförande', 'justerare'],
  schema: z.object({
    bodyId: idSchema,
    meetingId: idSchema,
    version: z.coerce.number().int().min(1),
    paragraph: z.union([z.literal(''), z.coerce.number().int().min(0)]).optional().transform((v) => (v === '' ? undefined : v)),
    comment: z.string().max(2000).default(''),
  }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.ändring', body, meeting);
    return replacedCardReply(ctx, body, meeting, d.version) ?? onCurrentVersion(ctx, body, meeting.id, d.version, () => requestChangeOn(ctx, body, meeting, d));
  },
});

async function requestChangeOn(ctx: BotContext, body: Body, meeting: Meeting, d: { version: number; paragraph?: number; comment: string }): Promise<Reply> {
  // Authorized as ordförande or justerare, so on the roster.
  const member = callerOnRoster(ctx, body);
  const at = ctx.now.toISOString();
  const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.ändring', `${member.name} begär ändring${d.paragraph !== undefined ? ` i § ${d.paragraph}` : ''}`, (m) =>
    requestChange(body, m, member, d.version, d.paragraph, d.comment, at),
  );
  // The secretary is told in the chat as an effect of the change (domain/effects.ts).
  const where = d.paragraph !== undefined ? ` i § ${d.paragraph}` : '';
  return { cards: [reviewCard(ctx.services, body, value, member.id, ctx.now, `Din begäran om ändring${where} är skickad till sekreteraren.`)] };
}

