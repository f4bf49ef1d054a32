/**
 * What actions need from Teams, behind one small interface: the Bot Framework SDK's TurnContext is
 * touched only here (and in app.ts, which receives the turn), so moving to Teams SDK v2
 * (@microsoft/teams.apps) means writing this file again, not the actions.
 */
import { ActivityTypes, TeamsInfo, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import type { TeamsMember } from '../domain/roster';

export interface TeamsPort {
  /** A card press (adaptiveCard/action invoke), as opposed to a typed message or an event. */
  isInvoke(): boolean;
  /** A card's automatic refresh (Adaptive Card `refresh`), the client's doing rather than a person's press. */
  isAutomaticRefresh(): boolean;
  /** The activity id of the card a button was pressed on (Teams sends it as replyToId). */
  pressedCardId(): string | undefined;
  /** The sender's Teams user id (29:…), which proactive messages need; not their Entra object id. */
  senderTeamsId(): string | undefined;
  sendText(text: string): Promise<void>;
  /** Posts a card as a new message; its activity id, when Teams gives one. */
  sendCard(card: AdaptiveCard): Promise<string | undefined>;
  /** Replaces a posted card in place. */
  updateCard(activityId: string, card: AdaptiveCard): Promise<void>;
  /** The conversation's members, every page (throws when the channel cannot list them). */
  members(): Promise<TeamsMember[]>;
  /** One member of the conversation by Teams user id (throws when not listed). */
  member(userId: string): Promise<TeamsMember | undefined>;
}

const aadOf = (m: { aadObjectId?: string }) => m.aadObjectId ?? (m as { objectId?: string }).objectId;

export function teamsPort(turn: TurnContext): TeamsPort {
  return {
    isInvoke: () => turn.activity.type === ActivityTypes.Invoke,
    isAutomaticRefresh: () => (turn.activity.value as { trigger?: unknown } | undefined)?.trigger === 'automatic',
    pressedCardId: () => (turn.activity.type === ActivityTypes.Invoke ? turn.activity.replyToId || undefined : undefined),
    senderTeamsId: () => turn.activity.from?.id,
    sendText: async (text) => {
      await turn.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
    },
    sendCard: async (card) => (await turn.sendActivity({ type: ActivityTypes.Message, attachments: [cardAttachment(card)] }))?.id,
    updateCard: async (activityId, card) => {
      await turn.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [cardAttachment(card)] });
    },
    members: async () => {
      // The paged API: TeamsInfo.getMembers overwrites aadObjectId with objectId, which not every connector sends.
      const out: TeamsMember[] = [];
      let token: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await TeamsInfo.getPagedMembers(turn, 500, token);
        for (const m of res.members) {
          const aad = aadOf(m);
          if (aad && m.name) out.push({ aadObjectId: aad, id: m.id, name: m.name });
        }
        token = res.continuationToken;
        if (!token) break;
      }
      return out;
    },
    member: async (userId) => {
      const m = await TeamsInfo.getMember(turn, userId);
      const aad = aadOf(m);
      return aad && m.name ? { aadObjectId: aad, id: m.id, name: m.name } : undefined;
    },
  };
}
