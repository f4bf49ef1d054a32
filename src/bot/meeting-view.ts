import type { BotContext } from './context';
import type { Body, RosterEntry } from '../domain/body';
import { isSecretary, memberByAad } from '../domain/body';
import type { Meeting } from '../domain/meeting';
import { kallelseCard, MAX_REFRESH_USERS } from '../cards/kallelse/kallelse';
import { agendaPreviewCard } from '../cards/agenda-preview/agenda-preview';
import { icsUrl } from '../http/ics';
import { proposedItems } from './agenda-proposals';
import type { AdaptiveCard } from '../cards/render';
import type { Services } from '../services';

/** Teams user ids of linked roster entries, for refresh.userIds; none above Teams' limit of 60. */
export function refreshUserIds(body: Body): string[] | undefined {
  const ids = body.roster.map((r) => r.teamsUserId).filter((x): x is string => Boolean(x));
  return ids.length > 0 && ids.length <= MAX_REFRESH_USERS ? ids : undefined;
}

/** The kallelse as posted in the conversation: the same for all, refreshed per user when Teams can. */
export function sharedKallelseCard(services: Services, body: Body, meeting: Meeting, heading?: string): AdaptiveCard {
  return kallelseCard(body, meeting, { icsUrl: icsUrl(services, body.id, meeting), refreshUserIds: refreshUserIds(body), heading });
}

/** What this person sees on the kallelse: their own answer, and the live summary for roster members and secretaries. */
export function personalKallelseCard(ctx: BotContext, body: Body, meeting: Meeting, viewer?: RosterEntry): AdaptiveCard {
  const me = viewer ?? memberByAad(body, ctx.caller.id);
  return kallelseCard(body, meeting, {
    icsUrl: icsUrl(ctx.services, body.id, meeting),
    viewer: me,
    summary: Boolean(me) || isSecretary(body, ctx.caller.id),
    refreshUserIds: refreshUserIds(body),
  });
}

export async function previewCard(ctx: BotContext, body: Body, meeting: Meeting): Promise<AdaptiveCard> {
  return agendaPreviewCard(body, meeting, await proposedItems(ctx.services, body.id));
}
