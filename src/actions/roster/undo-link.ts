import { defineAction } from '../action';
import { undoLink } from '../../domain/roster';
import { changeLink, linkRef } from './link-change';

/** Ångra on the roster card: the link is removed and that identity is not linked to the entry automatically again. */
export const undoLinkAction = defineAction({
  name: 'ledamöter.ångra',
  rights: ['sekreterare'],
  schema: linkRef,
  aggregate: 'organ',
  sources: ['card'],
  run: (ctx, data) => changeLink(ctx, 'ledamöter.ångra', data, (cur, at) => undoLink(cur, data.entryId, data.aadObjectId, ctx.caller.id, at), 'ångrades'),
});
