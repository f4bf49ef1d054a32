import { TestBot, groupChat, personalChat, cardText, findAction } from '../support/bot';
import { seed002, maria, carin, kenneth, eva } from '../support/protocol-fixtures';
import { readZipEntry } from '../support/zip';
import { protocolLinks } from '../../src/http/protocol-links';
import { sha256Hex } from '../../src/domain/protocol/markdown';

/**
 * A protocol version a newer one has replaced stays readable through its old signed link, but
 * says so at the top (Markdown and Word) with a link to the version in force; Justera or Begär
 * ändring on the old version's card is answered with the current version's card and changes nothing.
 * All through the real routes: POST /api/messages and GET /protocols/….
 */

let bot: TestBot;
let now = new Date('2021-12-17T13:00:00Z');
beforeAll(async () => {
  bot = await TestBot.start({ clock: () => now });
});
afterAll(async () => {
  await bot.stop();
});

function docLinks(card: any): { md: string; docx: string } {
  const urls: string[] = (card.actions ?? []).filter((a: any) => a.type === 'Action.OpenUrl').map((a: any) => a.url);
  return { md: urls.find((u) => /\.md\?/.test(u))!, docx: urls.find((u) => /\.docx\?/.test(u))! };
}

/** Fetches a link the bot signed, against the test server (the configured public URL has port 0). */
async function get(url: string): Promise<Response> {
  const u = new URL(url);
  return fetch(`${bot.paragraf.url}${u.pathname}${u.search}`);
}

const NOTICE_1_OF_2 = 'Ersatt: detta är version 1. Den gällande versionen är version 2:';

test('an old version’s documents say they are replaced and link to the version in force; its card is answered with the current one', async () => {
  const conv = groupChat('replaced-version');
  const { body, meeting } = await seed002(bot.services, conv, { justerare: ['Kenneth Andersson', 'Eva Stuge'] });
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.drain();
  const [v1Card] = bot.personalCards(kenneth);
  const v1 = docLinks(v1Card);
  expect(v1.md).toMatch(/\/v1\.md\?/);

  // While version 1 is the newest, its documents carry no notice.
  const before = await (await get(v1.md)).text();
  expect(before).not.toContain('Ersatt');
  expect(before.startsWith('# Protokoll Samråd vård och omsorg')).toBe(true);

  // The secretary corrects § 45: version 2.
  await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '45', field: 'anteckning', text: 'Dagen var givande.' });

  // Version 1 through its old link (still within its 30 days): the notice first, with a signed link to version 2.
  const mdRes = await get(v1.md);
  expect(mdRes.status).toBe(200);
  expect(mdRes.headers.get('content-disposition')).toContain('protokoll-2021-12-17-v1-ersatt.md');
  const md = await mdRes.text();
  const firstLine = md.split('\n')[0];
  expect(firstLine).toMatch(new RegExp(`^> \\*\\*${NOTICE_1_OF_2}\\*\\* <(http[^>]+/v2\\.md\\?exp=\\d+&sig=[^>]+)>$`));
  expect(md).toContain('Den här versionen gäller inte. Läs och hänvisa till version 2.');
  const currentMd = firstLine.match(/<([^>]+)>/)![1];
  const v2md = await (await get(currentMd)).text();
  expect(v2md).not.toContain('Ersatt');
  expect(v2md).toContain('Dagen var givande.');

  // The Word file: the same notice on the first page, a hyperlink to version 2's .docx, and ERSATT in every page's footer.
  const docx = Buffer.from(await (await get(v1.docx)).arrayBuffer());
  const xml = readZipEntry(docx, 'word/document.xml')!;
  const firstParagraph = xml.slice(xml.indexOf('<w:body>'), xml.indexOf('</w:p>', xml.indexOf('<w:body>')));
  expect(firstParagraph).toContain(NOTICE_1_OF_2);
  expect(xml).toContain('<w:hyperlink');
  const rels = readZipEntry(docx, 'word/_rels/document.xml.rels')!;
  const target = rels.match(/Target="([^"]+\/v2\.docx\?[^"]+)"\s+TargetMode="External"/)?.[1] ?? rels.match(/TargetMode="External"[^>]*Target="([^"]+\/v2\.docx[^"]+)"/)?.[1];
  expect(target).toBeDefined();
  const v2docx = await get(target!.replace(/&amp;/g, '&'));
  expect(v2docx.status).toBe(200);
  const v2xml = readZipEntry(Buffer.from(await v2docx.arrayBuffer()), 'word/document.xml')!;
  expect(v2xml).not.toContain('Ersatt');
  const footers = ['word/footer1.xml', 'word/footer2.xml', 'word/footer3.xml'].map((f) => readZipEntry(docx, f) ?? '').join('');
  expect(footers).toContain('ERSATT av version 2, gäller inte');

  // Justera on the version 1 card: the version 2 card instead, nothing changes.
  const key = `${body.id}|${meeting.id}`;
  const audit = (await bot.paragraf.repos.meetings.docs.audit(key)).length;
  const stored = (await bot.services.meetings.get(body.id, meeting.id))!.value;
  const pressed = await bot.press(kenneth, personalChat(kenneth), 'protokoll.justera', { ...ids, version: 1 });
  expect(pressed.card).toBeDefined();
  const text = cardText(pressed.card);
  expect(text).toContain('Kortet du tryckte på gällde version 1, som har ersatts av version 2. Inget har ändrats.');
  expect(text).toContain('Version 2 är inte skickad till justering ännu');
  expect(docLinks(pressed.card).md).toMatch(/\/v2\.md\?/);
  expect(findAction(pressed.card, 'Justera')).toBeUndefined();
  expect((await bot.services.meetings.get(body.id, meeting.id))!.value).toEqual(stored);
  expect((await bot.paragraf.repos.meetings.docs.audit(key)).length).toBe(audit);

  // Once version 2 is sent, the old card's buttons lead to version 2's Justera; Begär ändring on version 1 reaches no one.
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  await bot.drain();
  const again = await bot.press(eva, personalChat(eva), 'protokoll.justera', { ...ids, version: 1 });
  expect(cardText(again.card)).toContain('Läs version 2 och justera den, eller begär ändring.');
  expect(findAction(again.card, 'Justera').data).toEqual({ ...ids, version: 2 });
  const mark = bot.connector.to(conv.id).length;
  const change = await bot.press(eva, personalChat(eva), 'protokoll.ändring', { ...ids, version: 1, paragraph: '45', comment: 'Gammal kommentar' });
  expect(cardText(change.card)).toContain('som har ersatts av version 2. Inget har ändrats.');
  await bot.drain();
  expect(bot.connector.to(conv.id).length).toBe(mark);
  expect((await bot.services.meetings.get(body.id, meeting.id))!.value.protocol[1].changeRequests).toEqual([]);
});

test('during a rättelse the justerad version stays in force without a notice; older versions point to it, and to the rättelse once that is justerad', async () => {
  const conv = groupChat('replaced-rattelse');
  const { body, meeting } = await seed002(bot.services, conv);
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '45', field: 'anteckning', text: 'Version två.' });
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  for (const p of [carin, kenneth]) await bot.press(p, personalChat(p), 'protokoll.justera', { ...ids, version: 2 });
  const rattelse = await bot.press(maria, conv, 'protokoll.rätta', { ...ids, paragraph: '49', text: 'Rättelse.', rattelse: true });
  expect(cardText(rattelse.card)).toContain('rättelse av justerad version 2');

  const link = (v: number) => protocolLinks(bot.services, body.id, meeting.id, v, now).md;
  const doc = async (v: number) => (await get(link(v))).text();
  expect((await doc(1)).split('\n')[0]).toContain('Ersatt: detta är version 1. Den gällande versionen är version 2:');
  expect(await doc(2)).not.toContain('Ersatt');
  expect(await doc(3)).not.toContain('Ersatt');

  await bot.press(maria, conv, 'protokoll.skicka', ids);
  for (const p of [carin, kenneth]) await bot.press(p, personalChat(p), 'protokoll.justera', { ...ids, version: 3 });
  expect((await bot.services.meetings.get(body.id, meeting.id))!.value.status).toBe('justerat');
  expect((await doc(2)).split('\n')[0]).toContain('Ersatt: detta är version 2. Den gällande versionen är version 3:');
  expect((await doc(1)).split('\n')[0]).toContain('Den gällande versionen är version 3:');
  expect(await doc(3)).not.toContain('Ersatt');
  // A justerad version keeps its seal under the notice.
  expect(await doc(2)).toContain('Innehållets kontrollsumma (SHA-256)');
});

test('a justerad version whose text the current renderer would write differently is served as stored, so its stated hash still holds', async () => {
  const conv = groupChat('served-as-stored');
  const { body, meeting } = await seed002(bot.services, conv);
  const ids = { bodyId: body.id, meetingId: meeting.id };
  await bot.say(maria, conv, 'protokoll');
  await bot.press(maria, conv, 'protokoll.skicka', ids);
  for (const p of [carin, kenneth]) await bot.press(p, personalChat(p), 'protokoll.justera', { ...ids, version: 1 });

  // As if justerad under an earlier renderer: the stored canonical text (and its hash) differ from today's rendering.
  const older = (m: string) => m.replace('Samråd vård och omsorg godkände informationen.', 'Samråd vård och omsorg godkände informationen.\n\n---');
  const { value } = await bot.services.meetings.change(body.id, meeting.id, {
    actor: { id: 'test', name: 'Test' },
    action: 'test.äldre-rendering',
    apply: (m) => ({ ...m!, protocol: m!.protocol.map((v) => ({ ...v, markdown: older(v.markdown), contentHash: sha256Hex(older(v.markdown)) })) }),
  });
  const v1 = value.protocol[0];
  expect(v1.markdown).toContain('\n---\n');

  const served = await (await get(protocolLinks(bot.services, body.id, meeting.id, 1, now).md)).text();
  expect(served.startsWith(v1.markdown.trimEnd())).toBe(true);
  expect(served).toContain(`Innehållets kontrollsumma (SHA-256): ${v1.contentHash}`);
  expect(sha256Hex(served.slice(0, v1.markdown.length))).toBe(v1.contentHash);
  expect(served).toMatch(/Justerat \d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2} av Carin Nilsson \(version 1\)/);
});
