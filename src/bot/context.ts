import type { AdaptiveCard } from '../cards/render';
import type { Services } from '../services';
import type { TeamsPort } from './teams-port';

export interface Caller {
  /** Teams identity (aadObjectId); rights follow this, never a typed name. */
  id: string;
  name: string;
  tenantId?: string;
  /** Local demo only: the person who really pressed or wrote, acting as this cast member ("agera som"). */
  actedBy?: { id: string; name: string };
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** What an action gets: who acts, where, and the services to act with. */
export interface BotContext {
  /** Teams, behind the port (src/bot/teams-port.ts): send, update a card, list members. */
  teams: TeamsPort;
  caller: Caller;
  conversationId: string;
  conversationKind: ConversationKind;
  /** Stable per activity; Teams resends the same id, so writes keyed on it record once. */
  idempotencyKey: string;
  services: Services;
  now: Date;
}

/** A handler's answer: text, one or more cards. For a card action the first card replaces the pressed one. */
export interface Reply {
  text?: string;
  cards?: AdaptiveCard[];
  /** Cards posted as new messages after the answer, leaving a pressed card as it was (e.g. a form opened from the help card). */
  post?: AdaptiveCard[];
}

export const replyText = (text: string): Reply => ({ text });
export const replyCard = (card: AdaptiveCard, text?: string): Reply => ({ cards: [card], text });
