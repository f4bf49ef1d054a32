import type { BotContext, Reply } from '../context';
import type { Dispatch } from '../registry';
import { requireBody } from '../guards';
import { commandMeeting } from '../meeting-flow';
import { partiesOf } from '../../domain/rights';
import { escapeMarkdown } from '../../cards/escape';
import type { AdaptiveCard } from '../../cards/render';

/**
 * Teams' meeting-start event in a meeting chat bound to a body. When a secretary started the Teams
 * meeting, the upprop opens at once (the möte.starta action, as "starta mötet" runs it); otherwise the
 * chat gets a card whose Starta mötet button only a secretary can use, so the event never grants a right by itself.
 */
export async function onMeetingStart(ctx: BotContext, run: (d: Dispatch) => Promise<Reply>): Promise<Reply> {
  const body = await requireBody(ctx);
  const meeting = await commandMeeting(ctx, body.value);
  if (meeting.status !== 'planerat' && meeting.status !== 'kallat') return {};
  if (partiesOf(body.value, meeting, ctx.caller.id).has('sekreterare')) return run({ action: 'möte.starta', payload: {} });
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `${escapeMarkdown(body.value.name)}: mötet har börjat i Teams`, weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: 'Sekreteraren öppnar uppropet här.', wrap: true, isSubtle: true },
    ],
    actions: [{ type: 'Action.Execute', title: 'Starta mötet', verb: 'möte.starta', data: { meetingId: meeting.id } }],
  };
  return { cards: [card] };
}
