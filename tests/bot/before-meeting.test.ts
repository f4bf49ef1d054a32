import { TestBot, groupChat, personalChat, person, cardText, findAction, type Person, type Conversation } from '../support/bot';
import { BodyRepo } from '../../src/storage/bodies';
import { SEED_002_AGENDA, SEED_002_ROSTER, SEED_002_PRESENT, SEED_002_ABSENT, SEED_002_STAFF } from '../domain/seed-002';

let now = new Date('2021-12-01T08:00:00Z');
let bot: TestBot;
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const maria = person('Maria Lind');
const conv = groupChat('samrad-vard-och-omsorg');
const bodyId = BodyRepo.idFor(conv.id);
const nameOf = (line: string) => line.split(/[(,]/)[0].trim();
const everyone = [...SEED_002_PRESENT, ...SEED_002_ABSENT, ...SEED_002_STAFF].map((l) => person(nameOf(l)));
// Linnéa is not in the conversation's member list when the roster is pasted: she joins the chat
// later and is linked when she first answers there.
const linnea = person('Linnéa Lindberg');
const members = (ps: Person[]) => ps.map((p) => ({ id: `29:${p.aadObjectId}`, name: p.name, aadObjectId: p.aadObjectId }));
const version = async (meetingId: string) => (await bot.services.meetings.get(bodyId, meetingId))!.version;
/** Waits until the outbox has delivered everything (a background pass may hold a row meanwhile). */
async function pump(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await bot.services.outbox.pump();
    if ((await bot.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

let firstMeetingId = '';

async function meetingIds(id = bodyId): Promise<string[]> {
  return (await bot.services.meetings.listForBody(id)).map((m) => m.id);
}

describe('seed 002: body, roster, föredragningslista, kallelse', () => {
  test('nytt organ binds the conversation; a second one is refused with the name', async () => {
    const ex = await bot.say(maria, conv, 'nytt organ Samråd vård och omsorg\nProfil: kommunallagen\nDiarieprefix: HSN\nJustering: 10 dagar\nOrganisationer: Umeå kommun, Region Västerbotten, Åsele kommun, Borlänge, Hedemora');
    expect(ex.cards).toHaveLength(1);
    const text = cardText(ex.cards[0]);
    expect(text).toContain('Samråd vård och omsorg');
    expect(text).toContain('inom 10 dagar');
    expect(text).toContain('Det saknas fortfarande ledamöter från Umeå kommun, Region Västerbotten, Åsele kommun, Borlänge och Hedemora.');
    const again = await bot.say(person('Eva Stuge'), conv, 'nytt organ Annat organ');
    expect(again.texts.join()).toMatch(/redan knuten till Samråd vård och omsorg/);
    const body = (await bot.services.bodies.get(bodyId))!;
    expect(body.value).toMatchObject({ name: 'Samråd vård och omsorg', profile: 'kommunallagen', diariePrefix: 'HSN', justeringDays: 10, founders: [maria.aadObjectId] });
  });

  test('a bad setting line is refused and nothing changes', async () => {
    const before = (await bot.services.bodies.get(bodyId))!.version;
    const ex = await bot.say(maria, conv, 'organ\nProfil: kommunal');
    expect(ex.texts.join()).toMatch(/Okänd profil/);
    expect((await bot.services.bodies.get(bodyId))!.version).toBe(before);
  });

  test('a roster with unreadable lines is listed back and nothing is saved', async () => {
    const before = (await bot.services.bodies.get(bodyId))!.version;
    const ex = await bot.say(maria, conv, `ledamöter\n${SEED_002_ROSTER}\nEva Stuge (m Lycksele kommun\nPelle (s) Umeå kommun, kung`);
    const text = ex.texts.join('\n');
    expect(text).toMatch(/sparades inte: 2 rader kunde/);
    expect(text).toContain('"Eva Stuge (m Lycksele kommun"');
    expect(text).toContain('"Pelle (s) Umeå kommun, kung"');
    expect((await bot.services.bodies.get(bodyId))!.version).toBe(before);
  });

  test('pasting seed 002\'s roster gives 14 + 7 members and 3 tjänstepersoner, linked by display name', async () => {
    bot.connector.members.set(conv.id, members(everyone.filter((p) => p.name !== linnea.name)));
    const ex = await bot.say(maria, conv, `ledamöter\n${SEED_002_ROSTER}`);
    expect(ex.cards).toHaveLength(1);
    const text = cardText(ex.cards[0]);
    expect(text).toMatch(/Ledamöter\n20/);
    expect(text).toMatch(/Ersättare\n1/);
    expect(text).toMatch(/Tjänstepersoner\n3/);
    expect(text).toContain('Inte kopplade till Teams än (1): Linnéa Lindberg');
    expect(text).toContain('Det saknas fortfarande ledamöter från Borlänge och Hedemora.');
    const body = (await bot.services.bodies.get(bodyId))!.value;
    expect(body.roster).toHaveLength(24);
    expect(body.roster.filter((r) => r.role !== 'tjänsteperson').map((r) => r.name)).toEqual([...SEED_002_PRESENT, ...SEED_002_ABSENT].map(nameOf));
    expect(body.roster.find((r) => r.name === 'Eva Stuge')).toMatchObject({ aadObjectId: person('Eva Stuge').aadObjectId, teamsUserId: `29:${person('Eva Stuge').aadObjectId}` });
    expect(body.roster.find((r) => r.name === 'Maria Lind')).toMatchObject({ secretary: true, aadObjectId: maria.aadObjectId });
  });

  test('settings change with "organ" + lines, by the secretary only', async () => {
    const before = (await bot.services.bodies.get(bodyId))!.version;
    const refused = await bot.say(person('Eva Stuge'), conv, 'organ\nPåminnelse: 5 dagar');
    expect(refused.texts.join()).toMatch(/bara sekreteraren/);
    expect((await bot.services.bodies.get(bodyId))!.version).toBe(before);
    const ex = await bot.say(maria, conv, 'organ\nPåminnelse: 3 dagar');
    expect(cardText(ex.cards[0])).toContain('3 dagar före mötet');
    expect((await bot.services.bodies.get(bodyId))!.value.reminderDays).toBe(3);
    await bot.say(maria, conv, 'organ\nPåminnelse: 2 dagar');
  });

  test('re-pasting keeps the ids', async () => {
    const before = (await bot.services.bodies.get(bodyId))!.value.roster.map((r) => [r.name, r.id]);
    await bot.say(maria, conv, `ledamöter\n${SEED_002_ROSTER}`);
    const after = (await bot.services.bodies.get(bodyId))!.value.roster.map((r) => [r.name, r.id]);
    expect(after).toEqual(before);
  });

  test('a non-secretary cannot create a meeting; nothing is stored', async () => {
    const ex = await bot.say(person('Eva Stuge'), conv, `nytt möte\n${SEED_002_AGENDA}`);
    expect(ex.texts.join()).toMatch(/Det här får bara sekreteraren göra/);
    expect(await meetingIds()).toEqual([]);
  });

  test('a wrong date is refused with the right form', async () => {
    const ex = await bot.say(maria, conv, 'nytt möte\nDatum: 2021-13-40 09.00-12.00\nPlats: Teams\n1. Något');
    expect(ex.texts.join()).toMatch(/Datumet 2021-13-40 finns inte\. Skriv datum och tid så här: Datum: 2021-12-17 09\.00-12\.00/);
    expect(await meetingIds()).toEqual([]);
  });

  test('nytt möte with seed 002\'s list stores items 42–51 and shows the preview', async () => {
    const ex = await bot.say(maria, conv, `nytt möte\n${SEED_002_AGENDA}`);
    expect(ex.cards).toHaveLength(1);
    const preview = ex.cards[0];
    const text = cardText(preview);
    expect(text).toContain('fredag 17 december 2021 kl. 09.00–12.00');
    expect(text).toContain('§ 44 Uppföljning beslut hos respektive huvudman');
    expect(findAction(preview, 'Skicka kallelse')).toBeDefined();
    expect(findAction(preview, 'Lägg till standardpunkter')).toBeDefined();
    [firstMeetingId] = await meetingIds();
    const m = (await bot.services.meetings.get(bodyId, firstMeetingId))!.value;
    expect(m).toMatchObject({ status: 'planerat', start: '2021-12-17T09:00', end: '2021-12-17T12:00', place: 'Teams', diarienummer: 'HSN 418:5-2021' });
    expect(m.items.map((i) => i.paragraph)).toEqual([42, 43, 44, 45, 46, 47, 48, 49, 50, 51]);
    expect(m.items.map((i) => i.kind ?? null)).toEqual([null, null, 'Muntligt informationsärende', 'Muntligt informationsärende', 'Muntligt informationsärende', 'Muntligt informationsärende', 'Beslutsärende', null, null, null]);
    expect(m.items[6]).toMatchObject({ presenters: 'Britta Edström och Katarina Lindahl', attachments: ['48. Layout Framtidsbild Nära vård 2030'] });
    expect(m.items[5].presenters).toBe('Jon Rognes, Hans Wiberg och Dag Norén');
    expect(m.items[9].standard).toBe('sammanfattning');
  });

  test('Lägg till standardpunkter adds Nästa möte as § 52', async () => {
    const ex = await bot.press(maria, conv, 'möte.standardpunkter', { meetingId: firstMeetingId });
    expect(cardText(ex.card)).toContain('§ 52 Nästa möte');
    const m = (await bot.services.meetings.get(bodyId, firstMeetingId))!.value;
    expect(m.items.map((i) => i.paragraph)).toEqual([42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52]);
  });

  test('an item is edited by card, and only by the secretary', async () => {
    const m = (await bot.services.meetings.get(bodyId, firstMeetingId))!.value;
    const item = m.items[3];
    const form = await bot.press(maria, conv, 'möte.punkt.redigera', { meetingId: firstMeetingId, itemId: item.id });
    expect(form.card.body.find((b: any) => b.id === 'title').value).toBe('Aktuellt i samverkan');
    const before = await version(firstMeetingId);
    const refused = await bot.press(person('Eva Stuge'), conv, 'möte.punkt.ändra', { meetingId: firstMeetingId, itemId: item.id, title: 'Hackat' });
    expect(refused.message).toMatch(/bara sekreteraren/);
    expect(await version(firstMeetingId)).toBe(before);
    const saved = await bot.press(maria, conv, 'möte.punkt.ändra', { meetingId: firstMeetingId, itemId: item.id, title: 'Aktuellt i samverkan', kind: 'Muntligt informationsärende', presenters: 'Britta Edström och Katarina Lindahl', proposal: 'att lägga informationen till handlingarna' });
    expect(cardText(saved.card)).toContain('Förslag till beslut: att lägga informationen till handlingarna');
    expect((await bot.services.meetings.get(bodyId, firstMeetingId))!.value.items[3].proposal).toBe('att lägga informationen till handlingarna');
  });

  test('a second meeting in the same year continues the numbering; an item can be removed', async () => {
    const ex = await bot.say(maria, conv, 'nytt möte\nDatum: 2021-12-20 kl. 13:00-15:00\nPlats: Kommunhuset\n§ Budget 2022\nBeslutsärende\n§ Informationsärende om läget\nÖvriga frågor');
    const second = (await bot.services.meetings.listForBody(bodyId)).find((m) => m.id !== firstMeetingId)!;
    expect(second.items.map((i) => i.paragraph)).toEqual([53, 54, 55]);
    expect(cardText(ex.cards[0])).toContain('§ 53 Budget 2022');
    const removed = await bot.press(maria, conv, 'möte.punkt.ta-bort', { meetingId: second.id, itemId: second.items[1].id });
    expect(cardText(removed.card)).toContain('§ 54 Övriga frågor');
  });

  test('Skicka kallelse: refused for a non-secretary; sent once to the conversation for the secretary', async () => {
    const before = await version(firstMeetingId);
    const refused = await bot.press(person('Carin Nilsson'), conv, 'kallelse.skicka', { meetingId: firstMeetingId });
    expect(refused.message).toMatch(/bara sekreteraren/);
    expect(await version(firstMeetingId)).toBe(before);

    const ex = await bot.press(maria, conv, 'kallelse.skicka', { meetingId: firstMeetingId });
    expect(ex.texts.join()).toMatch(/Kallelsen till mötet fredag 17 december 2021 kl\. 09\.00–12\.00 skickas nu/);
    expect(findAction(ex.card, 'Skicka kallelse')).toBeUndefined();
    const again = await bot.press(maria, conv, 'kallelse.skicka', { meetingId: firstMeetingId });
    expect(again.message).toMatch(/redan skickad/);
    await pump();
    const posted = bot.connector.to(conv.id).filter((s) => s.activity.attachments?.[0]?.content && cardText(s.activity.attachments[0].content).includes('Kallelse'));
    expect(posted).toHaveLength(1);
    const card = posted[0].activity.attachments[0].content;
    const text = cardText(card);
    expect(text).toContain('Samråd vård och omsorg');
    expect(text).toContain('fredag 17 december 2021 kl. 09.00–12.00');
    expect(text).toContain('§ 48 Omställning till nära vård');
    expect(text).toContain('Beslutsärende · Föredragande: Britta Edström och Katarina Lindahl · Bilaga 48. Layout Framtidsbild Nära vård 2030');
    expect(findAction(card, 'Jag kommer').data).toEqual({ bodyId, meetingId: firstMeetingId, answer: 'kommer' });
    expect(findAction(card, 'Förhinder')).toBeDefined();
    expect(card.refresh.action.verb).toBe('kallelse.visa');
    expect(card.refresh.userIds).toHaveLength(23);
    expect(card.refresh.userIds).toContain(`29:${person('Carin Nilsson').aadObjectId}`);
    expect((await bot.services.meetings.get(bodyId, firstMeetingId))!.value.status).toBe('kallat');

    // The ICS link on the card is served by the bot; without its signature it is refused.
    const link = card.actions.find((a: any) => a.type === 'Action.OpenUrl').url as string;
    const path = new URL(link).pathname + new URL(link).search;
    const ics = await fetch(`${bot.paragraf.url}${path}`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    const body = await ics.text();
    expect(body).toContain('DTSTART:20211217T080000Z');
    // What a person reads in the event is Swedish time (the ICS folds long lines, so unfold first).
    expect(body.replace(/\r?\n[ \t]/g, '')).toContain('fredag 17 december 2021 kl. 09.00–12.00 (svensk tid)');
    expect(body).toContain('SUMMARY:Samråd vård och omsorg');
    expect((await fetch(`${bot.paragraf.url}${new URL(link).pathname}`)).status).toBe(401);
  });

  test('an answer shows on the person\'s own card and a second answer replaces the first', async () => {
    const carin = person('Carin Nilsson');
    const first = await bot.press(carin, conv, 'kallelse.svara', { bodyId, meetingId: firstMeetingId, answer: 'kommer' });
    expect(cardText(first.card)).toContain('Ditt svar: Jag kommer');
    const second = await bot.press(carin, conv, 'kallelse.svara', { bodyId, meetingId: firstMeetingId, answer: 'förhinder' });
    expect(cardText(second.card)).toContain('Ditt svar: Förhinder');
    const m = (await bot.services.meetings.get(bodyId, firstMeetingId))!.value;
    const carinId = (await bot.services.bodies.get(bodyId))!.value.roster.find((r) => r.name === 'Carin Nilsson')!.id;
    expect(Object.values(m.rsvps).filter((r) => r.memberId === carinId)).toEqual([expect.objectContaining({ answer: 'förhinder' })]);
    // The refresh (user-specific view) shows the same to her.
    const view = await bot.press(carin, conv, 'kallelse.visa', { bodyId, meetingId: firstMeetingId });
    expect(cardText(view.card)).toContain('Ditt svar: Förhinder');
    // Förhinder from an (s) ledamot asks Kenneth Andersson, the party's ersättare.
    await pump();
    const asked = bot.connector.to(`personal:${person('Kenneth Andersson').aadObjectId}`);
    expect(asked.map((s) => s.activity.text)).toEqual(['Kan du tjänstgöra för Carin Nilsson den fredag 17 december 2021?']);
  });

  test('someone not on the roster is refused and nothing changes; an unlinked member who joined the chat is linked by first answer', async () => {
    const before = await version(firstMeetingId);
    const stranger = await bot.press(person('Okänd Person'), conv, 'kallelse.svara', { bodyId, meetingId: firstMeetingId, answer: 'kommer' });
    expect(stranger.message).toMatch(/Du står inte på ledamotslistan för Samråd vård och omsorg/);
    expect(await version(firstMeetingId)).toBe(before);

    const missing = await bot.press(person('Eva Stuge'), conv, 'kallelse.svara', { bodyId, meetingId: 'mfinnsinte', answer: 'kommer' });
    expect(missing.message).toMatch(/Mötet finns inte i det här organet/);
    expect(await bot.services.meetings.get(bodyId, 'mfinnsinte')).toBeUndefined();

    bot.connector.members.set(conv.id, members(everyone));
    const ex = await bot.press(linnea, conv, 'kallelse.svara', { bodyId, meetingId: firstMeetingId, answer: 'kommer' });
    expect(cardText(ex.card)).toContain('Ditt svar: Jag kommer');
    const entry = (await bot.services.bodies.get(bodyId))!.value.roster.find((r) => r.name === linnea.name)!;
    expect(entry.aadObjectId).toBe(linnea.aadObjectId);
  });

  test('the secretary sees the summary: who comes, förhinder, not answered, beslutför', async () => {
    const view = await bot.press(maria, conv, 'kallelse.visa', { bodyId, meetingId: firstMeetingId });
    const text = cardText(view.card);
    expect(text).toMatch(/Ledamöter som kommer\n1 av 20/);
    expect(text).toMatch(/Förhinder\nCarin Nilsson/);
    expect(text).toContain('Tillfrågade ersättare\nKenneth Andersson för Carin Nilsson');
    expect(text).toContain('Beslutfört\nnej');
    expect(text).toMatch(/Har inte svarat\n.*Eva Stuge/);
  });

  test('once the meeting has started, answers are refused', async () => {
    const m = (await bot.services.meetings.get(bodyId, firstMeetingId))!;
    await bot.services.meetings.change(bodyId, firstMeetingId, { actor: { id: 'test', name: 'test' }, action: 'test', apply: (cur) => ({ ...cur!, status: 'pågår' }) });
    const before = await version(firstMeetingId);
    const ex = await bot.press(person('Eva Stuge'), conv, 'kallelse.svara', { bodyId, meetingId: firstMeetingId, answer: 'kommer' });
    expect(ex.message).toMatch(/Mötet har redan börjat/);
    expect(await version(firstMeetingId)).toBe(before);
    await bot.services.meetings.change(bodyId, firstMeetingId, { actor: { id: 'test', name: 'test' }, action: 'test', apply: (cur) => ({ ...cur!, status: m.value.status }) });
  });
});

async function setUpBody(c: Conversation, secretary: Person, roster: string, ps: Person[], agenda: string): Promise<{ bodyId: string; meetingId: string }> {
  bot.connector.members.set(c.id, members([secretary, ...ps]));
  await bot.say(secretary, c, 'nytt organ Vård- och omsorgsnämnden\nProfil: kommunallagen\nPåminnelse: 2 dagar');
  const r = await bot.say(secretary, c, `ledamöter\n${roster}`);
  expect(r.cards).toHaveLength(1);
  await bot.say(secretary, c, `nytt möte\n${agenda}`);
  const id = BodyRepo.idFor(c.id);
  const [meetingId] = (await bot.services.meetings.listForBody(id)).map((m) => m.id);
  const sent = await bot.press(secretary, c, 'kallelse.skicka', { meetingId });
  expect(sent.card).toBeDefined();
  return { bodyId: id, meetingId };
}

test('30 members answering at the same moment are all recorded', async () => {
  const c = groupChat('trettio');
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const ps = Array.from({ length: 30 }, (_, i) => person(`Ledamot ${letters[i % 26]}${'abc'[Math.floor(i / 26)]}`));
  const roster = ps.map((p, i) => `${p.name} (${i % 2 ? 's' : 'm'}) Umeå kommun`).join('\n') + '\nTjänstepersoner:\nMaria Lind, sekreterare';
  const ids = await setUpBody(c, maria, roster, ps, 'Datum: 2022-02-10 09.00-11.00\nPlats: Teams\n1. Budget');
  const results = await Promise.all(ps.map((p, i) => bot.press(p, c, 'kallelse.svara', { bodyId: ids.bodyId, meetingId: ids.meetingId, answer: i % 3 ? 'kommer' : 'förhinder' })));
  expect(results.every((r) => r.status === 200 && cardText(r.card).includes('Ditt svar:'))).toBe(true);
  const m = (await bot.services.meetings.get(ids.bodyId, ids.meetingId))!.value;
  expect(Object.keys(m.rsvps)).toHaveLength(30);
  expect(Object.values(m.rsvps).filter((r) => r.answer === 'kommer')).toHaveLength(20);
});

describe('ersättare and reminders', () => {
  const c = groupChat('nämnden');
  const anna = person('Anna Berg');
  const kenneth = person('Kenneth Andersson');
  const sara = person('Sara Holm');
  const eva = person('Eva Stuge');
  const roster = 'Anna Berg (s) Umeå kommun, ordförande\nEva Stuge (m) Lycksele kommun\nOlle Ek (s) Vännäs kommun\nKenneth Andersson (s) Umeå kommun, ersättare\nSara Holm (s) Vännäs kommun, ersättare\nTjänstepersoner:\nMaria Lind, sekreterare';
  let ids: { bodyId: string; meetingId: string };

  beforeAll(async () => {
    now = new Date('2022-03-01T08:00:00Z');
    ids = await setUpBody(c, maria, roster, [anna, kenneth, sara, eva, person('Olle Ek')], 'Datum: 2022-03-18 09.00-12.00\nPlats: Teams\n1. Budget');
  });

  test('förhinder → first ersättare asked → nej → next asked → ja, and the secretary sees who serves for whom', async () => {
    const mark = bot.connector.mark();
    const sentTo = (p: Person) => bot.connector.since(mark).filter((s) => s.conversationId === personalChat(p).id);
    await bot.press(anna, c, 'kallelse.svara', { bodyId: ids.bodyId, meetingId: ids.meetingId, answer: 'förhinder' });
    await pump();
    const toKenneth = sentTo(kenneth);
    expect(toKenneth).toHaveLength(1);
    expect(toKenneth[0].activity.text).toBe('Kan du tjänstgöra för Anna Berg den fredag 18 mars 2022?');
    const card = toKenneth[0].activity.attachments[0].content;
    const no = findAction(card, 'Nej');
    expect(findAction(card, 'Ja, jag tjänstgör')).toBeDefined();

    // Sara cannot answer Kenneth's question.
    const before = (await bot.services.meetings.get(ids.bodyId, ids.meetingId))!.version;
    const wrong = await bot.press(sara, personalChat(sara), 'ersättare.svara', no.data);
    expect(wrong.message).toMatch(/inte blivit tillfrågad/);
    expect((await bot.services.meetings.get(ids.bodyId, ids.meetingId))!.version).toBe(before);

    const answered = await bot.press(kenneth, personalChat(kenneth), 'ersättare.svara', no.data);
    expect(cardText(answered.card)).toContain('Frågan går vidare till nästa ersättare');
    await pump();
    const toSara = sentTo(sara);
    expect(toSara.map((s) => s.activity.text)).toEqual(['Kan du tjänstgöra för Anna Berg den fredag 18 mars 2022?']);
    const yes = findAction(toSara[0].activity.attachments[0].content, 'Ja, jag tjänstgör');
    const ok = await bot.press(sara, personalChat(sara), 'ersättare.svara', yes.data);
    expect(cardText(ok.card)).toContain('Tack! Du tjänstgör för Anna Berg.');

    const m = (await bot.services.meetings.get(ids.bodyId, ids.meetingId))!.value;
    expect(m.substitutes.map((s) => s.answer)).toEqual(['nej', 'ja']);
    const view = await bot.press(maria, c, 'kallelse.visa', { bodyId: ids.bodyId, meetingId: ids.meetingId });
    expect(cardText(view.card)).toContain('Tjänstgör\nSara Holm för Anna Berg');
  });

  test('a reminder goes once to each ledamot who has not answered, even when the job runs twice', async () => {
    now = new Date('2022-03-15T08:00:00Z'); // three days before: not yet
    expect(await bot.services.scheduler.runDue(now)).toContain('kallelse.påminnelser');
    await pump();
    expect(bot.connector.to(personalChat(eva).id)).toHaveLength(0);

    now = new Date('2022-03-16T09:00:00Z'); // two days before
    await bot.services.scheduler.runDue(now);
    await bot.services.scheduler.runDue(now);
    await pump();
    const toEva = bot.connector.to(personalChat(eva).id);
    expect(toEva).toHaveLength(1);
    expect(toEva[0].activity.text).toBe('Påminnelse: du har inte svarat på kallelsen till Vård- och omsorgsnämnden fredag 18 mars 2022 kl. 09.00–12.00.');
    // Anna answered (förhinder): no reminder for her.
    expect(bot.connector.to(personalChat(anna).id)).toHaveLength(0);
    // Answering from the reminder in personal chat works (the card names its body).
    const reminderCard = toEva[0].activity.attachments[0].content;
    const ex = await bot.press(eva, personalChat(eva), 'kallelse.svara', findAction(reminderCard, 'Jag kommer').data);
    expect(cardText(ex.card)).toContain('Ditt svar: Jag kommer');
  });

  test('the lease lets only one instance run a job', async () => {
    const { claimLease } = await import('../../src/storage/leases');
    const t = Date.now();
    expect(await claimLease(bot.paragraf.store, 'test-lease', 'instance-a', 60_000, t)).toBe(true);
    expect(await claimLease(bot.paragraf.store, 'test-lease', 'instance-b', 60_000, t + 1000)).toBe(false);
    expect(await claimLease(bot.paragraf.store, 'test-lease', 'instance-a', 60_000, t + 2000)).toBe(true);
    const race = await Promise.all([claimLease(bot.paragraf.store, 'test-lease', 'instance-b', 60_000, t + 120_000), claimLease(bot.paragraf.store, 'test-lease', 'instance-c', 60_000, t + 120_000)]);
    expect(race.filter(Boolean)).toHaveLength(1);
  });
});

test('a bordlagt case from the ärendelogg is proposed on the preview and added with one click', async () => {
  const c = groupChat('forslag');
  bot.connector.members.set(c.id, members([maria]));
  await bot.say(maria, c, 'nytt organ Välfärdsrådet\nProfil: minnesanteckningar');
  await bot.say(maria, c, 'nytt ärende Tillgänglighet i hemtjänsten');
  const id = BodyRepo.idFor(c.id);
  const [open] = await bot.services.cases.listOpen(id);
  await bot.press(maria, c, 'ärende.status', { caseId: open.id, status: 'bordlagt' });
  const ex = await bot.say(maria, c, 'nytt möte\nDatum: 2022-04-01 10.00-12.00\n§ Kalendarium\nÖvriga frågor');
  const preview = ex.cards[0];
  expect(cardText(preview)).toContain('Förslag från ärendeloggen');
  expect(cardText(preview)).toContain('Tillgänglighet i hemtjänsten (bordlagt)');
  const add = findAction(preview, 'Lägg till');
  const added = await bot.press(maria, c, add.verb, add.data);
  expect(cardText(added.card)).toContain('§ 2 Tillgänglighet i hemtjänsten');
  expect(cardText(added.card)).not.toContain('Förslag från ärendeloggen');
  const [m] = await bot.services.meetings.listForBody(id);
  expect(m.items.map((i) => [i.paragraph, i.title, i.caseId ?? null])).toEqual([[1, 'Kalendarium', null], [2, 'Tillgänglighet i hemtjänsten', open.id], [3, 'Övriga frågor', null]]);
});
