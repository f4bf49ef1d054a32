import { z } from 'zod';
import { defineAction } from '../action';
import type { BotContext, Reply } from '../../bot/context';
import { authorizeIn, callerOnRoster, requireBodyNamed } from '../../bot/guards';
import type { Body } from '../../domain/body';
import type { Meeting } from '../../domain/meeting';
import { approve, latestVersion } from '../../domain/protocol/versions';
import { reviewCard } from '../../bot/protocol-cards';
import type { Loaded } from '../../storage/document-store';
import { withArchivedPdf } from '../../documents/archived-pdf';
import { idSchema } from '../schemas';
import { changeProtocol, onCurrentVersion, protocolMeeting, replacedCardReply } from './protocol-flow';

/** Justera, in the ordförande's or a justerare's personal chat; the last one locks the protocol. */
export const approveProtocol = defineAction({
  name: 'protokoll.justera',
  rights: ['ordförande', 'justerare'],
  schema: z.object({ bodyId: idSchema, meetingId: idSchema, version: z.coerce.number().int().min(1) }),
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    // The body and the meeting side by side; the change commits on this read (two sequential round trips).
    const [loadedBody, loaded] = await Promise.all([requireBodyNamed(ctx, d.bodyId), ctx.services.meetings.get(d.bodyId, d.meetingId)]);
    const body = loadedBody.value;
    const meeting = loaded?.value ?? (await protocolMeeting(ctx, body, d.meetingId));
    authorizeIn(ctx, 'protokoll.justera', body, meeting);
    const replaced = replacedCardReply(ctx, body, meeting, d.version);
    if (replaced) return replaced;
    return onCurrentVersion(ctx, body, meeting.id, d.version, () => approveVersion(ctx, body, meeting, d.version, loaded));
  },
});

async function approveVersion(ctx: BotContext, body: Body, meeting: Meeting, version: number, loaded: Loaded<Meeting> | undefined): Promise<Reply> {
  // Authorized as ordförande or justerare, so on the roster.
  const member = callerOnRoster(ctx, body);
  const at = ctx.now.toISOString();
  const justerade = `${member.name} justerade version ${version}`;
  const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.justera', (m) => (latestVersion(m)?.approvals.at(-1)?.late ? `${justerade} efter fristen` : justerade), (m) => withArchivedPdf(approve(body, m, member, ctx.caller.id, version, at)), loaded);
  // The locked protocol is posted to the chat as an effect of the change (domain/effects.ts).
  const v = latestVersion(value)!;
  const notice = v.lockedAt ? `Alla har justerat. Protokollet är låst (version ${v.version}).` : `Tack, du har justerat version ${v.version}.`;
  return { cards: [reviewCard(ctx.services, body, value, member.id, ctx.now, notice)] };
}

