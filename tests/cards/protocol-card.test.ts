import { protocolCard } from '../../src/cards/protocol/protocol';
import { protocolReviewCard } from '../../src/cards/protocol-review/protocol-review';
import { cardBytes, MAX_CARD_BYTES } from '../../src/cards/render';
import { emptyItem } from '../../src/domain/meeting';
import { createDraft, sendForJustering } from '../../src/domain/protocol/versions';
import { buildSeed002 } from '../support/protocol-fixtures';
import { cardText, findAction } from '../support/bot';

const links = { md: 'https://paragraf.example/p.md?sig=x', docx: 'https://paragraf.example/p.docx?sig=x' };

function bigMeeting() {
  const { body, meeting } = buildSeed002('19:big@thread.v2');
  const items = Array.from({ length: 120 }, (_, i) =>
    emptyItem({ id: `b${i}`, paragraph: i + 1, title: `Ärende nummer ${i + 1} med en lång rubrik om *vård*`, kind: 'Muntligt informationsärende', presenters: 'Britta Edström och Katarina Lindahl', note: 'Lång redogörelse. '.repeat(60), outcome: { kind: 'informationen', formula: 'Samråd vård och omsorg godkände informationen.', recordedBy: 'M', recordedAt: '2021-12-17T10:00:00Z' } }),
  );
  const m = createDraft(body, { ...meeting, items }, '2021-12-17T13:00:00.000Z', 'Maria Lind');
  return { body, meeting: m };
}

test('a protocol too long for one card shows the first §§ and points to the document', () => {
  const { body, meeting } = bigMeeting();
  const card = protocolCard({ body, meeting, links, today: '2021-12-17' });
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  const text = cardText(card);
  expect(text).toMatch(/Kortet visar de första \d+ av 120 paragraferna/);
  expect(text).toContain('§ 1. Ärende nummer 1 med en lång rubrik om \\*vård\\*');
  expect(text).not.toContain('§ 120. Ärende nummer 120 med en lång rubrik om \\*vård');
  expect((card.actions as any[]).filter((a) => a.type === 'Action.OpenUrl').map((a) => a.url)).toEqual([links.md, links.docx]);
});

test('the review card fits too, and carries Justera and Begär ändring with a Kommentar input', () => {
  const { body, meeting } = bigMeeting();
  const sent = sendForJustering(body, meeting, '2021-12-17T14:00:00.000Z');
  const card = protocolReviewCard({ body, meeting: sent, memberId: 'r2', links });
  expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  expect(findAction(card, 'Justera').data).toMatchObject({ bodyId: body.id, meetingId: meeting.id, version: 1 });
  const change = (card.actions as any[]).find((a) => a.title === 'Begär ändring');
  expect(change.card.body.map((b: any) => b.label)).toEqual(['Paragraf', 'Kommentar']);
  expect(change.card.body[0].choices).toHaveLength(121);
});
