import { assembleProtocol } from '../../../src/domain/protocol/assemble';
import { protocolGaps, assertComplete } from '../../../src/domain/protocol/completeness';
import { canonical, escapeMd, renderMarkdown, sha256Hex } from '../../../src/domain/protocol/markdown';
import { approve, correct, createDraft, requestChange, sendForJustering } from '../../../src/domain/protocol/versions';
import { UserError } from '../../../src/domain/errors';
import { emptyItem } from '../../../src/domain/meeting';
import { buildKommunallagen, buildSeed002, SEED002_ABSENT, SEED002_OFFICIALS, SEED002_PRESENT } from '../../support/protocol-fixtures';

const seed = () => buildSeed002('19:seed@thread.v2');

test('seed 002: the protocol contains every name, role, §, kind, föredragande and decision', () => {
  const { body, meeting } = seed();
  const md = renderMarkdown(assembleProtocol(body, meeting));
  for (const h of ['# Protokoll Samråd vård och omsorg', 'HSN 418:5-2021', 'Datum och tid: 2021-12-17 kl. 09.00-12.00', 'Plats: Teams', 'Ärenden: 42-51']) expect(md).toContain(h);
  expect(md).toContain('- Carin Nilsson (s) Umeå kommun, ordförande');
  expect(md).toContain('- Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare');
  for (const [name, party, org] of SEED002_PRESENT.slice(2)) expect(md).toContain(`- ${name} (${party}) ${org}\n`);
  const absent = md.slice(md.indexOf('**Frånvarande**'), md.indexOf('**Tjänstepersoner**'));
  for (const [name, party, org] of SEED002_ABSENT) expect(absent).toContain(`- ${name} (${party}) ${org}`);
  for (const [name, title] of SEED002_OFFICIALS) expect(md).toContain(`- ${name}, ${title}`);
  for (const item of meeting.items) {
    expect(md).toContain(`## § ${item.paragraph}. ${item.title}`);
    if (item.kind) expect(md).toContain(`*${item.kind}*`);
    if (item.presenters) expect(md).toContain(`Föredragande: ${item.presenters}`);
    if (item.outcome) expect(md).toContain(item.outcome.formula);
  }
  expect(md.match(/Samråd vård och omsorg godkände informationen\./g)!.length).toBeGreaterThanOrEqual(6);
  expect(md).toContain('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
  expect(md).toContain('Bilaga: 48. Layout Framtidsbild Nära vård 2030');
  // As seed 002: "52. Nästa möte" after Ärenden 42-51.
  expect(md).toContain('## § 52. Nästa möte\n\nFredag 18 mars');
  // Signature block: secretary, ordförande and justerare, Justerat lines still empty.
  expect(md).toContain('Sekreterare: Maria Lind');
  expect(md).toContain('Ordförande: Carin Nilsson\n\nJusterat: ____');
  expect(md).toContain('Justerare: Kenneth Andersson\n\nJusterat: ____');
});

test('approvals fill the Justerat lines; the canonical form and its hash do not change with them', () => {
  const { body, meeting } = seed();
  const model = assembleProtocol(body, meeting);
  const { markdown, contentHash } = canonical(model);
  expect(contentHash).toBe(sha256Hex(markdown));
  const sealed = renderMarkdown(model, { version: 1, approvals: [{ memberId: 'r1', name: 'Carin Nilsson', at: '2021-12-20T09:12:00.000Z' }], lockedAt: '2021-12-20T09:12:00.000Z', contentHash });
  expect(sealed).toContain('Justerat 2021-12-20 kl. 10.12 av Carin Nilsson (version 1)');
  expect(sealed).toContain(contentHash);
  expect(canonical(model).contentHash).toBe(contentHash);
});

test('minnesanteckningar: heading, no justering and no signature block', () => {
  const { body, meeting } = buildSeed002('19:seed@thread.v2', { profile: 'minnesanteckningar' });
  const md = renderMarkdown(assembleProtocol(body, meeting));
  expect(md.startsWith('# Minnesanteckningar Samråd vård och omsorg')).toBe(true);
  expect(md).not.toContain('Justerat');
  expect(md).not.toContain('Underskrifter');
  // Points "42." without §, the outcome as a plain sentence under it.
  expect(md).toContain('## 44. Uppföljning beslut hos respektive huvudman');
  expect(md).not.toContain('§');
  expect(md).not.toContain('**Beslut**');
  expect(md).toContain('\n\nSamråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.\n');
  const draft = createDraft(body, meeting, '2021-12-17T13:00:00.000Z', 'Maria Lind');
  expect(() => sendForJustering(body, draft, '2021-12-17T13:00:00.000Z')).toThrow(/Minnesanteckningar justeras inte/);
});

test('user text is escaped: a title cannot become a heading, link or emphasis', () => {
  expect(escapeMd('# Rubrik [länk](http://x) *fet* _k_')).toBe('\\# Rubrik \\[länk\\](http://x) \\*fet\\* \\_k\\_');
  expect(escapeMd('- punkt\n1. lista')).toBe('\\- punkt\n1\\. lista');
  const { body, meeting } = seed();
  const m = { ...meeting, items: meeting.items.map((i) => (i.paragraph === 49 ? { ...i, note: '## Inte en rubrik <script>' } : i)) };
  const md = renderMarkdown(assembleProtocol(body, m));
  expect(md).toContain('\\#\\# Inte en rubrik \\<script\\>');
});

describe('kommunallagen (5 kap. 67 §)', () => {
  test('one vote is "1 nej-röst", not "1 nej-röster"', () => {
    const { body, meeting } = buildKommunallagen('19:kl1@thread.v2');
    const m = { ...meeting, items: meeting.items.map((i) => ({ ...i, votes: i.votes.map((v) => ({ ...v, ja: 4, nej: 1 })) })) };
    expect(renderMarkdown(assembleProtocol(body, m))).toContain('Omröstningen utföll med 4 ja-röster mot 1 nej-röst.');
  });

  test('a complete record passes and shows votes, propositionsordning, jäv and reservation', () => {
    const { body, meeting } = buildKommunallagen('19:kl@thread.v2');
    expect(protocolGaps(body, meeting)).toEqual([]);
    const md = renderMarkdown(assembleProtocol(body, meeting));
    expect(md).toContain('Henric Jakobsson (s) yrkar: bifall till förslaget');
    expect(md).toContain('Eva Stuge (m) yrkar: avslag på förslaget');
    expect(md).toContain('Ordföranden ställer proposition på yrkandena i följande ordning: 1) Henric Jakobssons yrkande, 2) Eva Stuges yrkande och finner att Henric Jakobssons yrkande bifalls.');
    expect(md).toContain('| Eva Stuge (m) | nej |');
    expect(md).toContain('| Carin Nilsson (s) | ja |');
    expect(md).toContain('Omröstningen utföll med 3 ja-röster mot 2 nej-röster.');
    expect(md).toContain('Ingrid Nygren (c) anmäler jäv och deltar inte i handläggningen av ärendet.');
    expect(md).toContain('Eva Stuge (m) reserverar sig mot beslutet: Taxan slår hårt mot dem med låga inkomster.');
    expect(md).toContain('Kenneth Andersson (s), ersättare');
  });

  test('a vote without a serving member’s vote is refused, naming the gap', () => {
    const { body, meeting } = buildKommunallagen('19:kl@thread.v2', { missingVoteFor: 'Eva Stuge' });
    expect(protocolGaps(body, meeting)).toEqual(['§ 2: omröstningen saknar röst för Eva Stuge']);
    expect(() => assertComplete(body, meeting)).toThrow(UserError);
    expect(() => createDraft(body, meeting, '2021-12-17T16:00:00.000Z', 'Maria Lind')).toThrow(/§ 2: omröstningen saknar röst för Eva Stuge/);
  });

  test('other gaps: no decision, no proposal, no propositionsordning, nobody recorded as serving', () => {
    const { body, meeting } = buildKommunallagen('19:kl@thread.v2');
    const items = meeting.items.map((i) => (i.paragraph === 2 ? { ...i, propositionOrder: undefined, outcome: undefined } : i.paragraph === 3 ? { ...i, proposal: undefined } : i));
    expect(protocolGaps(body, { ...meeting, items, service: [] })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/tjänstgjort/),
        '§ 2: beslutet saknas',
        '§ 2: propositionsordningen för yrkandena saknas',
        '§ 3: förslag till beslut saknas',
      ]),
    );
  });

  test('samverkan bodies are not held to 5 kap. 67 §', () => {
    const { body, meeting } = seed();
    expect(protocolGaps(body, { ...meeting, service: [] })).toEqual([]);
  });
});

describe('versions and justering (pure)', () => {
  const at = (h: number) => `2021-12-20T${String(h).padStart(2, '0')}:00:00.000Z`;

  test('approvals on an older version do not count; all approvers on the latest lock it', () => {
    const { body, meeting } = buildSeed002('19:v@thread.v2', { justerare: ['Kenneth Andersson', 'Eva Stuge'] });
    const carinE = body.roster.find((r) => r.name === 'Carin Nilsson')!;
    const kennethE = body.roster.find((r) => r.name === 'Kenneth Andersson')!;
    const evaE = body.roster.find((r) => r.name === 'Eva Stuge')!;
    let m = sendForJustering(body, createDraft(body, meeting, at(8), 'Maria Lind'), at(8));
    m = approve(body, m, kennethE, 'aad-k', 1, at(9));
    m = requestChange(body, m, evaE, 1, 45, 'Stavfel', at(9));
    m = correct(body, m, { paragraph: 45, field: 'anteckning', text: 'Rättad text.' }, at(10), 'Maria Lind');
    expect(m.status).toBe('protokollutkast');
    expect(m.protocol.map((v) => v.version)).toEqual([1, 2]);
    expect(m.protocol[1].approvals).toEqual([]);
    expect(() => approve(body, m, kennethE, 'aad-k', 1, at(11))).toThrow(/version 2/);
    m = sendForJustering(body, m, at(11));
    for (const e of [kennethE, evaE]) m = approve(body, m, e, 'x', 2, at(12));
    expect(m.status).toBe('under justering');
    m = approve(body, m, carinE, 'x', 2, at(13));
    expect(m.status).toBe('justerat');
    expect(m.protocol[1].lockedAt).toBe(at(13));
    expect(m.protocol[1].contentHash).toBe(sha256Hex(m.protocol[1].markdown));
    // Locked: a plain correction is refused; a rättelse makes a new version and the locked one stays.
    expect(() => correct(body, m, { paragraph: 45, field: 'anteckning', text: 'Ny' }, at(14), 'Maria Lind')).toThrow(/låst/);
    const r = correct(body, m, { paragraph: 45, field: 'anteckning', text: 'Ny', rattelse: true }, at(14), 'Maria Lind');
    expect(r.protocol[2].correctionOf).toBe(2);
    expect(r.protocol[1]).toEqual(m.protocol[1]);
  });

  test('someone who is not ordförande or justerare cannot justera', () => {
    const { body, meeting } = seed();
    const annika = body.roster.find((r) => r.name === 'Annika Wibrell')!;
    const m = sendForJustering(body, createDraft(body, meeting, at(8), 'Maria Lind'), at(8));
    expect(() => approve(body, m, annika, 'x', 1, at(9))).toThrow(/Bara ordföranden och de valda justerarna/);
    expect(() => approve(body, m, undefined, 'x', 1, at(9))).toThrow(/Bara ordföranden/);
  });
});

describe('what a secretary would otherwise correct by hand', () => {
  test('jäv stands before the handling and the förslag before the discussion', () => {
    const { body, meeting } = buildKommunallagen('19:order@thread.v2');
    const items = meeting.items.map((i) => (i.paragraph === 3 ? { ...i, note: 'Diskussionen gällde avtalets längd.' } : i));
    const md = renderMarkdown(assembleProtocol(body, { ...meeting, items }));
    const s3 = md.slice(md.indexOf('## § 3.'));
    expect(s3.indexOf('anmäler jäv')).toBeLessThan(s3.indexOf('Förslag till beslut'));
    expect(s3.indexOf('Förslag till beslut')).toBeLessThan(s3.indexOf('Diskussionen gällde'));
    expect(s3.indexOf('Diskussionen gällde')).toBeLessThan(s3.indexOf('beslutade att godkänna avtalet'));
  });

  test('a bordlagt or återremitterat Beslutsärende needs no förslag', () => {
    const { body, meeting } = buildKommunallagen('19:bord@thread.v2');
    const deferred = (kind: 'bordläggs' | 'återremitteras') => ({
      ...meeting,
      items: meeting.items.map((i) => (i.paragraph === 3 ? { ...i, proposal: undefined, outcome: { kind, formula: 'Ärendet bordläggs.', recordedBy: 'Maria Lind', recordedAt: '2021-12-17T10:00:00.000Z' } } : i)),
    });
    expect(protocolGaps(body, deferred('bordläggs'))).toEqual([]);
    expect(protocolGaps(body, deferred('återremitteras'))).toEqual([]);
    const decided = { ...meeting, items: meeting.items.map((i) => (i.paragraph === 3 ? { ...i, proposal: undefined } : i)) };
    expect(protocolGaps(body, decided)).toEqual(['§ 3: förslag till beslut saknas']);
  });

  test('an ersättare serving part of the meeting for a present ledamot stands right after that ledamot', () => {
    const { body, meeting } = buildKommunallagen('19:ers@thread.v2');
    const id = (n: string) => body.roster.find((r) => r.name === n)!.id;
    // Kenneth serves for Ingrid Nygren on § 3, where she is jävig.
    const service = [...meeting.service, { memberId: id('Kenneth Andersson'), replacing: id('Ingrid Nygren'), fromIndex: 2, toIndex: 3, reason: 'jäv' as const }];
    const present = assembleProtocol(body, { ...meeting, service }).present;
    expect(present[0]).toBe('Carin Nilsson (s), ordförande');
    const ingrid = present.findIndex((l) => l.startsWith('Ingrid Nygren'));
    expect(present[ingrid + 1]).toBe('Kenneth Andersson (s), ersättare för Ingrid Nygren, § 3');
  });

  test('seed 002: the ersättare for an absent ledamot comes second, without §§ when serving throughout', () => {
    const { body, meeting } = seed();
    const present = assembleProtocol(body, meeting).present;
    expect(present.slice(0, 2)).toEqual(['Carin Nilsson (s) Umeå kommun, ordförande', 'Kenneth Andersson (s), ersättare för Anna-Lena Danielsson, tillika justerare']);
  });

  test('"Nästa möte" fills the § Nästa möte, with the year', () => {
    const { body, meeting } = seed();
    const items = [...meeting.items, emptyItem({ id: 'n52', paragraph: 52, title: 'Nästa möte', standard: 'nästa möte' })];
    const md = renderMarkdown(assembleProtocol(body, { ...meeting, items, nextMeetingDate: '2022-03-18' }));
    expect(md).toContain('## § 52. Nästa möte\n\nFredag 18 mars 2022\n');
    expect(md.match(/Nästa möte\n/g)).toHaveLength(1);
    // Without such a §, it stands under the § after the last (seed 002's "52. Nästa möte"), with the year.
    expect(renderMarkdown(assembleProtocol(body, { ...meeting, nextMeetingDate: '2022-03-18' }))).toContain('## § 52. Nästa möte\n\nFredag 18 mars 2022\n');
  });

  test('the protocol names who justerar, and where and by when (SKR\'s template)', () => {
    const { body, meeting } = seed();
    const md = renderMarkdown(assembleProtocol(body, meeting));
    expect(md).toContain('Utses att justera: Kenneth Andersson');
    expect(md).toMatch(/Justeringens plats och tid: Digitalt i Teams, senast \S+ \d+ \S+ 202[12]/);
    expect(md.indexOf('Utses att justera')).toBeLessThan(md.indexOf('## § 42.'));
  });
});
