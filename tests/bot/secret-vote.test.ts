import { TestBot, groupChat, person, cardText, findAction } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { listPartition } from '../../src/storage/table-store';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Val med slutna sedlar (issue 18): who has voted is recorded, but nothing stored, logged or shown
 * links a ballot to its voter; the ballots are counted when the vote closes, and the protocol shows
 * the result and the number of ballots. A tie is decided by lot (5 kap. 57 §).
 */

const logs: string[] = [];
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T17:05:00Z'), logStream: { write: (line) => logs.push(line) } });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const ulla = person('Ulla Berg');
const per = person('Per Ek');
const sara = person('Sara Lund');
const karin = person('Karin Ås');
const lena = person('Lena Dahl');
const conv = groupChat('secret-vote');
let body: Body;
let meeting: Meeting;
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;
const pk = () => `${body.id}|${meeting.id}`;
const rows = async () => listPartition<Record<string, unknown>>(bot.services.store.table('meetings'), pk(), 'p|');

beforeAll(async () => {
  body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  meeting = meetingFixture(body, { items: NAMND_ITEMS, start: '2022-01-20T18:00', end: '2022-01-20T20:00', absent: ['Nils Holm', 'Olof Strand'] });
  await store(bot.services, body, meeting);
  await bot.say(maria, conv, 'starta mötet');
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(!['Nils Holm', 'Olof Strand'].includes(r.name))]));
  await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') });
  await bot.say(maria, conv, 'utfall §1: Föredragningslistan godkändes.');
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i1' });
});

async function startSecret(itemId: string): Promise<{ voteId: string; card: any }> {
  const mark = bot.connector.mark();
  await bot.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId, closed: true });
  const card = bot.connector.since(mark).flatMap((s) => (s.activity.attachments ?? []).map((a: any) => a.content)).find((c: any) => findAction(c, 'Avstår'));
  return { voteId: findAction(card, 'Ja').data.voteId, card };
}

test('a ballot is recorded once and cannot be changed; storage holds who voted, and ballots no one can tie to a voter', async () => {
  const { voteId, card } = await startSecret('i2');
  expect(cardText(card)).toContain('Val med slutna sedlar');
  expect(cardText(card)).toContain('det antecknas vem som har röstat, inte hur');
  const press = (p: ReturnType<typeof person>, choice: string) => bot.press(p, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice });

  // Before anyone votes the urn holds one sealed empty slot per serving member (5), so even the first ballot hides among them.
  const urn0 = await rows();
  expect(urn0.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`))).toHaveLength(5);
  expect(urn0.filter((r) => r.rowKey.startsWith(`p|voted|${voteId}|`))).toEqual([]);

  const first = await press(per, 'ja');
  expect(cardText(first.card)).toContain('Din valsedel är lagd.');
  // The card does not say how one voted (a shared screen shows nothing).
  expect(cardText(first.card)).not.toMatch(/Din röst: /);
  const second = await press(per, 'nej');
  expect(cardText(second.card)).toContain('Du har redan lagt din valsedel; i en sluten omröstning kan den inte ändras.');
  await press(ulla, 'ja');
  const stored2 = await rows();
  await press(sara, 'nej');

  const stored3 = await rows();
  const voted = stored3.filter((r) => r.rowKey.startsWith(`p|voted|${voteId}|`));
  const ballots = stored3.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`));
  expect(voted.map((r) => r.rowKey.split('|')[3]).sort()).toEqual([id('Per Ek'), id('Ulla Berg'), id('Sara Lund')].sort());
  // Three ballots in five slots: the same rows as at the start, no row added by a press.
  expect(ballots.map((r) => r.rowKey).sort()).toEqual(urn0.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`)).map((r) => r.rowKey).sort());
  expect((await bot.services.presses.ballots(body.id, meeting.id, voteId)).choices.sort()).toEqual(['ja', 'ja', 'nej']);
  // No has-voted row shares its write with fewer than all slots: Sara's press (the last) wrote all
  // five, the earlier presses' writes were all overwritten since. (Azurite stamps each operation of a
  // transaction with its own tick within the transaction's millisecond; the operations go in random order.)
  const write = (r: Record<string, unknown>) => String(r.timestamp).slice(0, 23);
  for (const v of voted) expect([0, 5]).toContain(ballots.filter((b) => write(b) === write(v)).length);
  expect(ballots.filter((b) => write(b) === write(voted.find((v) => v.rowKey.endsWith(id('Sara Lund')))!))).toHaveLength(5);
  expect(new Set(ballots.map((b) => write(b))).size).toBe(1);
  // Someone reading the table between two presses sees every slot change (content and ETag), not which one was filled.
  for (const b of ballots) {
    const before = stored2.find((r) => r.rowKey === b.rowKey)!;
    expect(b.c).not.toBe(before.c);
    expect(b.etag).not.toBe(before.etag);
  }
  const props = (r: Record<string, unknown>) => Object.keys(r).filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k)).sort();
  // The has-voted row says nothing more; a ballot holds only its sealed choice: no voter, no time.
  for (const r of voted) expect(props(r)).toEqual([]);
  for (const r of ballots) {
    expect(props(r)).toEqual(['c']);
    expect(r.rowKey).not.toMatch(/r\d+$/);
    expect(String(r.c)).not.toMatch(/ja|nej|avst/);
  }
  // Every choice seals to the same length, and equal choices do not look equal.
  expect(new Set(ballots.map((r) => String(r.c).length)).size).toBe(1);
  expect(new Set(ballots.map((r) => String(r.c))).size).toBe(5);

  // The chair sees how many have voted and who has not, never how.
  const chair = await bot.press(ulla, conv, 'votering.visa', { meetingId: meeting.id, voteId });
  expect(cardText(chair.card)).toContain('3 av 5');
  expect(cardText(chair.card)).toContain('Karin Ås och Lena Dahl');

  await press(karin, 'ja');
  const last = await press(lena, 'nej');
  expect(last.texts.join(' ')).toBe(
    'Voteringen i § 2 är avslutad. Valet förrättades med slutna sedlar; 5 valsedlar lämnades. Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 3 ja-röster mot 2 nej-röster beslutar Socialnämnden enligt förslaget.',
  );
  const vote = (await stored()).value.items[1].votes[0];
  expect(vote).toMatchObject({ id: voteId, ja: 3, nej: 2, avstar: 0, result: 'ja', votes: {}, secret: { ballots: 5, voters: [id('Ulla Berg'), id('Per Ek'), id('Sara Lund'), id('Karin Ås'), id('Lena Dahl')].sort() } });

  // Counted, the ballots are gone; who voted stays.
  const after = await rows();
  expect(after.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`))).toEqual([]);
  expect(after.filter((r) => r.rowKey.startsWith(`p|voted|${voteId}|`))).toHaveLength(5);
  // A ballot a crash left behind after the count is deleted when the secretary presses Stäng again.
  await bot.services.store.table('meetings').createEntity({ partitionKey: pk(), rowKey: ballots[0].rowKey, c: ballots[0].c });
  await bot.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId });
  expect((await rows()).filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`))).toEqual([]);

  // Nothing in the audit log or the application log pairs a voter with a choice.
  const audit = await bot.services.meetings.docs.audit(pk());
  const voting = audit.filter((e) => e.action.startsWith('votering'));
  expect(voting.map((e) => e.action)).toEqual(['votering.starta', 'votering.kort', 'votering.stängs', 'votering.stäng']);
  // Closed because all had voted: the log names Paragraf, not whoever voted last.
  expect(voting.filter((e) => e.action.startsWith('votering.stäng')).map((e) => e.actorName)).toEqual(['Paragraf (alla tjänstgörande hade röstat)', 'Paragraf (alla tjänstgörande hade röstat)']);
  expect(voting.map((e) => e.summary).join(' ')).not.toMatch(/Per Ek|Ulla Berg|Sara Lund|Karin Ås|Lena Dahl| ja| nej/);
  expect(logs.filter((l) => l.includes(voteId) || /"choice"/.test(l))).toEqual([]);

  // The protocol shows the result and the number of ballots, and no one's vote.
  const md = renderMarkdown(assembleProtocol(body, (await stored()).value));
  expect(md).toContain('Valet förrättades med slutna sedlar; 5 valsedlar lämnades. Med 3 ja-röster mot 2 nej-röster beslutar Socialnämnden enligt förslaget.');
  expect(md.split('## § 2.')[1].split('## § 3.')[0]).not.toContain('| Ledamot | Röst |');

  // A press on the closed vote answers with the result and records nothing.
  const late = await press(per, 'nej');
  expect(cardText(late.card)).toContain('5 valsedlar lämnades');
  expect((await stored()).value.items[1].votes).toHaveLength(1);
});

test('a tie in a val is decided by lot; who handed in no ballot is named', async () => {
  await bot.say(maria, conv, 'beslut §2: fastställa budget för 2022');
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i2' });
  const { voteId } = await startSecret('i3');
  const press = (p: ReturnType<typeof person>, choice: string) => bot.press(p, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice });
  await press(ulla, 'ja');
  await press(per, 'ja');
  await press(sara, 'nej');
  await press(karin, 'nej');
  const closed = await bot.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId });
  expect(closed.texts.join(' ')).toMatch(
    /^Voteringen i § 3 är avslutad\. Valet förrättades med slutna sedlar; 4 valsedlar lämnades\. .* Med 2 ja-röster mot 2 nej-röster beslutar Socialnämnden efter lottning (enligt förslaget|att avslå förslaget)\. Lena Dahl lämnade ingen valsedel\.$/,
  );
  const vote = (await stored()).value.items[2].votes[0];
  expect(vote).toMatchObject({ ja: 2, nej: 2, lot: true, secret: { ballots: 4 } });
  expect(vote.castingVote).toBeUndefined();
});
