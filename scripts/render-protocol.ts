/**
 * Writes the seed-002 protocol (Samråd vård och omsorg, 2021-12-17, §§ 42–51) to
 * test-results/protocol.md and test-results/protocol.docx, and, where LibreOffice and pdftoppm are
 * installed, converts the DOCX to PDF and the pages to PNG (test-results/protocol-1.png …) so the
 * layout can be looked at. Run: npx tsx scripts/render-protocol.ts
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSeed002 } from '../tests/support/protocol-fixtures';
import { assembleProtocol } from '../src/domain/protocol/assemble';
import { canonical, renderMarkdown } from '../src/domain/protocol/markdown';
import { protocolDocx } from '../src/documents/protocol-docx';

function has(bin: string): boolean {
  try {
    execFileSync('which', [bin], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const out = join(process.cwd(), 'test-results');
  mkdirSync(out, { recursive: true });
  const { body, meeting } = buildSeed002('19:seed-002@thread.v2');
  const model = assembleProtocol(body, meeting);
  const { contentHash } = canonical(model);
  // Shown as a justerat protocol, so the filled Justerat lines and the seal are in the layout too.
  const seal = {
    version: 1,
    approvals: [
      { memberId: 'r1', name: 'Carin Nilsson', at: '2021-12-20T09:12:00.000Z' },
      { memberId: 'r2', name: 'Kenneth Andersson', at: '2021-12-20T10:30:00.000Z' },
    ],
    lockedAt: '2021-12-20T10:30:00.000Z',
    contentHash,
  };
  writeFileSync(join(out, 'protocol.md'), renderMarkdown(model, seal));
  writeFileSync(join(out, 'protocol.docx'), await protocolDocx(model, seal));
  console.log(`wrote ${join(out, 'protocol.md')} and protocol.docx (content hash ${contentHash})`);
  if (!has('soffice')) {
    console.log('soffice (LibreOffice) is not installed: no PDF/PNG preview');
    return;
  }
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, join(out, 'protocol.docx')], { stdio: 'inherit', timeout: 120_000 });
  if (existsSync(join(out, 'protocol.pdf')) && has('pdftoppm')) {
    execFileSync('pdftoppm', ['-png', '-r', '70', join(out, 'protocol.pdf'), join(out, 'protocol')], { stdio: 'inherit' });
    console.log(`wrote ${join(out, 'protocol.pdf')} and protocol-*.png`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
