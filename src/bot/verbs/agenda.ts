import { z } from 'zod';
import { defineVerb } from '../registry';
import { replyCard, type BotContext } from '../context';
import { actorOf, authorizeIn, requireBody, requireMeeting } from '../guards';
import { UserError, NotFoundError } from '../../domain/errors';
import { agendaEditable } from '../../domain/lifecycle';
import { addItem, addStandardItems, editItem, removeItem } from '../../domain/agenda';
import type { Meeting } from '../../domain/meeting';
import { agendaItemEditCard } from '../../cards/agenda-item-edit/agenda-item-edit';
import { linkCallerInConversation } from '../roster-link';
import { previewCard } from '../meeting-view';
import { proposedItems } from '../agenda-proposals';

const id = z.string().min(1).max(40).regex(/^[A-Za-z0-9]+$/);
const meetingRef = z.object({ meetingId: id });
const itemRef = meetingRef.extend({ itemId: id });

/** Loads body and meeting for a secretary's change to the list, refusing anyone else. */
async function forSecretary(ctx: BotContext, meetingId: string) {
  const body = await linkCallerInConversation(ctx, (await requireBody(ctx)).value);
  authorizeIn(ctx, 'möte.ändra', body);
  const meeting = await requireMeeting(ctx, body, meetingId);
  return { body, meeting: meeting.value };
}

function editable(current: Meeting | undefined): Meeting {
  if (!current) throw new NotFoundError('Mötet finns inte längre.');
  if (!agendaEditable(current.status)) throw new UserError('Mötet har börjat, så föredragningslistan kan inte ändras längre.', 'state');
  return current;
}

async function changeList(ctx: BotContext, meetingId: string, action: string, summary: string, change: (m: Meeting) => Meeting) {
  const { body } = await forSecretary(ctx, meetingId);
  const committed = await ctx.services.meetings.change(body.id, meetingId, {
    actor: actorOf(ctx),
    action,
    summary,
    idempotencyKey: ctx.idempotencyKey,
    now: ctx.now,
    apply: (current) => change(editable(current)),
  });
  return replyCard(await previewCard(ctx, body, committed.value));
}

export const showAgendaVerb = defineVerb({
  verb: 'möte.visa',
  schema: meetingRef,
  run: async (ctx, data) => {
    const { body, meeting } = await forSecretary(ctx, data.meetingId);
    return replyCard(await previewCard(ctx, body, meeting));
  },
});

export const editItemFormVerb = defineVerb({
  verb: 'möte.punkt.redigera',
  schema: itemRef,
  run: async (ctx, data) => {
    const { meeting } = await forSecretary(ctx, data.meetingId);
    editable(meeting);
    const item = meeting.items.find((i) => i.id === data.itemId);
    if (!item) throw new NotFoundError('Ärendet finns inte längre på föredragningslistan.');
    return replyCard(agendaItemEditCard(meeting, item));
  },
});

export const editItemVerb = defineVerb({
  verb: 'möte.punkt.ändra',
  schema: itemRef.extend({
    title: z.string().max(300).optional(),
    kind: z.enum(['', 'Muntligt informationsärende', 'Informationsärende', 'Beslutsärende']).optional(),
    presenters: z.string().max(300).optional(),
    proposal: z.string().max(4000).optional(),
  }),
  run: (ctx, data) =>
    changeList(ctx, data.meetingId, 'möte.ändra', 'Ett ärende på föredragningslistan ändrades', (m) =>
      editItem(m, data.itemId, { title: data.title, kind: data.kind, presenters: data.presenters, proposal: data.proposal }),
    ),
});

export const removeItemVerb = defineVerb({
  verb: 'möte.punkt.ta-bort',
  schema: itemRef,
  run: (ctx, data) => changeList(ctx, data.meetingId, 'möte.ändra', 'Ett ärende togs bort från föredragningslistan', (m) => removeItem(m, data.itemId)),
});

export const addStandardItemsVerb = defineVerb({
  verb: 'möte.standardpunkter',
  schema: meetingRef,
  run: (ctx, data) => changeList(ctx, data.meetingId, 'möte.ändra', 'Standardpunkterna lades till', (m) => addStandardItems(m, 1)),
});

export const addProposalVerb = defineVerb({
  verb: 'möte.förslag.lägg-till',
  schema: meetingRef.extend({ proposalId: z.string().min(1).max(80) }),
  run: async (ctx, data) => {
    const body = (await requireBody(ctx)).value;
    // The proposal is looked up again, never taken from the payload.
    const proposal = (await proposedItems(ctx.services, body.id)).find((p) => p.caseId === data.proposalId);
    if (!proposal) throw new NotFoundError('Förslaget finns inte längre i ärendeloggen.');
    return changeList(ctx, data.meetingId, 'möte.ändra', `Ärendet ${proposal.title} lades till från ärendeloggen`, (m) => {
      if (m.items.some((i) => i.caseId === proposal.caseId)) throw new UserError('Ärendet står redan på föredragningslistan.');
      return addItem(m, { title: proposal.title, caseId: proposal.caseId }, 1);
    });
  },
});
