/**
 * "Agera som": in local mode a newcomer alone in the Agents Playground makes their next action in
 * this conversation count as another member of a demo body's cast (kallelse answers, the ersättare
 * request, justering). Held in memory on purpose: local mode is one process on the newcomer's
 * machine, production refuses act-as altogether, and a forgotten act-as should not outlive a restart.
 */
import type { BotContext } from './context';
import { UserError } from '../domain/errors';

interface Pending {
  id: string;
  name: string;
}

export const LOCAL_ONLY = 'Det här finns bara när Paragraf körs lokalt (utan MicrosoftAppId), för att prova i Agents Playground. I produktion agerar var och en själv i Teams. (Only in local mode.)';

export class ActAs {
  private readonly pending = new Map<string, Pending>();

  private static key(ctx: BotContext): string {
    return `${ctx.conversationId}|${ctx.caller.id}`;
  }

  set(ctx: BotContext, as: Pending): void {
    if (!ctx.services.config.localMode) throw new UserError(LOCAL_ONLY, 'local_only');
    this.pending.set(ActAs.key(ctx), as);
  }

  /** The context the next action runs in: as the cast member, once; the real person is kept for the audit log. */
  take(ctx: BotContext): BotContext {
    if (!ctx.services.config.localMode) return ctx;
    const key = ActAs.key(ctx);
    const as = this.pending.get(key);
    if (!as) return ctx;
    this.pending.delete(key);
    return { ...ctx, caller: { id: as.id, name: as.name, tenantId: ctx.caller.tenantId, actedBy: { id: ctx.caller.id, name: ctx.caller.name } } };
  }
}
