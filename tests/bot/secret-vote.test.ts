import { performance } from 'node:perf_hooks';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { DEV_AUDIT_KEY } from '../../src/domain/audit-chain';
import { TestBot, groupChat, person, cardText, findAction, startTwoInstances, type Person } from '../support/bot';
import { letters } from '../support/meeting-fixture';
import { swedishLocal } from '../../src/domain/meeting-time';
import { emptyItem } from '../../src/domain/meeting';
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
const rows = async () => listPartition<Record<string, unknown>>(bot.paragraf.repos.store.table('meetings'), pk(), 'p|');

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
  // The first voter's row pairs with all five slots, not with one ballot.
  const urn1 = await rows();
  const perRow = urn1.find((r) => r.rowKey === `p|voted|${voteId}|${id('Per Ek')}`)!;
  expect(urn1.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`) && String(r.timestamp).slice(0, 23) === String(perRow.timestamp).slice(0, 23))).toHaveLength(5);
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
    // Sealed: a 12-byte IV, a 16-byte tag and one encrypted letter (a word check on base64 would flake: "ja" turns up by chance).
    expect(String(r.c)).not.toMatch(/^(ja|nej|avstår|tom)$/);
    expect(Buffer.from(String(r.c), 'base64')).toHaveLength(29);
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
  await bot.paragraf.repos.store.table('meetings').createEntity({ partitionKey: pk(), rowKey: ballots[0].rowKey, c: ballots[0].c });
  await bot.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId });
  expect((await rows()).filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`))).toEqual([]);

  // Nothing in the audit log or the application log pairs a voter with a choice.
  const audit = await bot.paragraf.repos.meetings.docs.audit(pk());
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
  // A crash right after the start, before the urn was set up (or a val started by the version before
  // the urn, with Ulla's ballot cast then: a has-voted row and a ballot sealed to the vote alone) …
  const table = bot.paragraf.repos.store.table('meetings');
  const urn = (await rows()).filter((r) => r.rowKey === `p|urn|${voteId}` || r.rowKey.startsWith(`p|ballot|${voteId}|`));
  expect(urn).toHaveLength(6);
  for (const r of urn) await table.deleteEntity(pk(), r.rowKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHmac('sha256', DEV_AUDIT_KEY).update('paragraf|valsedel').digest(), iv).setAAD(Buffer.from(voteId));
  const sealed = Buffer.concat([cipher.update('j', 'utf8'), cipher.final()]);
  await table.submitTransaction([
    ['create', { partitionKey: pk(), rowKey: `p|voted|${voteId}|${id('Ulla Berg')}` }],
    ['create', { partitionKey: pk(), rowKey: `p|ballot|${voteId}|${randomBytes(16).toString('hex')}`, c: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64') }],
  ]);
  // … the next press sets the urn up, with a slot for each serving member, beside the old ballot, which is counted.
  await press(per, 'ja');
  expect((await rows()).filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`))).toHaveLength(6);
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

/**
 * Ballots pressed at the same second through two instances sharing one store: each instance writes
 * the presses it holds together, and the two race on the urn's ETags (the loser reads again).
 */
describe('a burst of ballots on two instances', () => {
  let a: TestBot;
  let b: TestBot;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ a, b, stop } = await startTwoInstances());
  }, 60000);
  afterAll(() => stop());

  const choiceOf = (i: number) => (['ja', 'nej', 'avstår'] as const)[i % 3];

  /** A body of `n` ledamöter (the first chairs), its meeting started and its upprop confirmed, and a val started on § 1. */
  async function council(n: number) {
    const conv = groupChat(`val-${n}`);
    const members: Person[] = Array.from({ length: n }, (_, i) => person(`Ledamot ${letters(i)} ${n}`));
    const roster = [
      ...members.map((p, i) => ({ name: p.name, party: i % 2 ? 'm' : 's', organisation: 'Fullmäktige', role: i === 0 ? ('ordförande' as const) : ('ledamot' as const) })),
      { name: maria.name, role: 'tjänsteperson' as const, title: 'sekreterare', secretary: true },
    ];
    const body = bodyFixture(conv, { name: 'Kommunfullmäktige', profile: 'kommunallagen', roster });
    const today = swedishLocal(new Date()).slice(0, 10);
    const meeting = meetingFixture(body, { items: [emptyItem({ id: 'i1', paragraph: 1, title: 'Val av revisorer', kind: 'Beslutsärende', proposal: 'välja revisorerna enligt valberedningens förslag' })], start: `${today}T00:00`, end: `${today}T23:59` });
    await store(a.services, body, meeting);
    await a.press(maria, conv, 'möte.starta', { meetingId: meeting.id });
    const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, 'true']));
    await a.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: body.roster[1].id });
    const mark = a.connector.mark();
    await a.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i1', closed: true });
    const card = a.connector.since(mark).flatMap((s) => (s.activity.attachments ?? []).map((x: any) => x.content)).find((c: any) => findAction(c, 'Avstår'));
    const voteId: string = findAction(card, 'Ja').data.voteId;
    const pk = `${body.id}|${meeting.id}`;
    const urn = async () => {
      const all = await listPartition<Record<string, unknown>>(a.paragraf.repos.store.table('meetings'), pk, 'p|');
      return { slots: all.filter((r) => r.rowKey.startsWith(`p|ballot|${voteId}|`)), voted: all.filter((r) => r.rowKey.startsWith(`p|voted|${voteId}|`)) };
    };
    /** Every press at once, alternately to each instance (offset 1: each to the other one); each answer's time. */
    const burst = async (who: Person[], offset = 0) => {
      const times: number[] = [];
      const answers = await Promise.all(
        who.map(async (p) => {
          const i = members.indexOf(p);
          const act = a.activity(p, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'votering.rösta', data: { meetingId: meeting.id, voteId, choice: choiceOf(i) } }, trigger: 'manual' } });
          const t0 = performance.now();
          const r = await ((i + offset) % 2 === 0 ? a : b).post(act);
          times.push(performance.now() - t0);
          return r;
        }),
      );
      return { answers, slowest: Math.max(...times) };
    };
    const vote = async () => (await a.paragraf.repos.meetings.docs.read(pk))!.value.items[0];
    return { body, meeting, members, voteId, urn, burst, vote };
  }

  const write = (r: Record<string, unknown>) => String(r.timestamp).slice(0, 23);
  const tally = (idx: number[]) => ({ ja: idx.filter((i) => i % 3 === 0).length, nej: idx.filter((i) => i % 3 === 1).length, avstar: idx.filter((i) => i % 3 === 2).length });

  test('30 ballots at the same second: each counted once, no has-voted row paired with fewer than all 31 slots, resends change nothing', async () => {
    const c = await council(31);
    const voters = c.members.slice(1);
    const { answers, slowest } = await c.burst(voters);
    expect(answers.map((r) => r.status)).toEqual(voters.map(() => 200));
    answers.forEach((r) => expect(cardText(r.body.value)).toContain('Din valsedel är lagd.'));
    expect(slowest).toBeLessThan(5000);

    const { slots, voted } = await c.urn();
    expect(slots).toHaveLength(31);
    expect(voted).toHaveLength(30);
    // Presses written together share a transaction; every transaction wrote all 31 slots.
    for (const v of voted) expect([0, 31]).toContain(slots.filter((s) => write(s) === write(v)).length);
    expect(new Set(slots.map(write)).size).toBe(1);
    const held = await a.services.presses.ballots(c.body.id, c.meeting.id, c.voteId);
    expect(held.choices).toHaveLength(30);
    expect(tally(voters.map((_, k) => k + 1))).toEqual({ ja: held.choices.filter((x) => x === 'ja').length, nej: held.choices.filter((x) => x === 'nej').length, avstar: held.choices.filter((x) => x === 'avstår').length });

    // Teams resends every press to the other instance: each is told the ballot is in, nothing is added.
    const resent = await c.burst(voters, 1);
    resent.answers.forEach((r) => expect(cardText(r.body.value)).toContain('Du har redan lagt din valsedel'));
    expect((await a.services.presses.ballots(c.body.id, c.meeting.id, c.voteId)).choices).toHaveLength(30);

    // The chair's ballot completes the vote: counted once, every ballot exactly once.
    await c.burst([c.members[0]]);
    const item = await c.vote();
    expect(item.openVote).toBeUndefined();
    expect(item.votes).toHaveLength(1);
    expect(item.votes[0]).toMatchObject({ ...tally(c.members.map((_, i) => i)), secret: { ballots: 31 } });
    expect(item.votes[0].secret!.voters).toHaveLength(31);
    expect((await c.urn()).slots).toEqual([]);
  }, 120000);

  test('101 ballots at the same second: the urn of 101 slots is mixed by at least 90 at each press, and every ballot is counted once', async () => {
    const c = await council(101);
    const first = c.members.slice(0, 100);
    const { answers, slowest } = await c.burst(first);
    expect(answers.map((r) => r.status)).toEqual(first.map(() => 200));
    expect(slowest).toBeLessThan(5000);
    const { slots, voted } = await c.urn();
    expect(slots).toHaveLength(101);
    expect(voted).toHaveLength(100);
    // The last write touched at least 90 of the 101 slots (a transaction holds 100 rows).
    const last = voted.map(write).sort().at(-1)!;
    expect(slots.filter((s) => write(s) === last).length).toBeGreaterThanOrEqual(90);
    expect((await a.services.presses.ballots(c.body.id, c.meeting.id, c.voteId)).choices).toHaveLength(100);

    await c.burst([c.members[100]]);
    const item = await c.vote();
    expect(item.openVote).toBeUndefined();
    // 34 ja, 34 nej, 33 avstår: a tie in a val is decided by lot.
    expect(item.votes[0]).toMatchObject({ ja: 34, nej: 34, avstar: 33, lot: true, secret: { ballots: 101 } });
  }, 180000);
});
