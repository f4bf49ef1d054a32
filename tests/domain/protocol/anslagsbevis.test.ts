import { anslagsbevisOf, bevisLines, renderBevisMarkdown } from '../../../src/domain/protocol/anslagsbevis';
import { buildKommunallagen } from '../../support/protocol-fixtures';
import { assembleProtocol } from '../../../src/domain/protocol/assemble';
import { canonical } from '../../../src/domain/protocol/markdown';
import type { Meeting } from '../../../src/domain/meeting';

/** The kommunallagen fixture, justerat at `lockedAt` and anslaget on `anslag`. */
function anslaget(lockedAt: string, anslag?: string) {
  const { body, meeting } = buildKommunallagen('19:bevis@thread.v2', { start: '2022-06-01T13:00' });
  const model = assembleProtocol(body, meeting);
  const { markdown, contentHash } = canonical(model);
  const m: Meeting = {
    ...meeting,
    status: anslag ? 'anslaget' : 'justerat',
    protocol: [{ version: 1, createdAt: lockedAt, markdown, contentHash, approvals: [], changeRequests: [], model, lockedAt }],
    ...(anslag ? { anslag: { date: anslag, recordedAt: `${anslag}T08:00:00.000Z`, by: 'Maria Lind' } } : {}),
  };
  return { body, meeting: m, contentHash };
}

test('the bevis names organ, sammanträdesdatum, §§, justering, anslag up and down, last day to appeal and förvaringsplats', () => {
  // Locked 23.30 UTC on 1 June is 2 June in Sweden: the justering date is the Swedish one.
  const { body, meeting, contentHash } = anslaget('2022-06-01T23:30:00.000Z', '2022-06-03');
  const text = bevisLines(anslagsbevisOf({ ...body, forvaringsplats: 'Kommunkansliet, Norrby kommun' }, meeting)!);
  expect(text.split('\n')).toEqual([
    'ANSLAGSBEVIS',
    'Protokollet från Vård- och omsorgsnämnden 2022-06-01, §§ 1-3, är justerat. Justeringen har tillkännagetts genom anslag på kommunens anslagstavla.',
    'Organ: Vård- och omsorgsnämnden',
    'Sammanträdesdatum: 2022-06-01',
    'Paragrafer: §§ 1-3',
    'Datum för justering: 2022-06-02',
    'Datum då anslaget sätts upp: 2022-06-03',
    // Three weeks end on midsommarafton (24 June): the last day moves to Monday 27 June.
    'Datum då anslaget tas ned: 2022-06-28',
    'Sista dag att överklaga (laglighetsprövning): 2022-06-27',
    'Förvaringsplats: Kommunkansliet, Norrby kommun',
  ]);
  expect(renderBevisMarkdown(anslagsbevisOf(body, meeting)!)).toContain(`kontrollsumma (SHA-256): ${contentHash}`);
});

test('without a förvaringsplats the bevis asks for the setting; a region names its own anslagstavla', () => {
  const { body, meeting } = anslaget('2022-06-01T15:00:00.000Z', '2022-06-03');
  const text = bevisLines(anslagsbevisOf({ ...body, huvudman: 'region' }, meeting)!);
  expect(text).toContain('Förvaringsplats: (ange med inställningen Förvaringsplats:)');
  expect(text).toContain('på regionens anslagstavla');
  expect(text).not.toContain('Paragraf (protokollarkivet)');
});

test('no bevis before the anslag, nor for a body outside kommunallagen', () => {
  const { body, meeting } = anslaget('2022-06-01T15:00:00.000Z');
  expect(anslagsbevisOf(body, meeting)).toBeUndefined();
  const done = anslaget('2022-06-01T15:00:00.000Z', '2022-06-03');
  expect(anslagsbevisOf({ ...done.body, profile: 'samverkan' }, done.meeting)).toBeUndefined();
});
