/** Prints the SHA-256 of seed 002's justerat protocol as PDF, rendered in a fresh process (protocol-pdf.test.ts). */
import { createHash } from 'node:crypto';
import { buildSeed002 } from './protocol-fixtures';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { protocolPdf } from '../../src/documents/protocol-pdf';

export const SEAL = { version: 1, approvals: [], lockedAt: '2021-12-20T10:05:00Z', contentHash: 'ab'.repeat(32) };

export function seed002Model() {
  const b = buildSeed002('19:render@thread.v2');
  return assembleProtocol(b.body, b.meeting);
}

if (require.main === module) process.stdout.write(createHash('sha256').update(protocolPdf(seed002Model(), SEAL)).digest('hex'));
