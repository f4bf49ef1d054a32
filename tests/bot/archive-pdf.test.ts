import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { TestBot, groupChat, personalChat, cardText } from '../support/bot';
import { kommunallagen, maria, carin, eva } from '../support/protocol-fixtures';
import { readZipEntry } from '../support/zip';
import type { Meeting } from '../../src/domain/meeting';

/**
 * The archive documents through the bot: the justerat protocol as PDF/A-2b (fonts embedded, text
 * extractable, bytes matching the hash recorded at locking) and the anslagsbevis as its own
 * document, with the Förvaringsplats: and Huvudman: settings. Checked with poppler-utils.
 */

let bot: TestBot;
let now = new Date('2022-06-01T14:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'paragraf-pdf-'));
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function urls(card: any): Record<string, string> {
  return Object.fromEntries((card.actions ?? []).filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => [a.title, a.url]));
}

function get(url: string): Promise<Response> {
  const u = new URL(url);
  return fetch(`${bot.paragraf.url}${u.pathname}${u.search}`);
}

async function bytes(url: string): Promise<Buffer> {
  const res = await get(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

let files = 0;
function poppler(tool: string, pdf: Buffer, ...args: string[]): string {
  const file = join(dir, `f${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

/** PDF/A-2b by its XMP identification, and every font embedded (pdffonts' "emb" column). */
function expectPdfA2b(pdf: Buffer): void {
  expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  const meta = poppler('pdfinfo', pdf, '-meta');
  expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  const fonts = poppler('pdffonts', pdf).trim().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) {
    expect(line).toMatch(/DejaVuSans/);
    // columns: name type encoding emb sub uni object ID — "emb" is the fourth from the end.
    expect(line.trim().split(/\s+/).at(-5)).toBe('yes');
  }
}

/** Waits until the outbox has delivered everything, so its cards do not land in the next exchange. */
async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await bot.services.outbox.pump();
    if ((await bot.services.outbox.pending()) === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function meetingOf(bodyId: string, id: string): Promise<Meeting> {
  return (await bot.services.meetings.get(bodyId, id))!.value;
}

test('kommunallagen: the justerat protocol is PDF/A-2b with its hash recorded at locking; the anslagsbevis is a document with the förvaringsplats', async () => {
  const conv = groupChat('archive-pdf');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-01T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };

  // Until the secretary sets it, the card warns that the förvaringsplats is missing.
  const draft = await bot.say(maria, conv, 'protokoll');
  expect(cardText(draft.cards[0])).toContain('Förvaringsplats saknas');
  // A draft has no PDF yet: it is made when the protocol is justerat.
  expect(Object.keys(urls(draft.cards[0])).some((t) => t.includes('.pdf'))).toBe(false);
  const draftPdf = await get(urls(draft.cards[0])['Markdown (.md), version 1'].replace('/v1.md', '/v1.pdf'));
  // (the signature covers the path, so a made-up .pdf link is refused before anything is rendered)
  expect(draftPdf.status).toBe(401);

  await bot.press(maria, conv, 'protokoll.skicka', ids);
  now = new Date('2022-06-01T15:00:00Z');
  await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  expect((await meetingOf(body.id, meeting.id)).protocol[0].pdfHash).toBeUndefined();
  await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version: 1 });
  const locked = (await meetingOf(body.id, meeting.id)).protocol[0];
  expect(locked.lockedAt).toBeTruthy();
  expect(locked.pdfHash).toMatch(/^[0-9a-f]{64}$/);

  await drain();
  const shown = await bot.say(maria, conv, 'protokoll');
  const links = urls(shown.cards[0]);
  const pdf = await bytes(links['PDF/A (.pdf), version 1']);
  // The served bytes are the ones whose hash was recorded at locking, and stay so on every request.
  expect(sha(pdf)).toBe(locked.pdfHash);
  expect(sha(await bytes(links['PDF/A (.pdf), version 1']))).toBe(locked.pdfHash);
  expectPdfA2b(pdf);
  const text = poppler('pdftotext', pdf, '-enc', 'UTF-8');
  // Content-stream order (-raw) keeps "§ 1" whole; poppler's default word grouping joins one-letter words ("§1").
  const raw = poppler('pdftotext', pdf, '-raw', '-enc', 'UTF-8');
  for (const s of ['§ 1', '§ 2', '§ 3']) expect(raw).toContain(s);
  for (const s of ['Protokoll Vård- och omsorgsnämnden', 'Upprop', 'Taxa för hemtjänst 2022', 'Avtal med Nygrens Omsorg AB', 'Eva Stuge (m) reserverar sig mot beslutet', 'Underskrifter', 'Justerat 2022-06-01 kl. 17.00 (version 1)', locked.contentHash, 'Sida 1 av']) {
    expect(text).toContain(s);
  }
  for (const c of ['å', 'ä', 'ö']) expect(text).toContain(c);

  // Anslag: the bevis becomes a document of its own, linked from the card.
  now = new Date('2022-06-03T08:00:00Z');
  const ans = await bot.press(maria, conv, 'protokoll.anslå', { ...ids, date: '2022-06-03' });
  const bevisLinks = urls(ans.card);
  const md = await (await get(bevisLinks['Anslagsbevis (.md)'])).text();
  expect(md).toContain('Förvaringsplats: (ange med inställningen Förvaringsplats:)');
  expect(md).toContain('kommunens anslagstavla');
  for (const line of ['Organ: Vård- och omsorgsnämnden', 'Sammanträdesdatum: 2022-06-01', 'Paragrafer: §§ 1-3', 'Datum för justering: 2022-06-01', 'Datum då anslaget sätts upp: 2022-06-03', 'Datum då anslaget tas ned: 2022-06-28', 'Sista dag att överklaga (laglighetsprövning): 2022-06-27']) {
    expect(md).toContain(line);
  }
  expect(md).not.toContain('Paragraf (protokollarkivet)');

  // The secretary sets where protocols are kept and the huvudman; the bevis follows, the warning goes.
  await drain();
  const set = await bot.say(maria, conv, 'organ\nFörvaringsplats: Kommunkansliet, Norrby kommun\nHuvudman: region');
  expect(cardText(set.cards[0])).toContain('Kommunkansliet, Norrby kommun');
  const after = await bot.say(maria, conv, 'protokoll');
  expect(cardText(after.cards[0])).not.toContain('Förvaringsplats saknas');
  expect(cardText(after.cards[0])).toContain('Förvaringsplats: Kommunkansliet, Norrby kommun');
  const l2 = urls(after.cards[0]);
  const md2 = await (await get(l2['Anslagsbevis (.md)'])).text();
  expect(md2).toContain('Förvaringsplats: Kommunkansliet, Norrby kommun');
  expect(md2).toContain('regionens anslagstavla');

  const bevisPdf = await bytes(l2['Anslagsbevis (.pdf)']);
  expectPdfA2b(bevisPdf);
  const bevisText = poppler('pdftotext', bevisPdf, '-enc', 'UTF-8');
  for (const s of ['Anslagsbevis', 'regionens anslagstavla', 'Förvaringsplats:', 'Kommunkansliet, Norrby kommun', '2022-06-27', '2022-06-28', 'Sammanträdesdatum']) expect(bevisText).toContain(s);
  expect(sha(await bytes(l2['Anslagsbevis (.pdf)']))).toBe(sha(bevisPdf));
  const docx = await bytes(l2['Anslagsbevis (.docx)']);
  const xml = readZipEntry(docx, 'word/document.xml')!;
  expect(xml).toContain('Kommunkansliet, Norrby kommun');
  expect(xml).toContain('regionens anslagstavla');

  // The protokollarkiv, from the card: the meeting with its justerade documents and its anslagsbevis.
  const page = await get(l2['Protokollarkivet']);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Protokollarkiv – Vård- och omsorgsnämnden');
  expect(html).toContain('2022-06-01');
  expect(html).toContain('anslaget 2022-06-03');
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const fromArchive = hrefs.find((h) => h.includes('/v1.pdf'))!;
  expect(sha(await bytes(`http://archive${fromArchive}`))).toBe(locked.pdfHash);
  expect(hrefs.some((h) => h.includes('/anslagsbevis.pdf'))).toBe(true);
  expect((await fetch(`${bot.paragraf.url}/arkiv?body=${encodeURIComponent(body.id)}`)).status).toBe(401);

  // A locked version whose PDF no longer makes the recorded bytes (a store edit through the chain,
  // or a PDFKit or font upgrade) is refused rather than served as the archived file.
  await bot.services.meetings.change(body.id, meeting.id, {
    actor: { id: 'test', name: 'Test' },
    action: 'test.pdfhash',
    now,
    apply: (m) => ({ ...m!, protocol: m!.protocol.map((v) => ({ ...v, pdfHash: '0'.repeat(64) })) }),
  });
  const refused = await get(l2['PDF/A (.pdf), version 1']);
  expect(refused.status).toBe(409);
  expect(await refused.text()).toContain('PDF-filen för protokollet (version 1) blir inte densamma som när protokollet justerades');
  // The other documents still come.
  expect((await get(l2['Word (.docx), version 1'])).status).toBe(200);
});

test('bad Förvaringsplats and Huvudman lines are refused in Swedish and change nothing', async () => {
  now = new Date('2022-06-10T10:00:00Z');
  const conv = groupChat('archive-settings');
  const { body } = await kommunallagen(bot.services, conv, { start: '2022-06-10T13:00' });
  const cases: [string, RegExp][] = [
    ['Huvudman: landsting', /Huvudman ska vara "kommun" eller "region"/],
    ['Förvaringsplats: Paragraf (protokollarkivet)', /Paragraf är ingen förvaringsplats/],
    ['Förvaringsplats: ', /Skriv var protokollen förvaras/],
    [`Förvaringsplats: ${'x'.repeat(161)}`, /för lång/],
  ];
  for (const [line, message] of cases) {
    const ex = await bot.say(maria, conv, `organ\n${line}`);
    expect(ex.texts.join('\n')).toMatch(message);
  }
  const stored = (await bot.services.bodies.get(body.id))!.value;
  expect(stored.forvaringsplats).toBeUndefined();
  expect(stored.huvudman).toBeUndefined();
  // Set at creation too.
  const conv2 = groupChat('archive-new-body');
  const created = await bot.say(maria, conv2, 'nytt organ Socialnämnden\nFörvaringsplats: Registraturen, Region Norr\nHuvudman: region');
  const t = cardText(created.cards[0]);
  expect(t).toContain('Registraturen, Region Norr');
  expect(t).toContain('regionens anslagstavla');
});

test('a rättelse: each justerad version keeps its own PDF and recorded hash, and the archive lists both', async () => {
  now = new Date('2022-06-20T09:00:00Z');
  const conv = groupChat('archive-rattelse');
  const { body, meeting } = await kommunallagen(bot.services, conv, { start: '2022-06-20T13:00' });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  const justera = async (version: number) => {
    await bot.press(maria, conv, 'protokoll.skicka', ids);
    await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version });
    await bot.press(carin, personalChat(carin), 'protokoll.justera', { ...ids, version });
  };
  await bot.say(maria, conv, 'protokoll');
  await justera(1);
  const v1 = (await meetingOf(body.id, meeting.id)).protocol[0];
  expect(v1.pdfHash).toMatch(/^[0-9a-f]{64}$/);

  const during = await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: 3, field: 'beslut', text: 'Vård- och omsorgsnämnden beslutade att godkänna avtalet med ändringen i punkt 4.', rattelse: true });
  expect(during.message).toBeUndefined();
  // While the rättelse is under way, the justerad version 1 stays downloadable as PDF.
  expect(sha(await bytes(urls(during.card)['Justerad version 1 (.pdf)']))).toBe(v1.pdfHash);
  now = new Date('2022-06-21T09:00:00Z');
  await justera(2);
  const [first, second] = (await meetingOf(body.id, meeting.id)).protocol;
  expect(first.pdfHash).toBe(v1.pdfHash);
  expect(second.lockedAt).toBeTruthy();
  expect(second.pdfHash).toMatch(/^[0-9a-f]{64}$/);
  expect(second.pdfHash).not.toBe(first.pdfHash);

  await drain();
  const card = (await bot.say(maria, conv, 'protokoll')).cards[0];
  const pdf2 = await bytes(urls(card)['PDF/A (.pdf), version 2']);
  expect(sha(pdf2)).toBe(second.pdfHash);
  expect(poppler('pdftotext', pdf2, '-enc', 'UTF-8')).toContain('ändringen i punkt 4.');
  const html = await (await get(urls(card)['Protokollarkivet'])).text();
  expect(html).toContain('version 2, justerat 2022-06-21');
  expect(html).toContain('version 1, justerat 2022-06-20, ersatt av version 2 (rättelse)');
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  expect(sha(await bytes(`http://archive${hrefs.find((h) => h.includes('/v1.pdf'))!}`))).toBe(first.pdfHash);
});
