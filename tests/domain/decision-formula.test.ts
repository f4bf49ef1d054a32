import fc from 'fast-check';
import { decisionInput, parseDecision, renderDecision } from '../../src/domain/decision-formula';

const F = (body: string, text: string) => renderDecision(body, parseDecision(text, body));

test('seed 002’s own formulas come out unchanged', () => {
  expect(F('Samråd vård och omsorg', 'godkänna layout för Framtidsbild Nära vård 2030')).toBe('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
  expect(F('Samråd vård och omsorg', 'Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.')).toBe('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
  expect(F('Samråd vård och omsorg', 'Samråd vård och omsorg godkände informationen.')).toBe('Samråd vård och omsorg godkände informationen.');
  // The förslag as the seed's agenda writes it, in the present tense with the organ as subject.
  expect(F('Samråd vård och omsorg', 'Samråd vård och omsorg godkänner layout för Framtidsbild Nära vård 2030.')).toBe('Samråd vård och omsorg beslutade att godkänna layout för Framtidsbild Nära vård 2030.');
});

test('the cases the protocol got wrong before', () => {
  // A sentence of its own stands as written under the §.
  expect(F('Samråd vård och omsorg', 'Layouten godkänns.')).toBe('Layouten godkänns.');
  expect(F('Socialnämnden', 'Föredragningslistan godkändes.')).toBe('Föredragningslistan godkändes.');
  expect(F('Socialnämnden', 'Budgeten fastställs')).toBe('Budgeten fastställs.');
  // Seed 000's outcomes: a determiner in -a is no infinitive.
  expect(F('Välfärdsrådet', 'Inga synpunkter lämnades.')).toBe('Inga synpunkter lämnades.');
  expect(F('Välfärdsrådet', 'Alla handlingar lades till handlingarna.')).toBe('Alla handlingar lades till handlingarna.');
  // The organ's name is not repeated; "föreslår" becomes "beslutade att föreslå".
  expect(F('Vård- och omsorgsnämnden', 'Vård- och omsorgsnämnden föreslår kommunfullmäktige besluta att anta taxan.')).toBe('Vård- och omsorgsnämnden beslutade att föreslå kommunfullmäktige besluta att anta taxan.');
  expect(F('Vård- och omsorgsnämnden', 'Nämnden föreslår kommunfullmäktige att anta taxan för hemtjänst 2022.')).toBe('Vård- och omsorgsnämnden beslutade att föreslå kommunfullmäktige att anta taxan för hemtjänst 2022.');
  // A lower-case verb after "att".
  expect(F('Socialnämnden', 'Godkänna avgiftshandboken.')).toBe('Socialnämnden beslutade att godkänna avgiftshandboken.');
  expect(F('Socialnämnden', 'Att Anta planen.')).toBe('Socialnämnden beslutade att anta planen.');
  expect(F('Socialnämnden', 'Socialnämnden beslutar att anta planen.')).toBe('Socialnämnden beslutade att anta planen.');
  expect(F('Socialnämnden', 'Förvaltningen föreslår att socialnämnden beslutar att anta planen.')).toBe('Socialnämnden beslutade att anta planen.');
  // A name after "att" keeps its capital.
  expect(F('Socialnämnden', 'att Anna Andersson väljs till ordförande')).toBe('Socialnämnden beslutade att Anna Andersson väljs till ordförande.');
});

test('numbered att-satser, each on its own line', () => {
  const expected = 'Socialnämnden beslutade att\n1. anta rutinen för hemtjänst\n2. uppdra åt förvaltningen att följa upp rutinen.';
  expect(F('Socialnämnden', '1. Anta rutinen för hemtjänst.\n2. Uppdra åt förvaltningen att följa upp rutinen.')).toBe(expected);
  expect(F('Socialnämnden', 'Socialnämnden beslutar att 1. anta rutinen för hemtjänst 2. uppdra åt förvaltningen att följa upp rutinen')).toBe(expected);
  expect(F('Socialnämnden', 'att anta rutinen för hemtjänst, att uppdra åt förvaltningen att följa upp rutinen')).toBe(expected);
  expect(decisionInput(parseDecision(expected, 'Socialnämnden'))).toBe('1. anta rutinen för hemtjänst\n2. uppdra åt förvaltningen att följa upp rutinen');
});

const verbs = fc.constantFrom('anta', 'godkänna', 'uppdra åt förvaltningen att', 'fastställa', 'ge förvaltningen i uppdrag att', 'avslå');
const objects = fc.stringMatching(/^[a-zåäö]{2,12}( [a-zåäö0-9]{1,10}){0,4}$/);
const clause = fc.tuple(verbs, objects).map(([v, o]) => `${v} ${o}`);
const bodies = fc.constantFrom('Socialnämnden', 'Samråd vård och omsorg', 'Vård- och omsorgsnämnden', 'Kommunstyrelsen');
const forms = fc.constantFrom(
  (b: string, c: string[]) => (c.length === 1 ? `att ${c[0]}` : c.map((x, i) => `${i + 1}. ${x}`).join('\n')),
  (b: string, c: string[]) => `${b} beslutar att ${c.length === 1 ? c[0] : c.map((x, i) => `${i + 1}. ${x}`).join(' ')}.`,
  (b: string, c: string[]) => c.map((x) => `att ${x}`).join(', '),
  (b: string, c: string[]) => (c.length === 1 ? `${c[0].charAt(0).toUpperCase()}${c[0].slice(1)}.` : c.map((x, i) => `${i + 1}) ${x}`).join('\n')),
);

test('property: however the att-satser are written, the formula names the organ once and keeps every clause in order', () => {
  fc.assert(
    fc.property(bodies, fc.array(clause, { minLength: 1, maxLength: 4 }), forms, (b, clauses, form) => {
      const out = F(b, form(b, clauses));
      expect(out.split(b).length - 1).toBe(1);
      expect(out.startsWith(`${b} beslutade att`)).toBe(true);
      expect(out).not.toMatch(/\batt att\b|beslutade att [A-ZÅÄÖ]/u);
      const d = parseDecision(out, b);
      expect(d).toEqual({ form: 'att', clauses });
    }),
  );
});

test('property: the formula is a fixed point — formatting it again changes nothing', () => {
  fc.assert(
    fc.property(bodies, fc.array(clause, { minLength: 1, maxLength: 4 }), forms, (b, clauses, form) => {
      const once = F(b, form(b, clauses));
      expect(F(b, once)).toBe(once);
      expect(F(b, decisionInput(parseDecision(once, b)))).toBe(once);
    }),
  );
});

test('property: a sentence of its own (subject, then a passive or past verb) stands as written', () => {
  const subject = fc.constantFrom('Föredragningslistan', 'Layouten', 'Budgeten', 'Föregående protokoll', 'Ärendet', 'Riktlinjerna');
  const verb = fc.constantFrom('godkändes', 'godkänns', 'fastställs', 'antas', 'lades till handlingarna', 'bordläggs');
  fc.assert(
    fc.property(bodies, subject, verb, (b, s, v) => {
      const text = `${s} ${v}.`;
      expect(F(b, text)).toBe(text);
      expect(renderDecision(b, parseDecision(text, b))).toBe(text);
    }),
  );
});
