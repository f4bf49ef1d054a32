/**
 * A card form's submit runs the action its typed command stands for, with the payload that command
 * would parse from the same lines, so a form and a typed message can never disagree.
 */
import type { BotContext, Reply } from '../../bot/context';
import { createBody } from '../organ/create';
import { changeBody } from '../organ/change';
import { replaceRosterAction } from '../roster/replace';
import { createMeeting } from '../meeting/create';

const TARGETS = { 'organ.skapa': createBody, 'organ.ändra': changeBody, 'ledamöter.ersätt': replaceRosterAction, 'möte.skapa': createMeeting } as const;

export function submitAs<K extends keyof typeof TARGETS>(ctx: BotContext, action: K, payload: unknown): Promise<Reply> {
  const target = TARGETS[action];
  return target.run(ctx, target.schema.parse(payload) as never);
}
