import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { NotFoundError } from '../../domain/errors';
import { agendaItemEditCard } from '../../cards/agenda-item-edit/agenda-item-edit';
import { editable, forSecretary, itemRef } from './agenda-change';

/** Redigera on the preview: the item's edit form. */
export const editItemForm = defineAction({
  name: 'möte.punkt.redigera',
  rights: ['sekreterare'],
  schema: itemRef,
  aggregate: 'inget',
  sources: ['card'],
  run: async (ctx, data) => {
    const { meeting } = await forSecretary(ctx, 'möte.punkt.redigera', data.meetingId);
    editable(meeting);
    const item = meeting.items.find((i) => i.id === data.itemId);
    if (!item) throw new NotFoundError('Ärendet finns inte längre på föredragningslistan.');
    return replyCard(agendaItemEditCard(meeting, item));
  },
});
