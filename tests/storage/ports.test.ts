import fs from 'node:fs';
import path from 'node:path';

/**
 * Handlers reach storage through the ports (src/storage/ports.ts), never the Tables client or the
 * raw TableStore. The outbox is the one bot module that still keeps its own rows (its storage and
 * delivery are one class; moving its rows behind a port is left for the outbox work).
 */
const src = path.join(__dirname, '..', '..', 'src');
const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
const ALLOWED = new Set(['bot/outbox.ts']);

test('no bot or web-route file imports the table store or @azure/data-tables; Services has no raw store', () => {
  const offenders = [...files(path.join(src, 'bot')), ...files(path.join(src, 'http'))]
    .map((f) => path.relative(src, f).split(path.sep).join('/'))
    .filter((rel) => !ALLOWED.has(rel))
    .filter((rel) => /from '(?:\.\.\/)+storage\/table-store'|from '@azure\/data-tables'|services\.store\b/.test(fs.readFileSync(path.join(src, rel), 'utf8')));
  expect(offenders).toEqual([]);
  const services = /export interface Services \{([\s\S]*?)\n\}/.exec(fs.readFileSync(path.join(src, 'services.ts'), 'utf8'))![1];
  expect(services).toContain('meetings: MeetingStore;');
  expect(services).not.toMatch(/TableStore|Repo\b/);
});
