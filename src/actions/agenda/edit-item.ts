import { z } from 'zod';
import { defineAction } from '../action';
import { editItem } from '../../domain/agenda';
import { changeList, itemRef } from './agenda-change';

export const editItemAction = defineAction({
  name: 'möte.punkt.ändra',
  rights: ['sekreterare'],
  schema: itemRef.extend({
    title: z.string().max(300).optional(),
    kind: z.enum(['', 'Muntligt informationsärende', 'Informationsärende', 'Beslutsärende']).optional(),
    presenters: z.string().max(300).optional(),
    proposal: z.string().max(4000).optional(),
  }),
  aggregate: 'möte',
  sources: ['card'],
  run: (ctx, data) =>
    changeList(ctx, 'möte.punkt.ändra', data.meetingId, 'Ett ärende på föredragningslistan ändrades', (m) =>
      editItem(m, data.itemId, { title: data.title, kind: data.kind, presenters: data.presenters, proposal: data.proposal }),
    ),
});
