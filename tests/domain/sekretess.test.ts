import { parseSekretessCommand, replacePersons, shownTitle, withMark } from '../../src/domain/sekretess';
import { publicModel, publicSection } from '../../src/domain/protocol/public-version';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import type { ProtocolModel, ProtocolSection } from '../../src/domain/protocol/model';
import { UserError } from '../../src/domain/errors';

/** The typed syntax, the marking's merge rules and the public derivation, without storage. */

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).userMessage;
  }
  throw new Error('not refused');
};

test('the typed syntax: whole §, its text, named persons (with roles), removal', () => {
  expect(parseSekretessCommand('sekretess §12 26 kap. 1 § OSL')).toEqual({ kind: 'markera', paragraph: 12, scope: 'paragraf', provision: '26 kap. 1 § OSL', persons: [] });
  expect(parseSekretessCommand('Sekretess § 12 enligt 26 kap. 1 § OSL.')).toMatchObject({ scope: 'paragraf', provision: '26 kap. 1 § OSL' });
  expect(parseSekretessCommand('sekretess §12 beslut 26 kap. 1 § OSL')).toMatchObject({ scope: 'text', provision: '26 kap. 1 § OSL' });
  expect(parseSekretessCommand('sekretess §12 person Anna Andersson, Bo Ek (vårdnadshavaren): 26 kap. 1 § OSL')).toEqual({
    kind: 'markera',
    paragraph: 12,
    scope: 'personer',
    provision: '26 kap. 1 § OSL',
    persons: [{ name: 'Anna Andersson', role: 'den enskilde' }, { name: 'Bo Ek', role: 'vårdnadshavaren' }],
  });
  // Without ":" the provision starts at its first digit; "enligt" works too.
  expect(parseSekretessCommand('sekretess §12 person Anna Andersson 26 kap. 1 § OSL')).toMatchObject({ persons: [{ name: 'Anna Andersson' }], provision: '26 kap. 1 § OSL' });
  expect(parseSekretessCommand('sekretess §12 personer Anna Andersson enligt 26 kap. 1 § OSL')).toMatchObject({ persons: [{ name: 'Anna Andersson' }] });
  expect(parseSekretessCommand('sekretess §12 bort')).toEqual({ kind: 'ta bort', paragraph: 12 });
});

test('bad input is refused in Swedish: no provision, a provision that cites nothing, no §, no names', () => {
  expect(refusal(() => parseSekretessCommand('sekretess §12'))).toMatch(/Ange vilken bestämmelse/);
  expect(refusal(() => parseSekretessCommand('sekretess §12 hemligt'))).toMatch(/ser inte ut som en bestämmelse/);
  expect(refusal(() => parseSekretessCommand('sekretess 26 kap. 1 § OSL'))).toMatch(/Ange paragrafen med §/);
  expect(refusal(() => parseSekretessCommand('sekretess §12 person : 26 kap. 1 § OSL'))).toMatch(/Ange vilka personer/);
  expect(refusal(() => parseSekretessCommand(`sekretess §12 ${'1'.repeat(200)}`))).toMatch(/för lång/);
});

test('markings add up: persons are added, the wider scope stays, the provision is the last given', () => {
  const a = withMark(undefined, { scope: 'personer', provision: '26 kap. 1 § OSL', persons: [{ name: 'Anna Andersson', role: 'den enskilde' }] }, 'Maria', 't1');
  const b = withMark(a, { scope: 'text', provision: '26 kap. 5 § OSL', persons: [] }, 'Maria', 't2');
  expect(b).toMatchObject({ scope: 'text', provision: '26 kap. 5 § OSL', persons: [{ name: 'Anna Andersson' }] });
  const c = withMark(b, { scope: 'paragraf', provision: '26 kap. 1 § OSL', persons: [] }, 'Maria', 't3');
  expect(withMark(c, { scope: 'text', provision: '26 kap. 1 § OSL', persons: [] }, 'Maria', 't4').scope).toBe('paragraf');
});

test('a covered name is replaced in full, in the genitive and alone, as whole words only', () => {
  const persons = [{ name: 'Anna Andersson', role: 'den enskilde' }];
  expect(replacePersons('Anna Anderssons ansökan; anna andersson hördes. Anna svarade. Annandag.', persons)).toBe('den enskildes ansökan; den enskilde hördes. den enskilde svarade. Annandag.');
  // A role is text, never a replacement pattern that could put the name back.
  expect(replacePersons('Anna Andersson hördes.', [{ name: 'Anna Andersson', role: "$& $' $1" }])).toBe("$& $' $1 hördes.");
  expect(shownTitle({ title: 'Placering av Anna Andersson', sekretess: { provision: '26 kap. 1 § OSL', scope: 'paragraf', persons } })).toBe('Sekretess enligt 26 kap. 1 § OSL');
  expect(shownTitle({ title: 'Placering av Anna Andersson', sekretess: { provision: '26 kap. 1 § OSL', persons } })).toBe('Placering av den enskilde');
});

const S = 'HEMLIG';
function section(extra: Partial<ProtocolSection> = {}): ProtocolSection {
  return {
    paragraph: 12,
    title: `Ärende ${S}`,
    kind: 'Beslutsärende',
    presenters: `Föredragande ${S}`,
    attachments: [`Bilaga ${S}`],
    account: [`Redogörelse ${S}`],
    proposal: `Förslag ${S}`,
    motions: [{ by: 'Eva Stuge (m)', text: `Yrkande ${S}` }],
    votes: [{ question: `Proposition ${S}`, lines: [{ name: 'Eva Stuge (m)', choice: 'ja' }], ja: 1, nej: 0, avstar: 0, castingVote: false, resultText: `Resultat ${S}` }],
    jav: ['Per Ek (s) anmäler jäv och deltar inte i handläggningen av ärendet.'],
    reservations: [`Eva Stuge (m) reserverar sig mot beslutet: ${S}`],
    protocolNotes: [`Eva Stuge (m) lämnar en protokollsanteckning: ${S}`],
    decision: `Beslut ${S}`,
    assignments: [`Britta: ${S}`],
    questions: [`Fråga från Umeå: ${S}`],
    immediateJustering: false,
    ...extra,
  };
}

test('the public § for each scope: nothing secret stays, who took part stays where the text alone is covered', () => {
  const whole = publicSection(section({ sekretess: { provision: '26 kap. 1 § OSL', scope: 'paragraf', persons: [] } }));
  expect(JSON.stringify(whole)).not.toContain(S);
  expect(whole.title).toBe('Sekretess enligt 26 kap. 1 § OSL');
  expect(whole.paragraph).toBe(12);

  // The text covered: the föredragande (a tjänsteperson) stays public with the title.
  const text = publicSection(section({ title: 'Ansökan om bistånd', presenters: 'Britta Edström', sekretess: { provision: '26 kap. 1 § OSL', scope: 'text', persons: [] } }));
  expect(JSON.stringify(text)).not.toContain(S);
  expect(text.presenters).toBe('Britta Edström');
  expect(text.title).toBe('Ansökan om bistånd');
  expect(text.reservations).toEqual(['Eva Stuge (m) reserverar sig mot beslutet.']);
  expect(text.votes[0].lines).toEqual([{ name: 'Eva Stuge (m)', choice: 'ja' }]);
  expect(text.decision).toBe('Sekretess enligt 26 kap. 1 § OSL');

  const persons = publicSection(section({ sekretess: { provision: '26 kap. 1 § OSL', persons: [{ name: S, role: 'den enskilde' }] } }));
  expect(JSON.stringify(persons)).not.toContain(S);
  expect(persons.title).toBe('Ärende den enskilde');
  // A § without marking is passed as it is.
  const open = section();
  expect(publicSection(open)).toBe(open);
});

test('the complete protocol notes the sekretess under the § heading; the public version says what it is', () => {
  const model: ProtocolModel = {
    form: 'protokoll',
    bodyName: 'Socialnämnden',
    heading: 'Protokoll',
    dateTime: '2030-12-17 kl. 09.00-12.00',
    date: '2030-12-17',
    paragraphs: '12',
    present: [],
    absent: [],
    officials: [],
    sections: [section({ sekretess: { provision: '26 kap. 1 § OSL', scope: 'text', persons: [] } })],
    signatures: [],
  };
  const complete = renderMarkdown(model);
  expect(complete).toContain('## § 12. Ärende HEMLIG\n\n**Paragrafens redogörelse och beslut omfattas av sekretess enligt 26 kap. 1 § OSL.**');
  const pub = renderMarkdown(publicModel(model));
  expect(pub).toContain('*Offentlig version.');
  expect(pub).not.toContain('Redogörelse HEMLIG');
  // A protocol without any marking renders as before (its kontrollsumma is unchanged).
  expect(renderMarkdown({ ...model, sections: [section()] })).not.toMatch(/Sekretess|sekretess/);
});
