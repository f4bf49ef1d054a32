import { bodyFixture, meetingFixture, conversation, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { cardText } from '../support/bot';
import { itemCard } from '../../src/cards/item/item';
import { kallelseCard } from '../../src/cards/kallelse/kallelse';
import { agendaPreviewCard } from '../../src/cards/agenda-preview/agenda-preview';
import { meetingIcs } from '../../src/http/ics';
import type { Item } from '../../src/domain/meeting';
import { helpCard } from '../../src/cards/help/help';
import { HELP_SECTIONS, DEMO_SECTION } from '../../src/cards/help/sections';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';

/** A § marked for sekretess on the cards: what the secretary sees, what the chat sees, what leaves the chat. */

const body = bodyFixture(conversation('sekretess-cards'), { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
const covered = (i: Item): Item =>
  i.paragraph === 3 ? { ...i, attachments: ['3. Utredning om familjen'], sekretess: { provision: '26 kap. 1 § OSL', scope: 'paragraf', persons: [], markedBy: 'Maria Lind', markedAt: '2021-12-01T10:00:00Z' } } : i;
const meeting = { ...meetingFixture(body, { items: NAMND_ITEMS.map(covered) }), currentIndex: 2 };
const title = 'Upphandling av hemtjänst';

test("the secretary's item and preview cards say the § is covered", () => {
  expect(cardText(itemCard(body, meeting, 2))).toContain('Sekretess enligt 26 kap. 1 § OSL.');
  expect(cardText(agendaPreviewCard(body, meeting))).toContain('Sekretess enligt 26 kap. 1 § OSL.');
});

test('the kallelse: title and "Sekretess" in the chat, handlingar only in a member\'s own view, no title outside the chat', () => {
  const shared = cardText(kallelseCard(body, meeting, { icsUrl: 'https://example.test/ics' }));
  expect(shared).toContain(`§ 3 ${title}`);
  expect(shared).toContain('Sekretess');
  expect(shared).not.toContain('anta tilldelningsbeslutet');
  expect(shared).not.toContain('Utredning om familjen');
  const member = body.roster.find((r) => r.role === 'ledamot')!;
  expect(cardText(kallelseCard(body, meeting, { icsUrl: 'https://example.test/ics', viewer: member }))).toContain('Utredning om familjen');
  const reminder = JSON.stringify(kallelseCard(body, meeting, { icsUrl: 'https://example.test/ics', viewer: member, outside: true }));
  expect(reminder).not.toContain(title);
  expect(reminder).not.toContain('Utredning om familjen');
  expect(reminder).toContain('§ 3 Sekretess enligt 26 kap. 1 § OSL');
  // The calendar file travels outside the body too.
  expect(meetingIcs(body, meeting)).not.toContain(title);
});

test('the help card explains the syntax and stays within the card size limit', () => {
  const card = helpCard([...HELP_SECTIONS, DEMO_SECTION], 'intro', []);
  const text = cardText(card);
  for (const line of ['sekretess §12 26 kap. 1 § OSL', 'sekretess §12 beslut 26 kap. 1 § OSL', 'sekretess §12 person Anna Andersson, Bo Ek (vårdnadshavaren): 26 kap. 1 § OSL', 'sekretess §12 bort']) expect(text).toContain(line);
  expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
});
