import { defineAction } from '../action';
import { authorizeIn, requireBodyNamed } from '../../bot/guards';
import { latestVersion, pendingApprovers, namesOf, sendForJustering } from '../../domain/protocol/versions';
import { secretaryCard } from '../../bot/protocol-cards';
import { changeProtocol, protocolMeeting, protocolRef } from './protocol-flow';

/** Skicka till justering: the ordförande and justerarna each get the review card in personal chat. */
export const sendProtocol = defineAction({
  name: 'protokoll.skicka',
  rights: ['sekreterare'],
  schema: protocolRef,
  aggregate: 'möte',
  sources: ['card'],
  run: async (ctx, d) => {
    const body = (await requireBodyNamed(ctx, d.bodyId)).value;
    const meeting = await protocolMeeting(ctx, body, d.meetingId);
    authorizeIn(ctx, 'protokoll.skicka', body, meeting);
    const at = ctx.now.toISOString();
    const { value } = await changeProtocol(ctx, body, meeting, 'protokoll.skicka', 'Protokollet skickat till justering', (m) => sendForJustering(body, m, at));
    const v = latestVersion(value)!;
    const approvers = pendingApprovers(body, value);
    // The personal review cards are an effect of the change (domain/effects.ts); who has no Teams link gets none.
    const unreachable = approvers.filter((r) => !r.aadObjectId);
    const missing = unreachable.length ? ` ${namesOf(unreachable)} är inte kopplade till Teams ännu och får inget kort; de kan skriva till Paragraf i chatten först.` : '';
    return {
      cards: [secretaryCard(ctx.services, body, value, ctx.now)],
      text: `Version ${v.version} av protokollet är skickad till justering till ${namesOf(approvers)}.${missing}`,
    };
  },
});
