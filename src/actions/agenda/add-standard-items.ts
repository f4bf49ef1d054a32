import { defineAction } from '../action';
import { addStandardItems } from '../../domain/agenda';
import { changeList, meetingRef } from './agenda-change';

export const addStandardItemsAction = defineAction({
  name: 'möte.standardpunkter',
  rights: ['sekreterare'],
  schema: meetingRef,
  aggregate: 'möte',
  sources: ['card'],
  run: (ctx, data) => changeList(ctx, 'möte.standardpunkter', data.meetingId, 'Standardpunkterna lades till', (m) => addStandardItems(m, 1)),
});
