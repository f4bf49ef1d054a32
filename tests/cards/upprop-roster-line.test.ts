import { rosterLine } from '../../src/cards/upprop/upprop';
import type { RosterEntry } from '../../src/domain/body';

const entry = (e: Partial<RosterEntry>): RosterEntry => ({ id: 'r1', name: 'Maria Lind', role: 'ledamot', ...e }) as RosterEntry;

test('the secretary is named once on the upprop, whether sekreterare is the title or an extra role', () => {
  expect(rosterLine(entry({ role: 'tjänsteperson', title: 'sekreterare', secretary: true }))).toBe('Maria Lind, sekreterare');
  expect(rosterLine(entry({ role: 'tjänsteperson', title: 'regional samverkanskoordinator', secretary: true }))).toBe('Maria Lind, regional samverkanskoordinator, sekreterare');
  expect(rosterLine(entry({ party: 's', organisation: 'Umeå kommun', role: 'ledamot', secretary: true }))).toBe('Maria Lind (s) Umeå kommun, sekreterare');
  expect(rosterLine(entry({ party: 's', organisation: 'Umeå kommun', role: 'ordförande' }))).toBe('Maria Lind (s) Umeå kommun, ordförande');
});
