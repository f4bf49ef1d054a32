import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import {
  buildAppPackage,
  bundledSchemaVersions,
  checkEnvValues,
  fillPlaceholders,
  MissingVariablesError,
  placeholdersIn,
  REQUIRED_ENV,
  schemaUrlFor,
  validateManifest,
} from '../../src/teams-app/manifest';

const APP_DIR = path.resolve(__dirname, '..', '..', 'appPackage');
const SAMPLE_ENV = {
  TEAMS_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  BOT_ID: '6ba7b810-9dad-41d1-80b4-00c04fd430c8',
  BOT_DOMAIN: 'paragraf.example.se',
  PUBLISHER_NAME: 'Norrby kommun',
  PUBLISHER_WEBSITE_URL: 'https://www.norrby.se/paragraf',
  PUBLISHER_PRIVACY_URL: 'https://www.norrby.se/paragraf/personuppgifter',
  PUBLISHER_TERMS_URL: 'https://www.norrby.se/paragraf/villkor',
};

const PUBLISHER = Object.fromEntries(Object.entries(SAMPLE_ENV).filter(([k]) => k.startsWith('PUBLISHER_')));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const template = (): Json => JSON.parse(fs.readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8')) as Json;
const filled = (): Json => fillPlaceholders(template(), SAMPLE_ENV);

// ---------------------------------------------------------------------------------------------------
// Independent readers (deliberately not the code under test)

/** Bitwise CRC-32, the slow textbook way. */
function refCrc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

interface PngImage {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  pixels: Buffer; // RGBA rows without filter bytes
}

function readPng(file: Buffer): PngImage {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let pos = 8;
  let header: Omit<PngImage, 'pixels'> | undefined;
  const idat: Buffer[] = [];
  let sawEnd = false;
  while (pos < file.length) {
    const len = file.readUInt32BE(pos);
    const type = file.toString('ascii', pos + 4, pos + 8);
    const body = file.subarray(pos + 8, pos + 8 + len);
    expect(file.readUInt32BE(pos + 8 + len)).toBe(refCrc32(file.subarray(pos + 4, pos + 8 + len)));
    if (type === 'IHDR') {
      expect(pos).toBe(8); // IHDR comes first
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), bitDepth: body[8]!, colorType: body[9]! };
      expect(body[12]).toBe(0); // not interlaced
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') sawEnd = true;
    pos += 12 + len;
  }
  expect(sawEnd).toBe(true);
  if (!header) throw new Error('no IHDR');
  expect(header.bitDepth).toBe(8);
  const channels = header.colorType === 6 ? 4 : header.colorType === 2 ? 3 : NaN;
  const bpp = channels;
  const stride = header.width * bpp;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((stride + 1) * header.height);
  const out = Buffer.alloc(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i]!;
      const a = i >= bpp ? out[y * stride + i - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? out[(y - 1) * stride + i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter];
      if (pred === undefined) throw new Error(`bad filter ${filter}`);
      out[y * stride + i] = (x + pred) & 0xff;
    }
  }
  if (channels === 4) return { ...header, pixels: out };
  // An opaque RGB image (as the colour icon may be): each pixel gets alpha 255.
  const rgba = Buffer.alloc(header.width * header.height * 4, 255);
  for (let i = 0; i < header.width * header.height; i++) out.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { ...header, pixels: rgba };
}

const pixel = (img: PngImage, x: number, y: number): number[] => [...img.pixels.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

interface ZipRead {
  name: string;
  method: number;
  crc: number;
  data: Buffer;
}

/** Reads a ZIP through its end record and central directory, cross-checking every local header. */
function readZip(zip: Buffer): ZipRead[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThanOrEqual(0);
  expect(eocd + 22 + zip.readUInt16LE(eocd + 20)).toBe(zip.length);
  const count = zip.readUInt16LE(eocd + 10);
  expect(zip.readUInt16LE(eocd + 8)).toBe(count);
  const cdSize = zip.readUInt32LE(eocd + 12);
  let p = zip.readUInt32LE(eocd + 16);
  expect(p + cdSize).toBe(eocd);
  const entries: ZipRead[] = [];
  for (let n = 0; n < count; n++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const csize = zip.readUInt32LE(p + 20);
    const usize = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    expect(flags & 0x0009).toBe(0); // not encrypted, no data descriptor

    const l = localOffset;
    expect(zip.readUInt32LE(l)).toBe(0x04034b50);
    expect(zip.readUInt16LE(l + 8)).toBe(method);
    expect(zip.readUInt32LE(l + 14)).toBe(crc);
    expect(zip.readUInt32LE(l + 18)).toBe(csize);
    expect(zip.readUInt32LE(l + 22)).toBe(usize);
    const lNameLen = zip.readUInt16LE(l + 26);
    expect(zip.toString('utf8', l + 30, l + 30 + lNameLen)).toBe(name);
    const start = l + 30 + lNameLen + zip.readUInt16LE(l + 28);
    const stored = zip.subarray(start, start + csize);
    const data = method === 0 ? Buffer.from(stored) : method === 8 ? zlib.inflateRawSync(stored) : undefined;
    if (!data) throw new Error(`unexpected method ${method}`);
    expect(data.length).toBe(usize);
    entries.push({ name, method, crc, data });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------

describe('appPackage/manifest.json', () => {
  test('uses a bundled schema of v1.17 or newer and a matching $schema URL', () => {
    const m = template();
    const [major, minor] = String(m.manifestVersion).split('.').map(Number) as [number, number];
    expect(major === 1 && minor >= 17).toBe(true);
    expect(bundledSchemaVersions()).toContain(m.manifestVersion);
    expect(m.$schema).toBe(schemaUrlFor(m.manifestVersion));
  });

  test('refers to exactly the app ids, the bot domain and the publisher', () => {
    expect(placeholdersIn(template()).sort()).toEqual([...REQUIRED_ENV].sort());
  });

  test('filled with sample values, it validates against the bundled schema', async () => {
    const result = await validateManifest(filled());
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('unfilled, it does not validate (placeholders are not GUIDs)', async () => {
    const result = await validateManifest(template());
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/id: must match pattern/);
    expect(result.errors.join('\n')).toMatch(/\/bots\/0\/botId: must match pattern/);
  });

  test('has the app, bot, tab and SSO settings the bot expects', () => {
    const m = filled();
    expect(m.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect(m.name.short).toBe('Paragraf');
    expect(m.description.full).toBe(
      'Mötesstöd för nämnder och råd: föredragningslista, kallelse, upprop, protokoll, justering och ärendelogg i Teams.',
    );
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    const bot = m.bots[0];
    expect(m.bots).toHaveLength(1);
    expect(bot.botId).toBe(SAMPLE_ENV.BOT_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    const expected = ['hjälp', 'nytt organ', 'ledamöter', 'nytt möte', 'starta mötet', 'ärendelogg', 'mina uppdrag', 'protokoll'];
    const listed = new Map<string, string[]>();
    for (const list of bot.commandLists) {
      for (const scope of list.scopes) listed.set(scope, list.commands.map((c: { title: string }) => c.title));
      for (const c of list.commands) {
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(128); // the limit in v1.17–1.20, and what Teams shows
        expect(c.title.length).toBeLessThanOrEqual(32);
      }
    }
    for (const scope of ['personal', 'team', 'groupChat']) expect(listed.get(scope)).toEqual(expected);

    expect(m.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: 'https://paragraf.example.se/tab/config',
        scopes: ['team', 'groupChat'],
        context: ['channelTab', 'privateChatTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel'],
      }),
    ]);
    // The personal tab signs in with Teams SSO: its URL carries no signature (signed links are for cards).
    expect(m.staticTabs).toContainEqual(
      expect.objectContaining({ entityId: 'arendelogg', name: 'Ärendelogg och protokoll', contentUrl: 'https://paragraf.example.se/tab', scopes: ['personal'] }),
    );
    expect(m.validDomains).toEqual(['paragraf.example.se']);
    expect(m.webApplicationInfo).toEqual({ id: SAMPLE_ENV.BOT_ID, resource: `api://paragraf.example.se/${SAMPLE_ENV.BOT_ID}` });
    expect(m.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  test('names the publisher from configuration, never a placeholder text', () => {
    const m = filled();
    expect(m.developer).toEqual({
      name: 'Norrby kommun',
      websiteUrl: 'https://www.norrby.se/paragraf',
      privacyUrl: 'https://www.norrby.se/paragraf/personuppgifter',
      termsOfUseUrl: 'https://www.norrby.se/paragraf/villkor',
    });
    expect(JSON.stringify(template())).not.toMatch(/Ange utgivare|example\.se/);
    expect(checkEnvValues({ ...SAMPLE_ENV, PUBLISHER_PRIVACY_URL: 'http://www.norrby.se/p' }).join()).toMatch(/PUBLISHER_PRIVACY_URL must be an https/);
    expect(checkEnvValues({ ...SAMPLE_ENV, PUBLISHER_NAME: 'Norrby kommuns kommunledningsförvaltning' }).join()).toMatch(/PUBLISHER_NAME may have at most 32/);
  });

  test('asks for the resource-specific consent that meeting events and unmentioned chat messages need', () => {
    // Without OnlineMeeting.ReadBasic.Chat Teams does not send meetingStart/meetingEnd; without
    // ChatMessage.Read.Chat members must @mention the bot in the body's chat.
    const rsc = filled().authorization.permissions.resourceSpecific as { name: string; type: string }[];
    for (const name of ['OnlineMeeting.ReadBasic.Chat', 'ChannelMeeting.ReadBasic.Group', 'OnlineMeetingParticipant.Read.Chat', 'ChatMessage.Read.Chat', 'ChannelMessage.Read.Group']) {
      expect(rsc).toContainEqual({ name, type: 'Application' });
    }
    expect(filled().bots[0].scopes).toContain('groupChat');
  });
});

describe('validateManifest', () => {
  test.each<[string, (m: Json) => void, RegExp]>([
    ['an unknown top-level field', (m) => (m.colour = 'blå'), /must NOT have additional properties \("colour"\)/],
    ['a bot id that is not a GUID', (m) => (m.bots[0].botId = 'paragraf-bot'), /\/bots\/0\/botId: must match pattern/],
    ['a short description over 80 characters', (m) => (m.description.short = 'x'.repeat(81)), /\/description\/short: must NOT have more than 80 characters/],
    ['an unknown bot scope', (m) => (m.bots[0].scopes = ['personal', 'kanal']), /\/bots\/0\/scopes\/1: must be equal to one of the allowed values/],
    ['a missing required field', (m) => delete m.developer, /must have required property 'developer'/],
    ['a tab URL without https', (m) => (m.staticTabs.find((t: Json) => t.entityId === 'arendelogg').contentUrl = 'paragraf.example.se/tab'), /contentUrl: must match pattern/],
    ['a $schema for another version', (m) => (m.$schema = schemaUrlFor('1.16')), /\/\$schema must be/],
  ])('rejects %s', async (_label, mutate, message) => {
    const m = filled();
    mutate(m);
    const result = await validateManifest(m);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(message);
  });

  test('rejects a manifest without a manifestVersion, and an unknown version', async () => {
    const m = filled();
    delete m.manifestVersion;
    expect((await validateManifest(m)).valid).toBe(false);
    const unknown = await validateManifest({ ...filled(), manifestVersion: '9.99' });
    expect(unknown.valid).toBe(false);
    expect(unknown.errors.join('\n')).toMatch(/No bundled Teams schema for manifest version 9\.99/);
  });
});

describe('fillPlaceholders', () => {
  test('replaces every occurrence, including several in one string, and leaves the template alone', () => {
    const t = template();
    const m = fillPlaceholders(t, SAMPLE_ENV);
    expect(JSON.stringify(m)).not.toContain('${{');
    expect(JSON.stringify(t)).toContain('${{BOT_ID}}');
  });

  test('names every missing variable in one error', () => {
    expect(() => fillPlaceholders(template(), {})).toThrow(MissingVariablesError);
    expect(() => fillPlaceholders(template(), {})).toThrow(/TEAMS_APP_ID, PUBLISHER_NAME, PUBLISHER_WEBSITE_URL, PUBLISHER_PRIVACY_URL, PUBLISHER_TERMS_URL, BOT_ID, BOT_DOMAIN/);
    try {
      fillPlaceholders(template(), { ...PUBLISHER, BOT_ID: SAMPLE_ENV.BOT_ID, BOT_DOMAIN: '   ' });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(MissingVariablesError);
      expect((e as MissingVariablesError).names).toEqual(['TEAMS_APP_ID', 'BOT_DOMAIN']);
      expect((e as Error).message).toMatch(/TEAMS_APP_ID/);
      expect((e as Error).message).toMatch(/BOT_DOMAIN/);
      expect((e as Error).message).not.toMatch(/\bBOT_ID\b/);
    }
  });

  test('a value with quotes stays data, and a malformed placeholder is refused', () => {
    expect(fillPlaceholders({ a: 'x${{ Q }}y' }, { Q: '"}' })).toEqual({ a: 'x"}y' });
    expect(() => fillPlaceholders({ a: '${{BOT_ID' }, SAMPLE_ENV)).toThrow(/Malformed placeholder/);
  });

  test('checkEnvValues catches a URL where a host name belongs, and a non-GUID id', () => {
    expect(checkEnvValues(SAMPLE_ENV)).toEqual([]);
    expect(checkEnvValues({ ...SAMPLE_ENV, BOT_DOMAIN: 'localhost:3978' })).toEqual([]);
    expect(checkEnvValues({ ...SAMPLE_ENV, BOT_DOMAIN: 'https://paragraf.example.se/' }).join()).toMatch(/BOT_DOMAIN/);
    expect(checkEnvValues({ ...SAMPLE_ENV, BOT_ID: 'bot' }).join()).toMatch(/BOT_ID must be a GUID/);
  });
});

describe('icons', () => {
  const color = readPng(fs.readFileSync(path.join(APP_DIR, 'color.png')));
  const outline = readPng(fs.readFileSync(path.join(APP_DIR, 'outline.png')));

  test('color.png is 192×192: a white page with a deep-blue § on deep blue #1F4E79, rendered from icons/color.svg', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    for (const [x, y] of [[0, 0], [191, 0], [0, 191], [191, 191]] as const) expect(pixel(color, x, y)).toEqual([0x1f, 0x4e, 0x79, 255]);
    // the white page, and the § on it in the app's blue
    expect(pixel(color, 60, 150)).toEqual([255, 255, 255, 255]);
    let blueOnPage = 0;
    for (let y = 40; y < 130; y++) for (let x = 60; x < 136; x++) if (pixel(color, x, y).join() === [0x1f, 0x4e, 0x79, 255].join()) blueOnPage++;
    expect(blueOnPage).toBeGreaterThan(500);
    expect(fs.readFileSync(path.join(APP_DIR, 'icons', 'color.svg'), 'utf8')).toContain('§');
  });

  test('outline.png is 32×32 RGBA, transparent around a white glyph', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6); // truecolour with alpha
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) expect(pixel(outline, x, y)[3]).toBe(0);
    let opaque = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = pixel(outline, x, y) as [number, number, number, number];
        if (a > 0) expect([r, g, b]).toEqual([255, 255, 255]); // Teams wants a white-only outline
        if (a === 255) opaque++;
      }
    }
    expect(opaque).toBeGreaterThan(100);
  });
});

describe('buildAppPackage', () => {
  let pkg: Awaited<ReturnType<typeof buildAppPackage>>;
  let entries: ZipRead[];
  beforeAll(async () => {
    pkg = await buildAppPackage(APP_DIR, SAMPLE_ENV, { date: new Date('2026-12-01T12:00:00Z') });
    entries = readZip(pkg.zip);
  });

  test('is reproducible for a fixed date', async () => {
    const again = await buildAppPackage(APP_DIR, SAMPLE_ENV, { date: new Date('2026-12-01T12:00:00Z') });
    expect(again.zip.equals(pkg.zip)).toBe(true);
  });

  test('holds exactly manifest.json, color.png and outline.png at the root, with right CRCs', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    for (const e of entries) expect(e.crc).toBe(refCrc32(e.data));
    for (const icon of ['color.png', 'outline.png']) {
      expect(entries.find((e) => e.name === icon)!.data).toEqual(fs.readFileSync(path.join(APP_DIR, icon)));
    }
  });

  test('its manifest.json is the filled, valid manifest', async () => {
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Json;
    expect(manifest).toEqual(filled());
    expect((await validateManifest(manifest)).valid).toBe(true);
    expect(pkg.schemaVersion).toBe(template().manifestVersion);
  });

  test('refuses to build without the environment, naming what is missing', async () => {
    await expect(buildAppPackage(APP_DIR, { ...PUBLISHER, BOT_ID: SAMPLE_ENV.BOT_ID })).rejects.toThrow(/TEAMS_APP_ID, BOT_DOMAIN/);
    await expect(buildAppPackage(APP_DIR, { ...SAMPLE_ENV, BOT_DOMAIN: 'https://paragraf.example.se' })).rejects.toThrow(/BOT_DOMAIN must be a host name/);
  });

  const unzip = '/usr/bin/unzip';
  test('Info-ZIP agrees that the archive is sound', () => {
    const file = path.join(os.tmpdir(), `paragraf-app-${process.pid}.zip`);
    fs.writeFileSync(file, pkg.zip);
    try {
      const out = execFileSync(unzip, ['-t', file], { encoding: 'utf8' });
      expect(out).toMatch(/No errors detected/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
