import type { Services } from '../services';
import type { Body } from '../domain/body';
import type { Meeting, SubstituteCall } from '../domain/meeting';
import { substituteQuestion, substituteRequestCard } from '../cards/substitute-request/substitute-request';

/** Sends "Kan du tjänstgöra för …?" to each newly asked ersättare, once per call (outbox key). */
export async function askSubstitutes(services: Services, body: Body, meeting: Meeting, calls: SubstituteCall[]): Promise<void> {
  for (const call of calls) {
    const index = meeting.substitutes.findIndex((c) => c.forMemberId === call.forMemberId && c.askedMemberId === call.askedMemberId && c.at === call.at && !c.cancelledAt);
    const asked = body.roster.find((r) => r.id === call.askedMemberId);
    const forMember = body.roster.find((r) => r.id === call.forMemberId);
    if (index < 0 || !asked?.aadObjectId || !forMember) continue;
    await services.outbox.enqueue({
      key: `ersättare|${meeting.id}|${index}`,
      to: { aadObjectId: asked.aadObjectId, name: asked.name, viaConversationId: body.conversationId, teamsUserId: asked.teamsUserId },
      text: substituteQuestion(forMember, meeting),
      card: substituteRequestCard(body, meeting, forMember),
    });
  }
}
