import { TestBot, groupChat, personalChat, person, cardText, findAction, type Person, type Conversation } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';
import { partiesOf } from '../../src/domain/rights';
import { isSecretary } from '../../src/domain/body';

/**
 * Issue 13: a role must never follow a display name. A roster entry is linked to a Teams identity
 * only for a member of the body's own conversation (Teams' member list), acting inside that
 * conversation; the secretary confirms or undoes each link on the roster card.
 */

let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => new Date('2022-05-02T08:00:00Z') });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const gunilla = person('Gunilla Holm');
const per = person('Per Ek');
const sara = person('Sara Lund');
/** Someone outside the body who has set the same display name in Teams. */
const namesake = (name: string): Person => ({ aadObjectId: `aad-utomstaende-${name.length}`, name });

const asMembers = (ps: Person[]) => ps.map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId }));
const bodyOf = async (conv: Conversation) => (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.value;
const entryOf = async (conv: Conversation, name: string) => (await bodyOf(conv)).roster.find((r) => r.name === name)!;

/** The Bekräfta / Ångra buttons on the roster card's row for this person. */
function rowActions(card: any, name: string): { confirm?: any; undo?: any; link: string } {
  const row = card.body.find((b: any) => b.type === 'Container' && b.items?.[0]?.text?.startsWith(name));
  if (!row) throw new Error(`no row for ${name} on the roster card`);
  const actions = row.items.find((i: any) => i.type === 'ActionSet')?.actions ?? [];
  return { confirm: actions.find((a: any) => a.title === 'Bekräfta'), undo: actions.find((a: any) => a.title === 'Ångra'), link: row.items[1].text };
}

/** The kallelse card as the bot posted it to the body's conversation. */
function kallelseCard(conv: Conversation): any {
  const posted = bot.connector.to(conv.id).map((s) => s.activity.attachments?.[0]?.content).filter((c) => c && findAction(c, 'Jag kommer'));
  return posted[posted.length - 1];
}

async function pump(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await bot.services.outbox.pump();
    if ((await bot.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a kallelse card pressed under the ordförande\'s name', () => {
  const conv = groupChat('kommunstyrelsen');
  const outsider = namesake('Gunilla Holm');
  let meetingId = '';

  beforeAll(async () => {
    // Gunilla is not in the chat yet when the roster is pasted, so her line stays unlinked.
    bot.connector.members.set(conv.id, asMembers([maria, per, sara]));
    await bot.say(maria, conv, 'nytt organ Kommunstyrelsen');
    await bot.say(maria, conv, 'ledamöter\nGunilla Holm (s) Umeå kommun, ordförande\nPer Ek (s) Umeå kommun\nSara Lund (m) Umeå kommun\nTjänstepersoner:\nMaria Lind, sekreterare');
    await bot.say(maria, conv, 'nytt möte\nDatum: 2022-05-20 09.00-12.00\nPlats: Stadshuset\n1. Budget 2023\nBeslutsärende');
    meetingId = (await bot.services.meetings.current(BodyRepo.idFor(conv.id)))!.id;
    await bot.press(maria, conv, 'kallelse.skicka', { meetingId });
    await pump();
    expect((await entryOf(conv, 'Gunilla Holm')).aadObjectId).toBeUndefined();
  });

  test('an outsider with the same name, in their personal chat, is refused in Swedish and gains no role', async () => {
    const jagKommer = findAction(kallelseCard(conv), 'Jag kommer');
    expect(jagKommer.data.bodyId).toBe(BodyRepo.idFor(conv.id));
    const before = (await bot.services.meetings.get(BodyRepo.idFor(conv.id), meetingId))!.version;
    const ex = await bot.press(outsider, personalChat(outsider), 'kallelse.svara', jagKommer.data);
    expect(ex.message).toMatch(/Du står inte på ledamotslistan för Kommunstyrelsen med din Teams-identitet/);
    expect(ex.message).toMatch(/svara i organets egen chatt/);
    const body = await bodyOf(conv);
    expect(body.roster.find((r) => r.name === 'Gunilla Holm')!.aadObjectId).toBeUndefined();
    expect([...partiesOf(body, undefined, outsider.aadObjectId)]).toEqual(['alla']);
    expect((await bot.services.meetings.get(BodyRepo.idFor(conv.id), meetingId))!.version).toBe(before);
  });

  test('the same from another group chat (not the body\'s) links no one either', async () => {
    const other = groupChat('annan-chatt');
    bot.connector.members.set(other.id, asMembers([outsider]));
    const ex = await bot.press(outsider, other, 'kallelse.svara', findAction(kallelseCard(conv), 'Jag kommer').data);
    expect(ex.message).toMatch(/Du står inte på ledamotslistan för Kommunstyrelsen/);
    expect((await entryOf(conv, 'Gunilla Holm')).aadObjectId).toBeUndefined();
  });

  test('the real Gunilla, a member of the body\'s chat, is linked by answering there and can act as ordförande', async () => {
    bot.connector.members.set(conv.id, asMembers([maria, per, sara, gunilla]));
    const ex = await bot.press(gunilla, conv, 'kallelse.svara', findAction(kallelseCard(conv), 'Jag kommer').data);
    expect(cardText(ex.card)).toContain('Ditt svar: Jag kommer');
    const entry = await entryOf(conv, 'Gunilla Holm');
    expect(entry).toMatchObject({ aadObjectId: gunilla.aadObjectId, teamsName: 'Gunilla Holm', teamsUserId: `29:${gunilla.aadObjectId}` });
    expect(entry.linkConfirmedAt).toBeUndefined();
    expect(partiesOf(await bodyOf(conv), undefined, gunilla.aadObjectId).has('ordförande')).toBe(true);
    const m = (await bot.services.meetings.get(BodyRepo.idFor(conv.id), meetingId))!.value;
    expect(m.rsvps[entry.id]).toMatchObject({ answer: 'kommer' });
    // Linked, she can answer from her personal chat too (a reminder's card); the outsider still cannot.
    const later = await bot.press(gunilla, personalChat(gunilla), 'kallelse.svara', findAction(kallelseCard(conv), 'Förhinder').data);
    expect(cardText(later.card)).toContain('Ditt svar: Förhinder');
    const again = await bot.press(outsider, personalChat(outsider), 'kallelse.svara', findAction(kallelseCard(conv), 'Jag kommer').data);
    expect(again.message).toMatch(/Du står inte på ledamotslistan/);
    const audit = await bot.paragraf.repos.bodies.docs.audit(BodyRepo.idFor(conv.id));
    expect(audit.filter((a) => a.action === 'ledamöter.koppla').map((a) => [a.actorId, a.summary])).toEqual([
      [gunilla.aadObjectId, 'Gunilla Holm kopplades automatiskt till Teams-användaren Gunilla Holm (medlem i organets konversation)'],
    ]);
  });

  test('a namesake who writes in the body\'s chat but is not in its member list is not linked', async () => {
    const conv2 = groupChat('byggnadsnamnden');
    bot.connector.members.set(conv2.id, asMembers([maria, per]));
    await bot.say(maria, conv2, 'nytt organ Byggnadsnämnden');
    await bot.say(maria, conv2, 'ledamöter\nGunilla Holm (s) Umeå kommun, ordförande\nPer Ek (s) Umeå kommun\nTjänstepersoner:\nMaria Lind, sekreterare');
    await bot.say(maria, conv2, 'nytt möte\nDatum: 2022-05-21 09.00-12.00\n1. Bygglov');
    const mId = (await bot.services.meetings.current(BodyRepo.idFor(conv2.id)))!.id;
    await bot.press(maria, conv2, 'kallelse.skicka', { meetingId: mId });
    const ex = await bot.press(outsider, conv2, 'kallelse.svara', { bodyId: BodyRepo.idFor(conv2.id), meetingId: mId, answer: 'kommer' });
    expect(ex.message).toMatch(/Du står inte på ledamotslistan för Byggnadsnämnden/);
    expect((await entryOf(conv2, 'Gunilla Holm')).aadObjectId).toBeUndefined();
    expect((await bot.services.meetings.get(BodyRepo.idFor(conv2.id), mId))!.value.rsvps).toEqual({});
  });
});

describe('the named secretary\'s role', () => {
  const conv = groupChat('socialnamnden');
  const alex = person('Alex Wilber');
  const outsider = namesake('Maria Lind');

  beforeAll(async () => {
    // Alex (IT) sets the body up; the roster names Maria as secretary, who has not joined the chat yet.
    bot.connector.members.set(conv.id, asMembers([alex, per, sara]));
    await bot.say(alex, conv, 'nytt organ Socialnämnden');
    await bot.say(alex, conv, 'ledamöter\nPer Ek (s) Umeå kommun, ordförande\nSara Lund (m) Umeå kommun\nTjänstepersoner:\nMaria Lind, sekreterare');
    await bot.say(alex, conv, 'nytt möte\nDatum: 2022-06-01 09.00-12.00\n1. Budget');
    const meetingId = (await bot.services.meetings.current(BodyRepo.idFor(conv.id)))!.id;
    await bot.press(alex, conv, 'kallelse.skicka', { meetingId });
    await pump();
  });

  test('is not taken from the founder by a namesake outside the body', async () => {
    const data = findAction(kallelseCard(conv), 'Jag kommer').data;
    const ex = await bot.press(outsider, personalChat(outsider), 'kallelse.svara', data);
    expect(ex.message).toMatch(/Du står inte på ledamotslistan för Socialnämnden/);
    const body = await bodyOf(conv);
    expect(body.roster.find((r) => r.name === 'Maria Lind')!.aadObjectId).toBeUndefined();
    expect(isSecretary(body, outsider.aadObjectId)).toBe(false);
    // The founder is still secretary: a secretary's change goes through.
    const ok = await bot.say(alex, conv, 'organ\nPåminnelse: 3 dagar');
    expect(cardText(ok.cards[0])).toContain('3 dagar före mötet');
  });

  test('is not taken by a namesake writing in the body\'s chat without being in its member list', async () => {
    const ex = await bot.say(outsider, conv, 'nytt möte\nDatum: 2022-06-15 09.00-12.00\n1. Kapat möte');
    expect(ex.texts.join()).toMatch(/Det här får bara sekreteraren göra/);
    const body = await bodyOf(conv);
    expect(body.roster.find((r) => r.name === 'Maria Lind')!.aadObjectId).toBeUndefined();
    expect(isSecretary(body, outsider.aadObjectId)).toBe(false);
    expect((await bot.services.meetings.listForBody(body.id)).map((m) => m.start)).toEqual(['2022-06-01T09:00']);
  });

  test('the real Maria, once in the chat, is linked and is secretary; the founder keeps the role until her link is confirmed', async () => {
    bot.connector.members.set(conv.id, asMembers([alex, per, sara, maria]));
    const ex = await bot.say(maria, conv, 'nytt möte\nDatum: 2022-06-15 09.00-12.00\n1. Uppföljning');
    expect(ex.cards).toHaveLength(1);
    const body = await bodyOf(conv);
    expect(body.roster.find((r) => r.name === 'Maria Lind')!.aadObjectId).toBe(maria.aadObjectId);
    expect(isSecretary(body, maria.aadObjectId)).toBe(true);
    expect(isSecretary(body, alex.aadObjectId)).toBe(true);

    expect(cardText((await bot.say(alex, conv, 'organ')).cards[0])).toContain('Maria Lind (kopplad automatiskt, inte bekräftad än)');
    const card = (await bot.say(alex, conv, 'ledamöter')).cards[0];
    const row = rowActions(card, 'Maria Lind');
    expect(row.link).toBe('Teams: Maria Lind · kopplad automatiskt — bekräfta / ångra');
    // Maria cannot vouch for her own link; the founder can.
    const own = await bot.press(maria, conv, row.confirm.verb, row.confirm.data);
    expect(own.message).toMatch(/Du kan inte bekräfta din egen koppling/);
    const confirmed = await bot.press(alex, conv, row.confirm.verb, row.confirm.data);
    expect(rowActions(confirmed.card, 'Maria Lind').link).toBe('Teams: Maria Lind · bekräftad');
    expect(cardText((await bot.say(alex, conv, 'organ')).cards[0])).toMatch(/Sekreterare\nMaria Lind\n/);
    const after = await bodyOf(conv);
    expect(isSecretary(after, maria.aadObjectId)).toBe(true);
    expect(isSecretary(after, alex.aadObjectId)).toBe(false);
  });
});

describe('the secretary confirms and undoes links on the roster card', () => {
  const conv = groupChat('kulturnamnden');
  const body = () => bodyOf(conv);

  beforeAll(async () => {
    bot.connector.members.set(conv.id, asMembers([maria, gunilla, per, sara]));
    await bot.say(maria, conv, 'nytt organ Kulturnämnden');
  });

  test('after the paste each entry shows whether and to whom it is linked; only the secretary gets the buttons', async () => {
    const ex = await bot.say(maria, conv, 'ledamöter\nGunilla Holm (s) Umeå kommun, ordförande\nPer Ek (s) Umeå kommun\nSara Lund (m) Umeå kommun\nOlle Ek (v) Umeå kommun\nTjänstepersoner:\nMaria Lind, sekreterare');
    const card = ex.cards[0];
    expect(rowActions(card, 'Gunilla Holm (s) Umeå kommun, ordförande').link).toBe('Teams: Gunilla Holm · kopplad automatiskt — bekräfta / ångra');
    expect(rowActions(card, 'Olle Ek').link).toBe('Inte kopplad till Teams än');
    expect(rowActions(card, 'Olle Ek').confirm).toBeUndefined();
    expect(rowActions(card, 'Per Ek').confirm.data).toEqual({ entryId: (await entryOf(conv, 'Per Ek')).id, aadObjectId: per.aadObjectId });
    const seen = (await bot.say(per, conv, 'ledamöter')).cards[0];
    expect(rowActions(seen, 'Per Ek').link).toContain('kopplad automatiskt');
    expect(rowActions(seen, 'Per Ek').confirm).toBeUndefined();
    expect(rowActions(seen, 'Per Ek').undo).toBeUndefined();
  });

  test('a ledamot pressing Bekräfta or Ångra is refused and nothing changes', async () => {
    const card = (await bot.say(maria, conv, 'ledamöter')).cards[0];
    const { confirm, undo } = rowActions(card, 'Sara Lund');
    const before = (await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.version;
    expect((await bot.press(per, conv, confirm.verb, confirm.data)).message).toBe('Det här får bara sekreteraren göra.');
    expect((await bot.press(per, conv, undo.verb, undo.data)).message).toBe('Det här får bara sekreteraren göra.');
    expect((await bot.press(maria, conv, confirm.verb, { entryId: 'r1' })).message).toMatch(/fältet "aadObjectId" saknas/);
    expect((await bot.services.bodies.get(BodyRepo.idFor(conv.id)))!.version).toBe(before);
  });

  test('Bekräfta marks the link confirmed and is audited', async () => {
    const { confirm } = rowActions((await bot.say(maria, conv, 'ledamöter')).cards[0], 'Gunilla Holm');
    const ex = await bot.press(maria, conv, confirm.verb, confirm.data);
    const row = rowActions(ex.card, 'Gunilla Holm');
    expect(row.link).toBe('Teams: Gunilla Holm · bekräftad');
    expect(row.confirm).toBeUndefined();
    expect(row.undo).toBeDefined();
    expect((await entryOf(conv, 'Gunilla Holm')).linkConfirmedAt).toBe('2022-05-02T08:00:00.000Z');
    const again = await bot.press(maria, conv, confirm.verb, confirm.data);
    expect(again.message).toMatch(/redan bekräftad/);
    const audit = await bot.paragraf.repos.bodies.docs.audit(BodyRepo.idFor(conv.id));
    expect(audit.filter((a) => a.action === 'ledamöter.bekräfta').map((a) => [a.actorId, a.actorName, a.summary])).toEqual([
      [maria.aadObjectId, 'Maria Lind', 'Kopplingen av Gunilla Holm till Teams-användaren Gunilla Holm bekräftades'],
    ]);
  });

  test('Ångra removes the link, is audited, and the same Teams identity is not linked again automatically', async () => {
    const { undo, confirm } = rowActions((await bot.say(maria, conv, 'ledamöter')).cards[0], 'Per Ek');
    const ex = await bot.press(maria, conv, undo.verb, undo.data);
    expect(rowActions(ex.card, 'Per Ek').link).toBe('Inte kopplad till Teams än');
    expect((await entryOf(conv, 'Per Ek')).aadObjectId).toBeUndefined();
    expect(partiesOf(await body(), undefined, per.aadObjectId).has('medlem')).toBe(false);
    const audit = await bot.paragraf.repos.bodies.docs.audit(BodyRepo.idFor(conv.id));
    expect(audit.filter((a) => a.action === 'ledamöter.ångra').map((a) => [a.actorId, a.summary])).toEqual([[maria.aadObjectId, 'Kopplingen av Per Ek till Teams-användaren Per Ek ångrades']]);
    // An old card's Bekräfta no longer acts on the undone link.
    expect((await bot.press(maria, conv, confirm.verb, confirm.data)).message).toMatch(/Per Ek är inte kopplad till Teams längre/);

    // Per is still in the chat's member list under the same name: neither acting there nor a re-paste links him again.
    await bot.say(maria, conv, 'nytt möte\nDatum: 2022-05-25 09.00-12.00\n1. Kulturpris');
    const mId = (await bot.services.meetings.current(BodyRepo.idFor(conv.id)))!.id;
    await bot.press(maria, conv, 'kallelse.skicka', { meetingId: mId });
    const answered = await bot.press(per, conv, 'kallelse.svara', { bodyId: BodyRepo.idFor(conv.id), meetingId: mId, answer: 'kommer' });
    expect(answered.message).toMatch(/Du står inte på ledamotslistan för Kulturnämnden/);
    await bot.say(maria, conv, 'ledamöter\nGunilla Holm (s) Umeå kommun, ordförande\nPer Ek (s) Umeå kommun\nSara Lund (m) Umeå kommun\nOlle Ek (v) Umeå kommun\nTjänstepersoner:\nMaria Lind, sekreterare');
    expect((await entryOf(conv, 'Per Ek')).aadObjectId).toBeUndefined();
    // The re-paste keeps Gunilla's confirmed link as it was.
    expect((await entryOf(conv, 'Gunilla Holm')).linkConfirmedAt).toBe('2022-05-02T08:00:00.000Z');
  });

  test('the secretary cannot undo their own link', async () => {
    const { undo } = rowActions((await bot.say(maria, conv, 'ledamöter')).cards[0], 'Maria Lind');
    const ex = await bot.press(maria, conv, undo.verb, undo.data);
    expect(ex.message).toMatch(/Du kan inte ångra din egen koppling/);
    expect((await entryOf(conv, 'Maria Lind')).aadObjectId).toBe(maria.aadObjectId);
  });
});

test('in a channel, an answer in a post\'s thread is inside the body\'s conversation; the team\'s member list decides', async () => {
  const channel: Conversation = { id: '19:kanal-fritid@thread.tacv2', type: 'channel' };
  const thread: Conversation = { id: `${channel.id};messageid=1700000000000`, type: 'channel' };
  const team = { id: '19:team-fritid@thread.tacv2' };
  const inTeam = { channelData: { tenant: { id: 'tenant-0000-test' }, team, channel: { id: channel.id } } };
  bot.connector.members.set(team.id, asMembers([maria]));
  await bot.post(bot.activity(maria, channel, { type: 'message', text: 'nytt organ Fritidsnämnden', ...inTeam }));
  await bot.post(bot.activity(maria, channel, { type: 'message', text: 'ledamöter\nSara Lund (m) Umeå kommun, ordförande\nTjänstepersoner:\nMaria Lind, sekreterare', ...inTeam }));
  await bot.post(bot.activity(maria, channel, { type: 'message', text: 'nytt möte\nDatum: 2022-06-20 09.00-12.00\n1. Lokaler', ...inTeam }));
  const bodyId = BodyRepo.idFor(channel.id);
  const meetingId = (await bot.services.meetings.current(bodyId))!.id;
  await bot.press(maria, channel, 'kallelse.skicka', { meetingId }, inTeam);
  const data = { bodyId, meetingId, answer: 'kommer' };
  // Sara is not in the team yet: not linked, even answering in the channel.
  const before = await bot.press(sara, thread, 'kallelse.svara', data, inTeam);
  expect(before.message).toMatch(/Du står inte på ledamotslistan för Fritidsnämnden/);
  bot.connector.members.set(team.id, asMembers([maria, sara]));
  const ex = await bot.press(sara, thread, 'kallelse.svara', data, inTeam);
  expect(cardText(ex.card)).toContain('Ditt svar: Jag kommer');
  expect((await bot.services.bodies.get(bodyId))!.value.roster.find((r) => r.name === 'Sara Lund')!.aadObjectId).toBe(sara.aadObjectId);
});
