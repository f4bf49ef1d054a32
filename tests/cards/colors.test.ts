import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Coloured text is hard to read: light-green or yellow on white fails WCAG AA in the Playground's
 * light theme. Cards say "good" or "attention" with a Container style (a tinted background behind
 * default-coloured text, which passes in light and dark themes) and bold text, never with a
 * coloured TextBlock alone.
 */

const dir = join(__dirname, '../../src/cards');
const templates = readdirSync(dir)
  .filter((f) => statSync(join(dir, f)).isDirectory())
  .flatMap((f) => readdirSync(join(dir, f)).filter((x) => x.endsWith('.card.json')).map((x) => join(f, x)));

// The protocol card's notice line is left to the change that reworks that card (anslagsbevis, PDF links).
const LEFT_ALONE = new Set(['protocol/protocol.card.json']);

test.each(templates.filter((t) => !LEFT_ALONE.has(t)))('%s: no coloured TextBlock', (file) => {
  const offenders: string[] = [];
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (n.type === 'TextBlock' && n.color !== undefined && n.color !== 'Default') offenders.push(String(n.text));
    Object.values(n).forEach(walk);
  };
  walk(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  expect(offenders).toEqual([]);
});
