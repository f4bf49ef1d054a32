import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegistry } from '../../src/bot/routes';
import { allActions } from '../../src/actions';
import { rightsOf } from '../../src/actions/rights';
import { helpCard } from '../../src/cards/help/help';
import { DEMO_SECTION, HELP_INTRO, HELP_SECTIONS } from '../../src/cards/help/sections';
import type { BotContext } from '../../src/bot/context';

/**
 * The action layout holds together: every verb a card can send is a registered action, and every
 * registered action can be reached, from a card or from a typed command the help card shows.
 */

const SRC = join(__dirname, '../../src');

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffix);
    return path.endsWith(suffix) ? [path] : [];
  });
}

/** Verbs named in card templates ("verb": "x") and verbs built in code (verb: 'x', or a *_VERB(S) constant). */
function verbsOnCards(): Map<string, string> {
  const found = new Map<string, string>();
  for (const path of filesUnder(join(SRC, 'cards'), '.card.json')) {
    for (const m of readFileSync(path, 'utf8').matchAll(/"verb"\s*:\s*"([^"$]+)"/g)) found.set(m[1], path);
  }
  for (const path of [...filesUnder(join(SRC, 'cards'), '.ts'), ...filesUnder(join(SRC, 'bot'), '.ts')]) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/\bverb:\s*'([^']+)'/g)) found.set(m[1], path);
    for (const m of text.matchAll(/_VERBS?\s*=\s*(\{[^}]*\}|'[^']+')/g)) for (const v of m[1].matchAll(/'([^']+\.[^']+)'/g)) found.set(v[1], path);
  }
  return found;
}

const registry = buildRegistry();

test('every verb a card sends is a registered action a card may press', () => {
  const verbs = verbsOnCards();
  // The scan really reads the cards: the item card's, the forms', the demo's and the kallelse refresh's verbs.
  for (const v of ['punkt.utfall', 'formulär.visa', 'demo.agera', 'kallelse.visa', 'möte.starta']) expect(verbs.has(v)).toBe(true);
  const unregistered = [...verbs].filter(([verb]) => !registry.verb(verb)).map(([verb, path]) => `${verb} (${path.slice(SRC.length + 1)})`);
  expect(unregistered).toEqual([]);
});

test('every registered action is reachable: from a card, or typed with its command on the help card', async () => {
  const onCards = new Set(verbsOnCards().keys());
  const help = JSON.stringify(helpCard([...HELP_SECTIONS, DEMO_SECTION], HELP_INTRO, [])).toLocaleLowerCase('sv');
  const ctx = { now: new Date('2026-12-02T08:00:00Z') } as BotContext;
  const unreachable: string[] = [];
  for (const action of allActions()) {
    if (action.sources.includes('card') && onCards.has(action.name)) continue;
    if (!action.sources.includes('typed')) {
      unreachable.push(`${action.name}: no card sends it`);
      continue;
    }
    const command = registry.commands.find((c) => action.name in c.actions);
    if (!command) {
      unreachable.push(`${action.name}: no typed command stands for it`);
      continue;
    }
    // The command's example line parses into this very action…
    const example = command.actions[action.name];
    const [firstLine, ...rest] = example.split('\n');
    const found = registry.findCommand(firstLine);
    const dispatch = found && (await found.command.parse(ctx, { firstLine, body: rest.join('\n'), match: found.match }));
    if (dispatch?.action !== action.name) unreachable.push(`${action.name}: "${example}" parses into ${dispatch?.action ?? 'nothing'}`);
    // …and the help card names the command.
    const keyword = firstLine.toLocaleLowerCase('sv').startsWith(command.name) ? command.name : firstLine.split(/\s+/)[0].toLocaleLowerCase('sv');
    if (!new RegExp(`(^|[^\\p{L}])${keyword}($|[^\\p{L}])`, 'u').test(help)) unreachable.push(`${action.name}: the help card does not name "${keyword}"`);
  }
  expect(unreachable).toEqual([]);
});

test('the rights table is the declarations: one entry per action, none without a party', () => {
  // Each action's rights are exactly its declaration; a name no action declares has none (refused for everyone).
  expect(allActions().filter((a) => rightsOf(a.name) !== a.rights).map((a) => a.name)).toEqual([]);
  expect(allActions().filter((a) => !rightsOf(a.name)?.length).map((a) => a.name)).toEqual([]);
  expect(rightsOf('ingen.sådan')).toBeUndefined();
  // A name two actions share would let one action's rights decide another's.
  expect(new Set(allActions().map((a) => a.name)).size).toBe(allActions().length);
});

test('actions and handlers reach Teams only through the Teams port', () => {
  // The edge that receives a turn (app.ts), the port over it, the adapter, and the outbox's proactive sends.
  const edge = new Set(['bot/app.ts', 'bot/teams-port.ts', 'bot/adapter.ts', 'bot/outbox.ts'].map((p) => join(SRC, p)));
  const offenders = [...filesUnder(join(SRC, 'actions'), '.ts'), ...filesUnder(join(SRC, 'bot'), '.ts')]
    .filter((path) => !edge.has(path))
    .filter((path) => /from 'botbuilder'|@microsoft\/teams-ai|ctx\.turn\b/.test(readFileSync(path, 'utf8')))
    .map((path) => path.slice(SRC.length + 1));
  expect(offenders).toEqual([]);
});

test('a renamed verb keeps the cards already in chats working: the former name reaches the same action', () => {
  for (const action of allActions()) for (const former of action.formerNames ?? []) expect(registry.verb(former)).toBe(action);
  expect(registry.verb('ärende.utfall')?.name).toBe('punkt.utfall');
  // Only today's names are walked by the rights matrix and the fuzz test.
  expect(registry.verbNames()).not.toContain('ärende.utfall');
});

test('each action checks the rights it declares: its own name goes to the guards, or it submits as an action with the same rights', () => {
  const unchecked: string[] = [];
  for (const action of allActions()) {
    if (action.rights.includes('alla')) continue;
    const source = action.run.toString();
    if (source.includes(`'${action.name}'`) || source.includes(`"${action.name}"`)) continue;
    const target = /submitAs\)?\(ctx, ['"]([^'"]+)['"]/.exec(source)?.[1];
    if (target && JSON.stringify(rightsOf(target)) === JSON.stringify(action.rights)) continue;
    unchecked.push(action.name);
  }
  expect(unchecked).toEqual([]);
});
