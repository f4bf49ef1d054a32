import { TestBot, groupChat, personalChat, cardText } from '../support/bot';
import { kommunallagen, seed002, maria, carin, eva, kenneth } from '../support/protocol-fixtures';
import { repairAnslagIndex } from '../../src/http/anslagstavla/repair';
import { meetingsWithStatus } from '../../src/storage/meeting-scan';
import { publicProtocolPath } from '../../src/http/public-links';
import type { Meeting } from '../../src/domain/meeting';

/**
 * The public anslagstavla through the bot: a kommunallagen protocol justerat and anslaget through
 * /api/messages appears on /anslagstavla and in /anslagstavla/feed with the notice's dates, stays
 * through the take-down day and is gone the day after (by the clock alone); a samverkan body never
 * shows. Served from memory (no storage round trip per request), with ETag and Last-Modified.
 */

const anslaget = () => meetingsWithStatus(bot.paragraf.repos.store, ['anslaget', 'laga kraft']);
let bot: TestBot;
let now = new Date('2022-06-01T14:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

const page = (q = '', headers: Record<string, string> = {}) => fetch(`${bot.paragraf.url}/anslagstavla${q}`, { headers });
const feed = (q = '') => fetch(`${bot.paragraf.url}/anslagstavla/feed${q}`);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function meetingOf(bodyId: string, id: string): Promise<Meeting> {
  return (await bot.services.meetings.get(bodyId, id))!.value;
}

test('an anslag appears on the page and in the feed when the secretary records it, with its dates, and is gone after the take-down day', async () => {
  const conv = groupChat('anslagstavla-kl');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'organ\nFörvaringsplats: Kommunkansliet, Norrby kommun');
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  expect((await meetingOf(body.id, meeting.id)).status).toBe('justerat');

  // Justerat but not yet anslaget: nothing on the board.
  now = new Date('2022-06-03T07:00:00Z');
  const before = await page();
  expect(before.status).toBe(200);
  const beforeHtml = await before.text();
  expect(beforeHtml).toContain('Det finns inga anslag uppe just nu.');
  expect(beforeHtml).not.toContain('Vård- och omsorgsnämnden');

  now = new Date('2022-06-03T08:00:00Z');
  const recorded = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2022-06-03' });
  expect((await meetingOf(body.id, meeting.id)).status).toBe('anslaget');
  // The secretary is told where the notice is, with the link for the organ's own web page.
  expect(cardText(recorded.card)).toContain(`Det visas på anslagstavlan: ${bot.services.config.publicUrl}/anslagstavla?organ=${body.id}`);

  const res = await page();
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  const html = await res.text();
  const t = text(html);
  expect(html).toContain('<html lang="sv">');
  for (const s of [
    'Vård- och omsorgsnämnden, sammanträde onsdag 1 juni 2022',
    'Protokollet är justerat. Justeringen har tillkännagivits genom anslag på kommunens anslagstavla.',
    'Organ Vård- och omsorgsnämnden',
    'Sammanträdesdatum onsdag 1 juni 2022',
    'Paragrafer §§ 1-3',
    'Datum för justering onsdag 1 juni 2022',
    'Anslaget sattes upp fredag 3 juni 2022',
    'Anslaget tas ned tisdag 28 juni 2022',
    // 24 juni 2022 is midsommarafton: the last day moves to måndag 27 juni.
    'Sista dag att överklaga måndag 27 juni 2022',
    'Förvaringsplats för protokollet Kommunkansliet, Norrby kommun',
    'laglighetsprövning',
    'förvaltningsrätten',
    'tre veckor',
  ]) {
    expect(t).toContain(s);
  }
  expect(html).toContain(`href="${publicProtocolPath(body.id, meeting.id, 1, 'pdf')}"`);
  expect(html).toContain('<time datetime="2022-06-27">');
  // Only the notice: no § title, no name from the protocol.
  for (const s of ['Taxa för hemtjänst', 'Eva Stuge', 'Carin Nilsson', 'Maria Lind']) expect(html).not.toContain(s);
  // No script at all: the page works without JavaScript.
  expect(html).not.toMatch(/<script/i);

  const f = await feed();
  expect(f.status).toBe(200);
  expect(f.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await f.text();
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="sv">/);
  const entries = xml.split('<entry>').slice(1);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toContain('<title type="text">Protokoll från Vård- och omsorgsnämnden onsdag 1 juni 2022 är justerat</title>');
  expect(entries[0]).toContain('<updated>2022-06-03T08:00:00.000Z</updated>');
  expect(entries[0]).toContain(`<link rel="alternate" type="application/pdf" href="${bot.services.config.publicUrl}${publicProtocolPath(body.id, meeting.id, 1, 'pdf')}"/>`);
  expect(entries[0]).toContain('Sista dag att överklaga: måndag 27 juni 2022.');
  expect(entries[0]).toContain('Anslaget tas ned: tisdag 28 juni 2022.');
  expect(xml).toMatch(/<feed[^]*<id>[^<]+<\/id>[^]*<title type="text">Anslagstavla<\/title>[^]*<updated>2022-06-03T08:00:00.000Z<\/updated>/);

  // One organ only: the link the page offers.
  expect(html).toContain(`href="/anslagstavla?organ=${body.id}"`);
  expect(text(await (await page(`?organ=${body.id}`)).text())).toContain('Anslagstavla: Vård- och omsorgsnämnden');
  expect(await (await page('?organ=b0000000000000000000')).text()).toContain('Det här organet har inget anslag uppe just nu.');
  expect((await page('?organ=%3Cscript%3E')).status).toBe(400);

  // Served from memory: no storage round trip for repeated requests, and 304 on a matching validator.
  const trips = bot.paragraf.repos.store.counter.count;
  const again = await page();
  expect(await again.text()).toBe(html);
  await feed();
  expect(bot.paragraf.repos.store.counter.count).toBe(trips);
  const etag = again.headers.get('etag')!;
  expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect((await page('', { 'If-None-Match': etag })).status).toBe(304);
  expect((await page('', { 'If-Modified-Since': again.headers.get('last-modified')! })).status).toBe(304);
  expect((await page('', { 'If-None-Match': '"other"' })).status).toBe(200);
  const head = await fetch(`${bot.paragraf.url}/anslagstavla`, { method: 'HEAD' });
  expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, etag, '']);

  // Up through the take-down day; gone the day after.
  now = new Date('2022-06-28T10:00:00Z');
  expect(await (await page()).text()).toContain('Vård- och omsorgsnämnden, sammanträde');
  now = new Date('2022-06-28T22:30:00Z'); // 00.30 on 29 June in Sweden
  const after = await (await page()).text();
  expect(after).not.toContain('Vård- och omsorgsnämnden');
  expect(after).toContain('Det finns inga anslag uppe just nu.');
  expect((await (await feed()).text())).not.toContain('<entry>');
});

test('a body without anslag (samverkan) never shows, even with an anslag date on its meeting', async () => {
  now = new Date('2021-12-17T13:00:00Z');
  const conv = groupChat('anslagstavla-samverkan');
  const { body, meeting } = await seed002(bot.services, conv);
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  expect((await meetingOf(body.id, meeting.id)).status).toBe('justerat');
  now = new Date('2021-12-20T09:00:00Z');
  expect((await bot.press(maria, conv, 'protokoll.anslå', ids)).message).toMatch(/kommunallagen/);
  // Even a stored anslag (from before the profile changed, say) is not entered by the repair.
  const m = await meetingOf(body.id, meeting.id);
  await bot.services.meetings.change(body.id, meeting.id, { actor: { id: 'test', name: 'Test' }, action: 'test.anslag', apply: () => ({ ...m, status: 'anslaget', anslag: { date: '2021-12-20', recordedAt: now.toISOString(), by: 'Maria Lind' } }) });
  expect(await repairAnslagIndex(bot.services, anslaget)).toBe(0);
  const html = await (await fetch(`${bot.paragraf.url}/anslagstavla`)).text();
  expect(html).not.toContain('Samråd vård och omsorg');
  expect(await (await fetch(`${bot.paragraf.url}/anslagstavla/feed`)).text()).not.toContain('Samråd vård och omsorg');
});

test('an anslag whose index row was lost is entered by the hourly repair', async () => {
  now = new Date('2022-09-01T14:00:00Z');
  const conv = groupChat('anslagstavla-repair');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-09-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(maria, conv, 'protokoll.anslå', ids);
  expect((await meetingOf(body.id, meeting.id)).status).toBe('anslaget');
  await bot.paragraf.repos.store.table('anslag').deleteEntity('anslag', `${body.id}|${meeting.id}`);
  expect(await repairAnslagIndex(bot.services, anslaget)).toBe(1);
  expect(await repairAnslagIndex(bot.services, anslaget)).toBe(0);
  expect((await bot.services.anslagstavla.index.keys()).has(`${body.id}|${meeting.id}`)).toBe(true);
  // A row still up that no longer reads as the notice does (written by an older instance, say) is rewritten.
  const [row] = (await bot.services.anslagstavla.index.listUpFrom('2022-09-01')).filter((e) => e.meetingId === meeting.id);
  await bot.services.anslagstavla.index.put({ ...row, forvaringsplats: 'Fel ställe' });
  expect(await repairAnslagIndex(bot.services, anslaget)).toBe(1);
  const [fixed] = (await bot.services.anslagstavla.index.listUpFrom('2022-09-01')).filter((e) => e.meetingId === meeting.id);
  expect(fixed).toEqual(row);
});

test('a förvaringsplats set after the anslag reaches the anslagstavla at once, as it reaches the anslagsbevis', async () => {
  now = new Date('2022-10-03T14:00:00Z');
  const conv = groupChat('anslagstavla-forvaring');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-10-03T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  await bot.press(maria, conv, 'protokoll.anslå', ids);
  const mine = async () => text(await (await page(`?organ=${body.id}`)).text());
  expect(await mine()).toContain('Förvaringsplats för protokollet Uppgift saknas. Kontakta organets sekreterare eller registrator.');
  await bot.say(maria, conv, 'organ\nFörvaringsplats: Stadshuset <b>"Norrby"</b> & arkivet\nHuvudman: region');
  const html = await (await page(`?organ=${body.id}`)).text();
  expect(html).toContain('Stadshuset &lt;b&gt;&quot;Norrby&quot;&lt;/b&gt; &amp; arkivet');
  expect(html).not.toContain('<b>"Norrby');
  const t = text(html);
  expect(t).toContain('genom anslag på regionens anslagstavla');
});
