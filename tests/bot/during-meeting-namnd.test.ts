import { TestBot, groupChat, person, cardText, findAction } from '../support/bot';
import { bodyFixture, meetingFixture, store, NAMND_ROSTER, NAMND_ITEMS } from '../support/fixtures';
import { servedParagraphs, servingAt } from '../../src/domain/serving';
import type { Body } from '../../src/domain/body';
import type { Meeting } from '../../src/domain/meeting';

/**
 * A kommunallagen nämnd: upprop with ersättare checking themselves in, a tie decided by the
 * chair, jäv with an ersättare serving for that §, a late arrival, a departure, a reservation,
 * an uppdrag, and the refusals that must change nothing.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-01-20T17:05:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const conv = groupChat('namnd-sater');
let body: Body;
let meeting: Meeting;
const id = (name: string) => body.roster.find((r) => r.name === name)!.id;
const stored = async () => (await bot.services.meetings.get(body.id, meeting.id))!;

/** Sends a command that must be refused: Swedish message, the stored meeting unchanged. */
async function refused(who: ReturnType<typeof person>, text: string, expected: RegExp) {
  const before = await stored();
  const r = await bot.say(who, conv, text);
  expect(r.texts.join('\n')).toMatch(expected);
  const after = await stored();
  expect(after.version).toBe(before.version);
  expect(after.value).toEqual(before.value);
}

beforeAll(async () => {
  body = bodyFixture(conv, { name: 'Socialnämnden', profile: 'kommunallagen', roster: NAMND_ROSTER });
  meeting = meetingFixture(body, { items: NAMND_ITEMS, start: '2022-01-20T18:00', end: '2022-01-20T20:00', absent: ['Nils Holm', 'Olof Strand'] });
  await store(bot.services, body, meeting);
});

test('upprop with self check-in, beslutför, and tjänstgöring from the upprop', async () => {
  const start = await bot.say(maria, conv, 'starta mötet');
  const upprop = start.cards[0];
  expect(cardText(upprop)).toContain('Beslutfört: 3 av 5 ledamöter tjänstgör.');

  // Ersättare check themselves in from the card; a stranger cannot.
  for (const n of ['Karin Ås', 'Jonas Vik', 'Lena Dahl']) {
    const r = await bot.press(person(n), conv, 'upprop.checkin', { meetingId: meeting.id });
    expect(cardText(r.card)).toContain(`${n} är här.`);
  }
  const stranger = await bot.press(person('Okänd Person'), conv, 'upprop.checkin', { meetingId: meeting.id });
  expect(stranger.message).toMatch(/Det här får bara/);
  // Each check-in is a row of its own beside the meeting (one write per press), not a change of the meeting document.
  const checkedIn = await bot.services.presses.checkIns(body.id, meeting.id);
  expect(checkedIn.map((x) => body.roster.find((r) => r.id === x)!.name).sort()).toEqual(['Jonas Vik', 'Karin Ås', 'Lena Dahl']);
  expect((await stored()).value.attendance.checkedIn).toEqual([]);

  // A member cannot confirm the upprop.
  const present = Object.fromEntries(body.roster.map((r) => [`p_${r.id}`, String(!['Nils Holm', 'Olof Strand'].includes(r.name))]));
  const byMember = await bot.press(person('Per Ek'), conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') });
  expect(byMember.message).toBe('Det här får bara sekreteraren göra.');
  // A justerare who is absent is refused.
  const absentJust = await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Olof Strand') });
  expect(cardText(absentJust.card)).toMatch(/Olof Strand är inte markerad som närvarande/);

  const ok = await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: meeting.id, ...present, justerare: id('Sara Lund') });
  expect(ok.texts.join(' ')).toContain('Beslutfört: 5 av 5 ledamöter tjänstgör.');
  expect(cardText(ok.card)).toContain('Beslutfört: 5 av 5');
  const m = (await stored()).value;
  // Karin Ås (s) for Nils Holm (s), Lena Dahl (m) for Olof Strand (m): next present ersättare of the party, in roster order.
  expect(m.service.filter((p) => p.replacing).map((p) => [p.memberId, p.replacing])).toEqual([
    [id('Lena Dahl'), id('Olof Strand')],
    [id('Karin Ås'), id('Nils Holm')],
  ]);
  expect(m.justerare).toEqual([id('Sara Lund')]);
  // The upprop brings the check-ins into the meeting document.
  expect([...m.attendance.checkedIn].sort()).toEqual([id('Jonas Vik'), id('Karin Ås'), id('Lena Dahl')].sort());
});

test('yrkanden, a tie decided by the chair, a reservation and an uppdrag on § 2', async () => {
  await bot.say(maria, conv, 'utfall §1: Föredragningslistan godkändes.');
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i1' });

  await bot.say(maria, conv, 'yrkande Sara Lund §2: avslag till förslaget');
  await bot.say(maria, conv, 'yrkande Ulla Berg §2: bifall till förslaget');
  await bot.say(maria, conv, 'propositionsordning §2: 2, 1');

  // Refusals that change nothing.
  await refused(maria, 'votering §2 ja: Jonas Vik; nej: Per Ek', /^Jonas Vik tjänstgör inte på § 2 och kan inte rösta\.$/);
  await refused(maria, 'votering §2 ja: Ulla Berg; nej: Sara Lund, Olle Okänd', /"Olle Okänd" finns inte på ledamotslistan för Socialnämnden/);
  await refused(maria, 'votering §2', /Skriv till exempel: votering §48 ja:/);
  await refused(person('Per Ek'), 'informationen §2', /^Det här får bara sekreteraren göra\.$/);
  const before = await stored();
  const press = await bot.press(person('Per Ek'), conv, 'ärende.utfall', { meetingId: meeting.id, itemId: 'i2', outcome: 'beslut', beslut: 'fastställa budget' });
  expect(press.message).toBe('Det här får bara sekreteraren göra.');
  expect((await stored()).version).toBe(before.version);

  const vote = await bot.say(maria, conv, 'votering §2 ja: Ulla Berg, Per Ek; nej: Sara Lund, Lena Dahl; avstår: Karin Ås');
  // The voteringsproposition follows the propositionsordning (2, 1): ja for Ulla Berg's yrkande, nej for Sara Lund's.
  expect(vote.texts[0]).toBe(
    'Votering i § 2: Den som bifaller Ulla Bergs yrkande röstar ja, den som bifaller Sara Lunds yrkande röstar nej. Med 2 ja-röster mot 2 nej-röster och 1 som avstår beslutar Socialnämnden genom ordförandens utslagsröst enligt Ulla Bergs yrkande.',
  );
  await bot.say(maria, conv, 'bifall §2: 2');
  await bot.say(maria, conv, 'beslut §2: fastställa budget för 2022');

  // Reservation: refused for someone who did not take part; text may come later.
  await refused(maria, 'reservation Olof Strand §2: Jag reserverar mig.', /Olof Strand deltog inte i beslutet i § 2/);
  await refused(maria, 'reservation Jonas Vik §2', /Jonas Vik deltog inte i beslutet i § 2/);
  const res = await bot.say(person('Sara Lund'), conv, 'reservation Sara Lund §2');
  expect(res.texts[0]).toContain('Texten kan lämnas senare');
  await refused(person('Sara Lund'), 'reservation Lena Dahl §2', /Du kan bara anmäla reservation för dig själv/);
  await bot.say(maria, conv, 'reservation Sara Lund §2: Till förmån för eget yrkande.');

  const up = await bot.say(maria, conv, 'uppdrag Tanja Mårtensson §2: Ta fram en uppföljning senast 2022-03-31');
  expect(up.texts[0]).toContain('Uppdrag till Tanja Mårtensson i § 2');

  const it = (await stored()).value.items[1];
  expect(it.motions.map((mo) => [mo.byMemberId, mo.text])).toEqual([
    [id('Sara Lund'), 'avslag till förslaget'],
    [id('Ulla Berg'), 'bifall till förslaget'],
  ]);
  expect(it.propositionOrder).toEqual(['y2', 'y1']);
  expect(it.adoptedMotionId).toBe('y2');
  expect(it.votes).toHaveLength(1);
  expect(it.votes[0]).toMatchObject({ ja: 2, nej: 2, avstar: 1, castingVote: true, result: 'ja' });
  expect(it.votes[0].votes[id('Lena Dahl')]).toBe('nej');
  expect(it.outcome?.formula).toBe('Socialnämnden beslutade att fastställa budget för 2022.');
  expect(it.reservations).toEqual([{ memberId: id('Sara Lund'), kind: 'reservation', text: 'Till förmån för eget yrkande.', at: expect.any(String) }]);
  expect(it.assignments).toEqual([{ ownerName: 'Tanja Mårtensson', ownerMemberId: id('Tanja Mårtensson'), text: 'Ta fram en uppföljning', due: '2022-03-31' }]);
  // The uppdrag reached the ärendelogg through the hook.
  const cases = await bot.services.cases.listAll(body.id);
  expect(cases.some((c) => c.owner === 'Tanja Mårtensson' && c.due === '2022-03-31')).toBe(true);
});

test('late arrival, jäv with an ersättare for that §, a departure, and no växeltjänstgöring', async () => {
  const card = (await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i2' })).card;
  expect(cardText(card)).toContain('§ 3. Upphandling av hemtjänst');

  // Olof Strand arrives between items: he takes over from Lena Dahl from § 3.
  const arr = await bot.say(maria, conv, 'ankom Olof Strand');
  expect(arr.texts[0]).toBe('Olof Strand har kommit. Olof Strand tjänstgör från § 3. Beslutfört: 5 av 5 ledamöter tjänstgör.');

  // Per Ek is jävig on § 3: Jonas Vik (s) serves for that § only; Per cannot vote on it.
  const jav = await bot.say(maria, conv, 'jäv Per Ek §3');
  expect(jav.texts[0]).toBe('Per Ek är jävig i § 3 och deltar inte i ärendet. Jonas Vik tjänstgör för Per Ek från § 3.');
  await refused(maria, 'votering §3 ja: Per Ek; nej: Sara Lund', /Per Ek tjänstgör inte på § 3/);
  const v = await bot.say(maria, conv, 'votering §3 ja: Ulla Berg, Jonas Vik, Olof Strand; nej: Sara Lund, Karin Ås');
  expect(v.texts[0]).toContain('Den som bifaller förslaget röstar ja, den som avslår förslaget röstar nej. Med 3 ja-röster mot 2 nej-röster beslutar Socialnämnden enligt förslaget.');
  await bot.say(maria, conv, 'beslut §3: anta tilldelningsbeslutet');
  await bot.press(maria, conv, 'ärende.nästa', { meetingId: meeting.id, itemId: 'i3' });

  // Per Ek leaves before § 4: Jonas Vik steps in; Per may not come back to serve.
  const dep = await bot.say(maria, conv, 'lämnar Per Ek');
  expect(dep.texts[0]).toContain('Jonas Vik tjänstgör för Per Ek från § 4.');
  await refused(maria, 'ankom Per Ek', /växeltjänstgöring är inte tillåten/);

  // A member declares jäv only for herself.
  await refused(person('Sara Lund'), 'jäv Olof Strand §4', /Du kan bara anmäla jäv för dig själv/);
  await bot.say(person('Sara Lund'), conv, 'jäv Sara Lund §4');
  await bot.say(maria, conv, 'beslut §4: hyra lokalen på Storgatan 3');
  const close = await bot.say(maria, conv, 'avsluta mötet');
  expect(close.texts[0]).toContain('Mötet är avslutat.');

  const m = (await stored()).value;
  expect(m.status).toBe('avslutat');
  expect(m.items[2].jav).toEqual([id('Per Ek')]);
  expect(m.items[3].jav).toEqual([id('Sara Lund')]);
  expect(servingAt(m, 2).sort()).toEqual([id('Ulla Berg'), id('Sara Lund'), id('Olof Strand'), id('Karin Ås'), id('Jonas Vik')].sort());
  expect(servedParagraphs(m, id('Per Ek'))).toBe('§§ 1–2');
  expect(servedParagraphs(m, id('Olof Strand'))).toBe('§§ 3–5');
  expect(servedParagraphs(m, id('Lena Dahl'))).toBe('§§ 1–2, 4');
  expect(servedParagraphs(m, id('Jonas Vik'))).toBe('§§ 3–5');
  expect(servedParagraphs(m, id('Karin Ås'))).toBe('§§ 1–5');
  expect(servedParagraphs(m, id('Sara Lund'))).toBe('§§ 1–3, 5');
  expect(m.attendance.events.map((e) => [body.roster.find((r) => r.id === e.memberId)!.name, e.kind, m.items[e.atIndex].paragraph])).toEqual([
    ['Olof Strand', 'ankom', 3],
    ['Per Ek', 'lämnade', 4],
  ]);
  // Every change is in the audit log.
  const audit = await bot.paragraf.repos.meetings.docs.audit(`${body.id}|${meeting.id}`);
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['upprop.bekräfta', 'votering', 'jäv', 'närvaro.ändra', 'reservation', 'uppdrag', 'möte.avsluta']));
});

test('omedelbar justering: marked by the secretary, approved at once by the chair and the justerare', async () => {
  // A second meeting of the same nämnd, where § 2 is justerad at once.
  const m2 = meetingFixture(body, { items: NAMND_ITEMS.map((i) => ({ ...i, paragraph: i.paragraph + 10, id: `j${i.paragraph}` })), start: '2022-02-17T18:00', absent: [] });
  await store(bot.services, body, m2);
  const get = async () => (await bot.services.meetings.get(body.id, m2.id))!.value;
  // Booked for 17 February, started on 20 January: the secretary confirms starting it today.
  const asked = await bot.press(maria, conv, 'möte.starta', { meetingId: m2.id });
  await bot.press(maria, conv, 'möte.starta', findAction(asked.card, 'Starta ändå').data);
  const present = Object.fromEntries(body.roster.filter((r) => !['Karin Ås', 'Jonas Vik', 'Lena Dahl'].includes(r.name)).map((r) => [`p_${r.id}`, 'true']));
  await bot.press(maria, conv, 'upprop.bekräfta', { meetingId: m2.id, ...present, justerare: id('Olof Strand') });
  // Two changes at the same moment on different §§: both kept (ETag conflict replayed on fresh data).
  await Promise.all([bot.say(maria, conv, 'beslut §12: fastställa budget för 2022'), bot.say(maria, conv, 'fråga Säter §15: Hur går arbetet med patientråden?')]);
  expect((await get()).items[4].questions).toEqual([{ askedBy: 'Säter', text: 'Hur går arbetet med patientråden?' }]);
  expect((await get()).items[1].outcome?.formula).toBe('Socialnämnden beslutade att fastställa budget för 2022.');
  const marked = await bot.say(maria, conv, 'omedelbar justering §12');
  const jcard = marked.cards[0];
  expect(cardText(jcard)).toContain('Väntar på Ulla Berg och Olof Strand');
  const approve = findAction(jcard, 'Justera § 12');

  const byOther = await bot.press(person('Per Ek'), conv, approve.verb, approve.data);
  expect(byOther.message).toMatch(/Det här får bara ordföranden eller justerarna göra/);
  await bot.press(person('Ulla Berg'), conv, approve.verb, approve.data);
  const done = await bot.press(person('Olof Strand'), conv, approve.verb, approve.data);
  expect(done.texts.join(' ')).toContain('§ 12 är justerad.');
  const item = (await get()).items[1];
  expect(item.immediateJustering?.locked).toBe(true);
  expect(item.immediateJustering?.approvals.map((a) => a.memberId)).toEqual([id('Ulla Berg'), id('Olof Strand')]);
  // The § stands in its own small protocol, behind a signed link.
  const mdLink = /(http\S+omedelbar-12\.md\S*)/.exec(done.texts.join(' '))![1];
  const excerpt = await (await fetch(mdLink)).text();
  expect(excerpt).toContain('Protokollsutdrag (omedelbar justering) Socialnämnden');
  expect(excerpt).toContain('fastställa budget för 2022');
  expect(excerpt).not.toContain('§ 15');
  expect(excerpt).toMatch(/Justerat .* av Ulla Berg/);
  expect(excerpt).toMatch(/kontrollsumma \(SHA-256\): [0-9a-f]{64}/);
  const unsigned = await fetch(mdLink.split('?')[0]);
  expect(unsigned.status).toBe(401);
  const docx = await fetch(/(http\S+omedelbar-12\.docx\S*)/.exec(done.texts.join(' '))![1]);
  expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  // A justerad § cannot change any more.
  const again = await bot.say(maria, conv, 'beslut §12: något annat');
  expect(again.texts[0]).toBe('§ 12 är redan justerad (omedelbar justering) och kan inte ändras.');
  expect((await get()).items[1].outcome?.decision).toBe('fastställa budget för 2022');

  // Avsluta mötet from the item card, with the next meeting given as the card's Nästa möte input.
  const last = (await bot.say(maria, conv, 'aktuellt ärende')).cards[0];
  expect(cardText(last)).toContain('§ 11.');
  const closeAction = findAction(last, 'Avsluta mötet');
  // Asked first (with the Nästa möte input carried over), then closed.
  const ask = await bot.press(maria, conv, closeAction.verb, { ...closeAction.data, nastaMote: 'torsdag 17 mars 2022' });
  expect(cardText(ask.card)).toContain('Avsluta mötet?');
  const closed = await bot.press(maria, conv, closeAction.verb, findAction(ask.card, 'Avsluta mötet').data);
  expect(closed.texts).toContain('Mötet är avslutat. §§ 11 och 13–15 saknar utfall. Nästa möte: torsdag 17 mars 2022.');
  // The closed meeting's card carries the button the README promises.
  expect(findAction(closed.card, 'Skapa protokollutkast').data.meetingId).toBe(closeAction.data.meetingId);
  expect(await get()).toMatchObject({ status: 'avslutat', nextMeeting: 'torsdag 17 mars 2022', nextMeetingDate: '2022-03-17' });
  const twice = await bot.press(maria, conv, closeAction.verb, closeAction.data);
  // Pressed on an old card: it turns into the closed summary, nothing changes.
  expect(twice.texts).toContain('Mötet är redan avslutat.');
  expect(findAction(twice.card, 'Skapa protokollutkast')).toBeDefined();
});
