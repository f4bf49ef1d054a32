import type { BotContext } from './context';
import type { Action } from '../actions/action';

/** What a typed line stands for: an action and the payload a button would send. */
export interface Dispatch {
  action: string;
  payload: Record<string, unknown>;
}

/**
 * A typed command: matched on the first line of a message (the rest is its body) and only parsed,
 * into an action and its payload; the pipeline then runs that action as it runs a button press.
 */
export interface Command {
  name: string;
  /** Tested against the first line, trimmed. */
  pattern: RegExp;
  /**
   * The actions this command can stand for, each with an example line that parses into it (checked
   * at start-up, and by tests/bot/action-registry.test.ts against the help card).
   */
  actions: Readonly<Record<string, string>>;
  parse(ctx: BotContext, input: { firstLine: string; body: string; match: RegExpMatchArray }): Dispatch | Promise<Dispatch>;
}

export function defineCommand(c: Command): Command {
  return c;
}

export class Registry {
  readonly commands: Command[] = [];
  private readonly actions = new Map<string, Action>();
  /** Card verbs by name, former names included (cards already in chats still carry them). */
  private readonly verbs = new Map<string, Action>();

  addAction(a: Action<any>): this {
    for (const name of [a.name, ...(a.formerNames ?? [])]) {
      if (this.actions.has(name) || this.verbs.has(name)) throw new Error(`action registered twice: ${name}`);
    }
    this.actions.set(a.name, a);
    if (a.sources.includes('card')) for (const name of [a.name, ...(a.formerNames ?? [])]) this.verbs.set(name, a);
    return this;
  }

  addCommand(c: Command): this {
    if (this.commands.some((x) => x.name === c.name)) throw new Error(`command registered twice: ${c.name}`);
    for (const name of Object.keys(c.actions)) {
      if (!this.actions.get(name)?.sources.includes('typed')) throw new Error(`command ${c.name} names ${name}, which is no typed action`);
    }
    this.commands.push(c);
    return this;
  }

  /** Any registered action, by its name (what a typed line dispatches to). */
  action(name: string): Action | undefined {
    return this.actions.get(name);
  }

  allActions(): Action[] {
    return [...this.actions.values()];
  }

  /** The action a card button may name (typed-only actions are not pressable). */
  verb(name: string): Action | undefined {
    return this.verbs.get(name);
  }

  /** The names cards use today (former names left out). */
  verbNames(): string[] {
    return this.allActions().filter((a) => a.sources.includes('card')).map((a) => a.name);
  }

  findCommand(firstLine: string): { command: Command; match: RegExpMatchArray } | undefined {
    for (const command of this.commands) {
      const match = firstLine.match(command.pattern);
      if (match) return { command, match };
    }
    return undefined;
  }
}
