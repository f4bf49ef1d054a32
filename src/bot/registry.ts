import type { z } from 'zod';
import type { BotContext, Reply } from './context';

/** A chat command: matched on the first line of a message; the rest of the message is its body. */
export interface Command {
  name: string;
  /** Tested against the first line, trimmed. */
  pattern: RegExp;
  /** One line for the help card. */
  help?: { section: string; usage: string; description: string };
  /** Does not use up a pending "agera som" (the act-as command itself). */
  keepsActAs?: boolean;
  run(ctx: BotContext, input: { firstLine: string; body: string; match: RegExpMatchArray }): Promise<Reply>;
}

/** A card action (Action.Execute verb) with the zod schema of its payload. */
export interface Verb<S extends z.ZodTypeAny = z.ZodTypeAny> {
  verb: string;
  schema: S;
  /** Does not use up a pending "agera som" (the act-as button itself). */
  keepsActAs?: boolean;
  run(ctx: BotContext, data: z.infer<S>): Promise<Reply>;
}

export function defineVerb<S extends z.ZodTypeAny>(v: Verb<S>): Verb<S> {
  return v;
}

export function defineCommand(c: Command): Command {
  return c;
}

export class Registry {
  readonly commands: Command[] = [];
  private readonly verbs = new Map<string, Verb>();

  addCommand(c: Command): this {
    if (this.commands.some((x) => x.name === c.name)) throw new Error(`command registered twice: ${c.name}`);
    this.commands.push(c);
    return this;
  }

  addVerb(v: Verb<any>): this {
    if (this.verbs.has(v.verb)) throw new Error(`verb registered twice: ${v.verb}`);
    this.verbs.set(v.verb, v);
    return this;
  }

  verb(name: string): Verb | undefined {
    return this.verbs.get(name);
  }

  verbNames(): string[] {
    return [...this.verbs.keys()];
  }

  findCommand(firstLine: string): { command: Command; match: RegExpMatchArray } | undefined {
    for (const command of this.commands) {
      const match = firstLine.match(command.pattern);
      if (match) return { command, match };
    }
    return undefined;
  }
}
