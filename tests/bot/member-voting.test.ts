import { TestBot, groupChat, person, cardText, findAction } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { assembleProtocol } from '../../src/domain/protocol/assemble';
import { renderMarkdown } from '../../src/domain/protocol/markdown';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * Members vote themselves on a vote card (issue 18), in a kommunallagen nämnd: who serves on the §
 * votes (tjänstgöring, jäv, ersättare), a vote can be changed until the vote closes, a tie goes to
 * the chair's casting vote, and late presses, resends and old cards record nothing new.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T17:05:00Z') });
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
const jonas = person('Jonas Vik');
const conv = groupChat('member-voting');
let body: Body;
let meeting: Meeting;
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;
const voteCardsSent = (mark: number) => bot.connector.since(mark).flatMap((s) => (s.activity.attachments ?? []).map((a: any) => a.content)).filter((c: any) => findAction(c, 'Avstår'));

beforeAll(async () => {
  const b = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  // Linked to Teams, so the vote card can be refreshed per person.
  body = { ...b, roster: b.roster.map((r) => ({ ...r, teamsUserId: `29:${r.aadObjectId}` })) };
  meeting = meetingFixture(body, { items: NAMND_ITEMS, start: '2022-01-20T18:00', end: '2022-01-20T20:00', absent: ['Nils Holm', 'Olof Strand'] });
  await store(bot.services, body, meeting);
  await bot.say(maria, conv, 'starta mötet');
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(!['Nils Holm', 'Olof Strand'].includes(r.name))]));
  await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') });
  await bot.say(maria, conv, 'utfall §1: Föredragningslistan godkändes.');
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i1' });
  await bot.say(maria, conv, 'yrkande Sara Lund §2: avslag till förslaget');
  await bot.say(maria, conv, 'yrkande Ulla Berg §2: bifall till förslaget');
  await bot.say(maria, conv, 'propositionsordning §2: 2, 1');
});

let voteId: string;

test('the secretary starts the votering from the item card; the vote card carries the voteringsproposition', async () => {
  const byMember = await bot.press(per, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i2' });
  expect(byMember.message).toBe('Det här får bara sekreteraren göra.');
  expect((await stored()).value.items[1].openVote).toBeUndefined();

  const mark = bot.connector.mark();
  const started = await bot.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i2' });
  // The item card now shows the running vote and offers Stäng voteringen instead of starting another.
  expect(cardText(started.card)).toContain('Votering pågår');
  expect(findAction(started.card, 'Stäng voteringen')).toBeDefined();
  expect(findAction(started.card, 'Starta votering')).toBeUndefined();
  const [card] = voteCardsSent(mark);
  expect(cardText(card)).toContain('Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej.');
  const ja = findAction(card, 'Ja');
  expect(ja.verb).toBe('votering.rösta');
  voteId = ja.data.voteId;
  expect(ja.data).toEqual({ meetingId: meeting.id, voteId, choice: 'ja' });
  expect(findAction(card, 'Nej').data.choice).toBe('nej');
  // Each serving member (and the chair and the secretary) sees their own view through refresh.
  expect(card.refresh.action.verb).toBe('votering.visa');
  expect(card.refresh.userIds).toEqual(expect.arrayContaining([`29:${karin.aadObjectId}`, `29:${lena.aadObjectId}`, `29:${maria.aadObjectId}`]));
  expect(card.refresh.userIds).not.toContain(`29:${jonas.aadObjectId}`);
  const open = (await stored()).value.items[1].openVote!;
  expect(open).toMatchObject({ id: voteId, question: expect.stringContaining('Ulla Bergs yrkande'), card: { conversationId: conv.id } });

  // Pressed again (the card was lost or scrolled away): the same vote's card is posted anew, and becomes the one updated at the close.
  const againMark = bot.connector.mark();
  const again = await bot.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i2' });
  expect(again.texts.join(' ')).toBe('Voteringen i § 2 pågår redan; voteringskortet ligger nu sist i chatten.');
  const reposted = bot.connector.since(againMark).find((s) => (s.activity.attachments ?? []).some((a: any) => findAction(a.content, 'Avstår')))!;
  expect(findAction(reposted.activity.attachments[0].content, 'Ja').data.voteId).toBe(voteId);
  expect((await stored()).value.items[1].openVote!.card!.activityId).toBe(reposted.id);
  // As in the room: the meeting does not move on, or take a vote by hand, while the vote runs.
  const before = await stored();
  expect((await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i2' })).message).toBe('Voteringen i § 2 pågår. Stäng den (Stäng voteringen) innan nästa ärende.');
  expect((await bot.say(maria, conv, 'votering §2 ja: Ulla Berg; nej: Sara Lund')).texts.join(' ')).toBe('Voteringen i § 2 pågår. Stäng den (Stäng voteringen) innan en votering antecknas för hand.');
  expect((await bot.say(maria, conv, 'avsluta mötet')).texts.join(' ')).toContain('Voteringen i § 2 pågår. Stäng den (Stäng voteringen) innan mötet avslutas.');
  expect((await stored()).version).toBe(before.version);
  // Anyone may look at where the vote stands (their own view), which a body above 60 needs without refresh.
  expect(findAction(card, 'Visa läget').verb).toBe('votering.visa');
});

test('only members serving on the § may vote; others are told why and nothing is stored', async () => {
  const press = (p: ReturnType<typeof person>, choice = 'ja') => bot.press(p, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice });
  expect((await press(jonas)).message).toBe('Du tjänstgör inte på § 2. En ersättare röstar bara när hon eller han tjänstgör för en ledamot.');
  expect((await press(person('Nils Holm'))).message).toBe('Du tjänstgör inte på § 2: Karin Ås tjänstgör för dig.');
  expect((await press(person('Tanja Mårtensson'))).message).toBe('Tjänstepersoner har ingen rösträtt.');
  expect((await press(person('Okänd Person'))).message).toBe('Det här får bara organets ledamöter, ersättare och tjänstepersoner göra.');
  expect((await press(per, 'kanske')).message).toBe('Kortets uppgifter kunde inte läsas: fältet "choice" har ett okänt värde. Inget har ändrats.');
  expect(await bot.services.presses.votes(body.id, meeting.id, voteId)).toEqual({});
});

test('a member sees their own vote and can change it; a resend and a double press record once', async () => {
  const first = await bot.press(per, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice: 'ja' });
  expect(cardText(first.card)).toContain('Din röst: Ja');
  expect(cardText(first.card)).not.toContain('Har inte röstat');
  const change = bot.activity(per, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'votering.rösta', data: { meetingId: meeting.id, voteId, choice: 'nej' } }, trigger: 'manual' } });
  const changed = await bot.post(change);
  expect(cardText(changed.body.value)).toContain('Din röst: Nej');
  // Teams resends the same activity; the member presses again.
  await bot.post(change);
  await bot.press(per, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice: 'nej' });
  expect(await bot.services.presses.votes(body.id, meeting.id, voteId)).toEqual({ [id('Per Ek')]: 'nej' });
  // A press is a row of its own: the meeting document and its audit log are not written.
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.filter((e) => e.action.startsWith('votering.rösta'))).toEqual([]);
});

test('the chair and the secretary see how many have voted and who has not; a member does not', async () => {
  const view = (p: ReturnType<typeof person>, trigger = 'automatic') =>
    bot.post(bot.activity(p, conv, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'votering.visa', data: { meetingId: meeting.id, voteId } }, trigger } }));
  const chair = (await view(ulla)).body.value;
  expect(cardText(chair)).toContain('1 av 5');
  expect(cardText(chair)).toContain('Ulla Berg, Sara Lund, Karin Ås och Lena Dahl');
  // An automatic refresh is answered without refresh (no loop).
  expect(chair.refresh).toBeUndefined();
  const secretary = (await view(maria, 'manual')).body.value;
  expect(cardText(secretary)).toContain('1 av 5');
  expect(findAction(secretary, 'Stäng voteringen')).toBeDefined();
  expect(secretary.refresh.verb ?? secretary.refresh.action.verb).toBe('votering.visa');
  const member = (await view(per)).body.value;
  expect(cardText(member)).toContain('Din röst: Nej');
  expect(cardText(member)).not.toContain('Har inte röstat');
  expect(findAction(member, 'Stäng voteringen')).toBeUndefined();
  const notServing = (await view(jonas)).body.value;
  expect(cardText(notServing)).toContain('Du tjänstgör inte på § 2.');
});

test('a tie with the chair abstaining: the chair is asked, and the casting vote decides', async () => {
  const press = (p: ReturnType<typeof person>, choice: string) => bot.press(p, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice });
  await press(sara, 'nej');
  await press(karin, 'ja');
  await press(ulla, 'avstår');
  // The last serving member's press completes the count: 2–2, and the chair abstained.
  const last = await press(lena, 'ja');
  expect(last.texts.join(' ')).toBe('Lika röstetal i § 2: 2 ja mot 2 nej. Ordföranden Ulla Berg avgör med sin utslagsröst.');
  const asked = last.cards.find((c) => findAction(c, 'Ja')?.verb === 'votering.utslag');
  expect(cardText(asked)).toContain('5 kap. 56 § kommunallagen');
  expect((await stored()).value.items[1].openVote?.awaitingCastingVote).toMatchObject({ ja: 2, nej: 2, avstar: 1 });

  // Voting is over: a change now is refused with the state shown.
  const late = await press(per, 'ja');
  expect(cardText(late.card)).toContain('Röstningen är avslutad; rösten räknades inte.');
  expect(await bot.services.presses.votes(body.id, meeting.id, voteId)).toMatchObject({ [id('Per Ek')]: 'nej' });

  // Only the one chairing the § has the casting vote.
  const bySara = await bot.press(sara, conv, 'votering.utslag', { meetingId: meeting.id, voteId, choice: 'nej' });
  expect(bySara.message).toBe('Bara ordföranden i § 2 (Ulla Berg) har utslagsröst.');
  const decided = await bot.press(ulla, conv, 'votering.utslag', { meetingId: meeting.id, voteId, choice: 'ja' });
  expect(decided.texts.join(' ')).toBe(
    'Voteringen i § 2 är avslutad. Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej. Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt Ulla Bergs yrkande.',
  );
  const it = (await stored()).value.items[1];
  expect(it.openVote).toBeUndefined();
  expect(it.votes).toHaveLength(1);
  expect(it.votes[0]).toMatchObject({ id: voteId, ja: 2, nej: 2, avstar: 1, castingVote: true, result: 'ja', byCard: true });
  expect(it.votes[0].votes).toEqual({ [id('Ulla Berg')]: 'avstår', [id('Per Ek')]: 'nej', [id('Sara Lund')]: 'nej', [id('Karin Ås')]: 'ja', [id('Lena Dahl')]: 'ja' });
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.map((e) => e.action).filter((a) => a.startsWith('votering'))).toEqual(['votering.starta', 'votering.kort', 'votering.kort', 'votering.stängs', 'votering.stäng', 'votering.utslag']);
});

test('a late press on the old vote card answers with the result and changes nothing; the decision must follow the vote', async () => {
  const before = await stored();
  const late = await bot.press(per, conv, 'votering.rösta', { meetingId: meeting.id, voteId, choice: 'ja' });
  expect(cardText(late.card)).toContain('Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt Ulla Bergs yrkande.');
  expect(cardText(late.card)).toContain('Voteringen är avslutad; rösten räknades inte.');
  expect(findAction(late.card, 'Ja')).toBeUndefined();
  const again = await bot.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId });
  expect(again.card).toBeDefined();
  expect((await stored()).version).toBe(before.version);

  const wrong = await bot.say(maria, conv, 'beslut §2: avslå förslaget');
  expect(wrong.texts.join(' ')).toMatch(/måste följa voteringen \(2 ja-röster mot 2 nej-röster, ordförandens utslagsröst\)/);
  await bot.say(maria, conv, 'bifall §2: 2');
  const ok = await bot.say(maria, conv, 'beslut §2: fastställa budget för 2022');
  expect(ok.texts.join(' ')).toContain('Socialnämnden beslutade att fastställa budget för 2022.');
});

test('jäv: the jävig member is refused and the ersättare votes; the secretary closes; who did not vote abstains; the chair\'s own vote breaks the tie', async () => {
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i2' });
  const jav = await bot.say(maria, conv, 'jäv Per Ek §3');
  expect(jav.texts[0]).toContain('Jonas Vik tjänstgör för Per Ek från § 3.');
  const mark = bot.connector.mark();
  await bot.press(maria, conv, 'votering.starta', { meetingId: meeting.id, itemId: 'i3' });
  const card = voteCardsSent(mark)[0];
  const v3 = findAction(card, 'Ja').data.voteId;
  const cardActivityId = bot.connector.since(mark).find((s) => (s.activity.attachments ?? []).some((a: any) => findAction(a.content, 'Avstår')))!.id;
  expect(cardText(card)).toContain('Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej.');
  const press = (p: ReturnType<typeof person>, choice: string) => bot.press(p, conv, 'votering.rösta', { meetingId: meeting.id, voteId: v3, choice });
  expect((await press(per, 'ja')).message).toBe('Du har anmält jäv i § 3 och deltar inte i beslutet.');
  expect(cardText((await press(jonas, 'ja')).card)).toContain('Din röst: Ja');
  await press(ulla, 'ja');
  await press(sara, 'nej');
  await press(karin, 'nej');
  // Lena Dahl does not vote; a member cannot close the vote, the secretary can.
  expect((await bot.press(ulla, conv, 'votering.stäng', { meetingId: meeting.id, voteId: v3 })).message).toBe('Det här får bara sekreteraren göra.');
  const closeMark = bot.connector.mark();
  const closed = await bot.press(maria, conv, 'votering.stäng', { meetingId: meeting.id, voteId: v3 });
  expect(closed.texts.join(' ')).toBe(
    'Voteringen i § 3 är avslutad. Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt förslaget. Lena Dahl röstade inte och antecknas som avstående.',
  );
  // The vote card in the chat now shows the result for everyone.
  const updated = bot.connector.since(closeMark).find((s) => s.kind === 'update' && s.id === cardActivityId);
  expect(cardText(updated!.activity.attachments[0].content)).toContain('beslutar Socialnämnden genom ordförandens utslagsröst enligt förslaget');
  const it = (await stored()).value.items[2];
  expect(it.votes[0].votes[id('Lena Dahl')]).toBe('avstår');
  expect(it.votes[0].votes[id('Per Ek')]).toBeUndefined();
  expect(it.votes[0].votes[id('Jonas Vik')]).toBe('ja');
  await bot.say(maria, conv, 'beslut §3: anta tilldelningsbeslutet');
  // The protocol lists each member's vote and the result, as for a typed votering.
  const md = renderMarkdown(assembleProtocol(body, (await stored()).value));
  const s3 = md.split('## § 3.')[1].split('## § 4.')[0];
  expect(s3).toContain('| Lena Dahl (m) | avstår |');
  expect(s3).toContain('| Jonas Vik (s) | ja |');
  expect(s3).not.toContain('Per Ek (s) |');
  expect(s3).toContain('Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt förslaget.');
});
