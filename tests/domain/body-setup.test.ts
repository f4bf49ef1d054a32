import { applySettings, newBody, parseBodyName, parseBodySettings } from '../../src/domain/body-setup';
import { UserError } from '../../src/domain/errors';

test('setting lines are read; defaults are kommunallagen, 14 days justering, 2 days reminder', () => {
  const s = parseBodySettings('Profil: samverkan\nDiarieprefix: VON\nJustering: 10 dagar\nPåminnelse: 3 dagar\nOrganisationer: Umeå kommun, Vännäs kommun, Umeå kommun');
  expect(s).toEqual({ profile: 'samverkan', diariePrefix: 'VON', justeringDays: 10, reminderDays: 3, organisations: ['Umeå kommun', 'Vännäs kommun'] });
  const b = newBody({ id: 'b1', name: 'Nämnden', conversationId: 'c', founder: 'aad-1', at: 't', settings: {} });
  expect(b).toMatchObject({ profile: 'kommunallagen', justeringDays: 14, reminderDays: 2, organisations: [], founders: ['aad-1'], roster: [] });
  expect(applySettings(b, { justeringDays: 7 }, 'Ny')).toMatchObject({ name: 'Ny', justeringDays: 7, profile: 'kommunallagen' });
});

test.each([
  ['Profil: kommunal', /Okänd profil/],
  ['Justering: fjorton', /antal dagar/],
  ['Färg: blå', /Okänd inställning/],
  ['bara text', /kunde inte läsas/],
])('"%s" is refused in Swedish', (line, message) => {
  expect(() => parseBodySettings(line)).toThrow(UserError);
  expect(() => parseBodySettings(line)).toThrow(message);
});

test('a body needs a name of sensible length', () => {
  expect(() => parseBodyName('  ')).toThrow(/behöver ett namn/);
  expect(() => parseBodyName('x'.repeat(121))).toThrow(/för långt/);
  expect(parseBodyName(' Vård-  och omsorgsnämnden ')).toBe('Vård- och omsorgsnämnden');
});
