import { defineAction } from '../action';
import { confirmLink } from '../../domain/roster';
import { changeLink, linkRef } from './link-change';

/** Bekräfta on the roster card: the secretary vouches for a link made automatically (by name). */
export const confirmLinkAction = defineAction({
  name: 'ledamöter.bekräfta',
  rights: ['sekreterare'],
  schema: linkRef,
  aggregate: 'organ',
  sources: ['card'],
  run: (ctx, data) => changeLink(ctx, 'ledamöter.bekräfta', data, (cur, at) => confirmLink(cur, data.entryId, data.aadObjectId, ctx.caller.id, at), 'bekräftades'),
});
