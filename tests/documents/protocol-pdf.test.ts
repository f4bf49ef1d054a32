import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { protocolPdf } from '../../src/documents/protocol-pdf';
import { withArchivedPdf, archivedPdf, ArchivedPdfMismatchError } from '../../src/documents/archived-pdf';
import { buildKommunallagen } from '../support/protocol-fixtures';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { canonical } from '../../src/domain/protocol/markdown';
import { SEAL, seed002Model } from '../support/render-pdf';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('the same locked protocol gives the same PDF bytes in another process, whatever was rendered before', () => {
  const other = buildKommunallagen('19:other@thread.v2');
  protocolPdf(assembleProtocol(other.body, other.meeting), { ...SEAL, lockedAt: '2022-01-01T08:00:00Z' });
  const here = sha(protocolPdf(seed002Model(), SEAL));
  const script = join(__dirname, '..', 'support', 'render-pdf.ts');
  const fresh = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  expect(fresh).toBe(here);
  // A different lock time is a different file (the creation date and the seal are in it).
  expect(sha(protocolPdf(seed002Model(), { ...SEAL, lockedAt: '2021-12-20T10:06:00Z' }))).not.toBe(here);
}, 60_000);

test('the hash is recorded only on a version that has just been locked, and checked on every later copy', () => {
  const { body, meeting } = buildKommunallagen('19:hash@thread.v2');
  const model = assembleProtocol(body, meeting);
  const { markdown, contentHash } = canonical(model);
  const v = { version: 1, createdAt: 't', markdown, contentHash, approvals: [], changeRequests: [], model };
  const draft = { ...meeting, protocol: [v] };
  expect(withArchivedPdf(draft)).toBe(draft);
  const locked = withArchivedPdf({ ...meeting, protocol: [{ ...v, lockedAt: '2021-12-20T10:05:00.000Z' }] });
  const recorded = locked.protocol[0].pdfHash!;
  expect(sha(archivedPdf(locked.protocol[0])!)).toBe(recorded);
  // Already recorded: left as it is.
  expect(withArchivedPdf(locked)).toBe(locked);
  expect(() => archivedPdf({ ...locked.protocol[0], pdfHash: 'f'.repeat(64) })).toThrow(ArchivedPdfMismatchError);
});

test('a character DejaVu Sans lacks (an emoji in a note) is printed as "?", never as the .notdef glyph PDF/A forbids', () => {
  const model = seed002Model();
  const noted = { ...model, sections: model.sections.map((s, i) => (i === 0 ? { ...s, account: ['Ordföranden tackade 🙂 och hälsade välkommen.'] } : s)) };
  const file = join(mkdtempSync(join(tmpdir(), 'paragraf-pdf-')), 'p.pdf');
  writeFileSync(file, protocolPdf(noted, SEAL));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Ordföranden tackade ? och hälsade välkommen.');
  rmSync(dirname(file), { recursive: true, force: true });
});
