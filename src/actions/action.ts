/**
 * One action = one file under src/actions/<area>/: its name (the card verb, and the key of the rights
 * table), who may do it, the zod schema of its payload, the aggregate it changes, how it is reached
 * (a card button, a typed line, or both) and `run`, which calls the pure domain function and answers.
 * The pipeline in src/bot/app.ts runs every action the same way; see README "How it is built".
 */
import type { z } from 'zod';
import type { BotContext, Reply } from '../bot/context';
import type { Party } from '../domain/rights';

/** The stored thing an action changes (see docs/glossary.md); `inget` for actions that only show. */
export type Aggregate = 'organ' | 'möte' | 'ärende' | 'begäran' | 'inget';

/** How a person reaches the action: a card's Action.Execute, a typed line (parsed by src/bot/commands), or both. */
export type Source = 'card' | 'typed';

export interface Action<S extends z.ZodTypeAny = z.ZodTypeAny> {
  /** The card verb; also the action's key in the rights table and in telemetry. */
  name: string;
  /** Who may do it; at least one party, so an action without rights does not compile. */
  rights: readonly [Party, ...Party[]];
  schema: S;
  aggregate: Aggregate;
  sources: readonly [Source, ...Source[]];
  /** Verbs this action had before a rename: cards already in chats still carry them. */
  formerNames?: readonly string[];
  /** Does not use up a pending "agera som" (the act-as action itself). */
  keepsActAs?: boolean;
  run(ctx: BotContext, data: z.infer<S>): Promise<Reply>;
}

export function defineAction<S extends z.ZodTypeAny>(a: Action<S>): Action<S> {
  return a;
}
