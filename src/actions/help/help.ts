import { z } from 'zod';
import { defineAction } from '../action';
import { replyCard } from '../../bot/context';
import { helpCard } from '../../cards/help/help';
import { openFormAction } from '../../cards/forms/forms';
import { DEMO_SECTION, HELP_INTRO, HELP_SECTIONS } from '../../cards/help/sections';

/** `hjälp`: what Paragraf does, grouped the way a secretary's meeting runs, with the forms' buttons. */
export const help = defineAction({
  name: 'hjälp',
  rights: ['alla'],
  schema: z.object({}),
  aggregate: 'inget',
  sources: ['typed'],
  run: async (ctx) => {
    const local = ctx.services.config.localMode;
    const actions = [openFormAction('nytt-organ'), openFormAction('ledamöter'), openFormAction('nytt-möte')];
    return replyCard(helpCard(local ? [...HELP_SECTIONS, DEMO_SECTION] : HELP_SECTIONS, HELP_INTRO, actions));
  },
});
