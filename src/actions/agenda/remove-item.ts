import { defineAction } from '../action';
import { removeItem } from '../../domain/agenda';
import { changeList, itemRef } from './agenda-change';

export const removeItemAction = defineAction({
  name: 'möte.punkt.ta-bort',
  rights: ['sekreterare'],
  schema: itemRef,
  aggregate: 'möte',
  sources: ['card'],
  run: (ctx, data) => changeList(ctx, 'möte.punkt.ta-bort', data.meetingId, 'Ett ärende togs bort från föredragningslistan', (m) => removeItem(m, data.itemId)),
});
