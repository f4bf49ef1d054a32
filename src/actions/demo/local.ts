import type { BotContext } from '../../bot/context';
import { LOCAL_ONLY } from '../../bot/act-as';
import { UserError } from '../../domain/errors';

export function requireLocal(ctx: BotContext): void {
  if (!ctx.services.config.localMode) throw new UserError(LOCAL_ONLY, 'local_only');
}
