/**
 * A card form's submit runs the action its typed command stands for, with the payload that command
 * would parse from the same lines, so a form and a typed message can never disagree.
 */
import type { BotContext, Reply } from '../../bot/context';
import { UserError } from '../../domain/errors';
import { describeZodError } from '../../bot/zod-message';
import { createBody } from '../organ/create';
import { changeBody } from '../organ/change';
import { replaceRosterAction } from '../roster/replace';
import { createMeeting } from '../meeting/create';

const TARGETS = { 'organ.skapa': createBody, 'organ.ändra': changeBody, 'ledamöter.ersätt': replaceRosterAction, 'möte.skapa': createMeeting } as const;

export function submitAs(ctx: BotContext, action: keyof typeof TARGETS, payload: unknown): Promise<Reply> {
  const target = TARGETS[action];
  const parsed = target.schema.safeParse(payload);
  if (!parsed.success) throw new UserError(`Formuläret kunde inte läsas: ${describeZodError(parsed.error)}. Inget har ändrats.`);
  return target.run(ctx, parsed.data as never);
}
