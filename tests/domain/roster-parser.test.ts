import { parseRoster } from '../../src/domain/roster-parser';
import { confirmLink, linkByDisplayName, linkCandidate, linkEntry, replaceRoster, undoLink } from '../../src/domain/roster';
import { organisationsWithoutLedamot, missingOrganisationsText } from '../../src/domain/body-setup';
import { ledamoter, ersattare, tjanstepersoner, secretaryIds, type Body } from '../../src/domain/body';
import { SEED_002_ROSTER } from './seed-002';

const body = (roster: Body['roster'], organisations: string[] = []): Body => ({
  id: 'b1', name: 'Samråd vård och omsorg', profile: 'samverkan', justeringDays: 14, organisations, conversationId: 'c', roster, founders: ['aad-founder'], createdAt: '2021-01-01T00:00:00Z',
});

test('seed 002 roster: 14 present + 7 absent members and 3 tjänstepersoner, as printed', () => {
  const { entries, unreadable } = parseRoster(SEED_002_ROSTER);
  expect(unreadable).toEqual([]);
  const b = body(replaceRoster([], entries));
  expect(ledamoter(b)).toHaveLength(20);
  expect(ersattare(b).map((r) => r.name)).toEqual(['Kenneth Andersson']);
  expect(tjanstepersoner(b).map((r) => r.name)).toEqual(['Britta Edström', 'Katarina Lindahl', 'Maria Lind']);
  expect(b.roster.find((r) => r.name === 'Carin Nilsson')).toMatchObject({ party: 's', organisation: 'Umeå kommun', role: 'ordförande' });
  expect(b.roster.find((r) => r.name === 'Kenneth Andersson')).toMatchObject({ party: 's', role: 'ersättare' });
  expect(b.roster.find((r) => r.name === 'Kenneth Andersson')!.organisation).toBeUndefined();
  expect(b.roster.find((r) => r.name === 'Linnéa Lindberg')).toMatchObject({ party: 'åp', organisation: 'Åsele kommun', role: 'ledamot' });
  expect(b.roster.find((r) => r.name === 'Britta Edström')).toMatchObject({ role: 'tjänsteperson', title: 'regional samverkanskoordinator' });
  expect(b.roster.find((r) => r.name === 'Maria Lind')).toMatchObject({ role: 'tjänsteperson', secretary: true });
});

test('roles: vice ordförande, ersättare in the member section, and an "Ersättare:" heading', () => {
  const { entries, unreadable } = parseRoster('Anna Berg (m) Vännäs kommun, 1:e vice ordförande\nKenneth Andersson (s) Region Västerbotten, ersättare\nErsättare:\nOlle Ek (v) Umeå kommun');
  expect(unreadable).toEqual([]);
  expect(entries.map((e) => e.role)).toEqual(['vice ordförande', 'ersättare', 'ersättare']);
  expect(entries[1].organisation).toBe('Region Västerbotten');
});

test('unreadable lines are each listed with a reason', () => {
  const { entries, unreadable } = parseRoster('Carin Nilsson (s) Umeå kommun, ordförande\nCarin Nilsson (s Umeå kommun\n(s) Umeå kommun\nEva Stuge (m) Lycksele kommun, kung\nCarin Nilsson (s) Umeå kommun');
  expect(entries).toHaveLength(1);
  expect(unreadable.map((u) => u.line)).toEqual([2, 3, 4, 5]);
  expect(unreadable[2].reason).toMatch(/okänd roll "kung"/);
  expect(unreadable[3].reason).toMatch(/står redan på rad 1/);
});

test('a re-pasted roster keeps ids and Teams links for the same names, and new names get new ids', () => {
  const first = replaceRoster([], parseRoster('Carin Nilsson (s) Umeå kommun\nEva Stuge (m) Lycksele kommun').entries);
  const linked = first.map((r) => (r.name === 'Eva Stuge' ? { ...r, aadObjectId: 'aad-eva' } : r));
  const second = replaceRoster(linked, parseRoster('Eva Stuge (m) Lycksele kommun, ordförande\nOlle Ek (v) Umeå kommun').entries);
  expect(second.find((r) => r.name === 'Eva Stuge')).toMatchObject({ id: first[1].id, aadObjectId: 'aad-eva', role: 'ordförande', order: 0 });
  expect(second.find((r) => r.name === 'Olle Ek')!.id).not.toBe(first[0].id);
});

test('linking by display name is exact and never guesses between two members of the same name', () => {
  const roster = replaceRoster([], parseRoster('Carin Nilsson (s) Umeå kommun\nEva Stuge (m) Lycksele kommun\nOlle Ek (v) Umeå kommun').entries);
  const out = linkByDisplayName(roster, [
    { aadObjectId: 'a1', id: '29:a1', name: 'Carin Nilsson' },
    { aadObjectId: 'a2', name: 'eva stuge' },
    { aadObjectId: 'a3', name: 'Olle Ek' },
    { aadObjectId: 'a4', name: 'Olle Ek' },
  ]);
  expect(out.map((r) => r.aadObjectId)).toEqual(['a1', undefined, undefined]);
  expect(out[0].teamsUserId).toBe('29:a1');
  const b = body(out);
  expect(linkCandidate(b, { aadObjectId: 'a2', name: 'Eva Stuge' })?.name).toBe('Eva Stuge');
  expect(linkCandidate(b, { aadObjectId: 'a1', name: 'Eva Stuge' })).toBeUndefined(); // already linked elsewhere
  expect(linkEntry(b, out[1].id, { aadObjectId: 'a2', name: 'Eva Stuge' }).roster[1].aadObjectId).toBe('a2');
});

test('an automatic link is confirmed or undone by the secretary; an undone link is never made automatically again', () => {
  const roster = replaceRoster([], parseRoster('Carin Nilsson (s) Umeå kommun\nEva Stuge (m) Lycksele kommun').entries);
  const eva = { aadObjectId: 'a2', id: '29:a2', name: 'Eva Stuge' };
  const linked = body(linkByDisplayName(roster, [eva]));
  const entry = linked.roster[1];
  expect(entry).toMatchObject({ aadObjectId: 'a2', teamsName: 'Eva Stuge' });
  expect(entry.linkConfirmedAt).toBeUndefined();

  const confirmed = confirmLink(linked, entry.id, 'a2', 'aad-founder', '2021-01-02T00:00:00Z');
  expect(confirmed.roster[1].linkConfirmedAt).toBe('2021-01-02T00:00:00Z');
  expect(() => confirmLink(confirmed, entry.id, 'a2', 'aad-founder', 't')).toThrow(/redan bekräftad/);
  expect(() => confirmLink(linked, entry.id, 'a9', 'aad-founder', 't')).toThrow(/har ändrats sedan kortet visades/);
  expect(() => confirmLink(linked, 'r99', 'a2', 'aad-founder', 't')).toThrow(/finns inte längre på ledamotslistan/);
  // One does not vouch for one's own link (unless one set the body up).
  expect(() => confirmLink(linked, entry.id, 'a2', 'a2', 't')).toThrow(/inte bekräfta din egen koppling/);

  const undone = undoLink(confirmed, entry.id, 'a2', 'aad-founder', '2021-01-03T00:00:00Z');
  expect(undone.roster[1]).not.toHaveProperty('aadObjectId');
  expect(undone.roster[1]).not.toHaveProperty('linkConfirmedAt');
  expect(undone.undoneLinks).toEqual([{ name: 'Eva Stuge', aadObjectId: 'a2', at: '2021-01-03T00:00:00Z' }]);
  expect(linkCandidate(undone, eva)).toBeUndefined();
  expect(linkByDisplayName(undone.roster, [eva], undone.undoneLinks)[1].aadObjectId).toBeUndefined();
  // Another identity of that name may still be linked.
  expect(linkCandidate(undone, { aadObjectId: 'a7', name: 'Eva Stuge' })?.id).toBe(entry.id);
  expect(() => undoLink(confirmed, entry.id, 'a2', 'a2', 't')).toThrow(/inte ångra din egen koppling/);
});

test('the founder stays secretary until the link of a named secretary is confirmed', () => {
  const roster = replaceRoster([], parseRoster('Tjänstepersoner:\nMaria Lind, sekreterare').entries);
  expect(secretaryIds(body(roster))).toEqual(['aad-founder']);
  // Linked automatically (by name): Maria is secretary, and the founder still is, so a wrong link can be undone.
  expect(secretaryIds(body([{ ...roster[0], aadObjectId: 'aad-maria' }]))).toEqual(['aad-maria', 'aad-founder']);
  expect(secretaryIds(body([{ ...roster[0], aadObjectId: 'aad-maria', linkConfirmedAt: '2021-01-02T00:00:00Z' }]))).toEqual(['aad-maria']);
});

test('member organisations without a ledamot are named (seed 000)', () => {
  const roster = replaceRoster([], parseRoster('Anna Berg (s) Falu kommun\nOlle Ek (v) Region Dalarna\nKim Ek (m) Borlänge kommun, ersättare').entries);
  const b = body(roster, ['Falun', 'Borlänge', 'Hedemora', 'Region Dalarna']);
  expect(organisationsWithoutLedamot({ ...b, organisations: ['Falu kommun', 'Borlänge', 'Hedemora', 'Region Dalarna'] })).toEqual(['Borlänge', 'Hedemora']);
  expect(missingOrganisationsText({ ...b, organisations: ['Falu kommun', 'Borlänge', 'Hedemora'] })).toBe('Det saknas fortfarande ledamöter från Borlänge och Hedemora.');
});

describe('organisation representatives without party (minnesanteckningar, seed 000)', () => {
  test('"Annica Nilsson, Avesta kommun" is a member of that organisation when no party is required', () => {
    const r = parseRoster('Annica Nilsson, Avesta kommun\nErik Lund, Falun kommun, ordförande\nErsättare:\nKarin Berg, Gagnef kommun', { partyRequired: false });
    expect(r.unreadable).toEqual([]);
    expect(r.entries).toEqual([
      { name: 'Annica Nilsson', organisation: 'Avesta kommun', role: 'ledamot' },
      { name: 'Erik Lund', organisation: 'Falun kommun', role: 'ordförande' },
      { name: 'Karin Berg', organisation: 'Gagnef kommun', role: 'ersättare' },
    ]);
  });

  test('a nämnd still needs the party; a line without organisation is refused either way', () => {
    expect(parseRoster('Annica Nilsson, Avesta kommun').unreadable[0].reason).toMatch(/saknar parti/);
    expect(parseRoster('Annica Nilsson', { partyRequired: false }).unreadable[0].reason).toMatch(/saknar organisation/);
    expect(parseRoster('Annica Nilsson, Avesta kommun, kassör', { partyRequired: false }).unreadable[0].reason).toMatch(/okänd roll/);
  });
});
