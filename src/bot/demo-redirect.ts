import type { PersonalRedirect } from './outbox';
import type { Services } from '../services';

/**
 * Local demo: a personal message to a member of a demo body is shown in the body's chat with the
 * heading "Till Megan Bowen (personlig chatt)". The Agents Playground never shows other users' 1:1
 * chats, so there the newcomer could not see, let alone press, the kallelse, ersättare request or
 * justering card. Only demo bodies are affected, and only in local mode (wired in src/paragraf.ts).
 */
export function demoRedirect(services: Services): PersonalRedirect {
  return async (to) => {
    const body = await services.bodies.forConversation(to.viaConversationId);
    if (!body?.value.demo) return undefined;
    const name = to.name ?? body.value.roster.find((r) => r.aadObjectId === to.aadObjectId)?.name ?? 'ledamoten';
    return { conversationId: to.viaConversationId, heading: `Till ${name} (personlig chatt)` };
  };
}
