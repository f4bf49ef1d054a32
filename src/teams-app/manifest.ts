import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { zipSync } from 'fflate';

/** The variables appPackage/manifest.json refers to as `${{NAME}}`. */
export const REQUIRED_ENV = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'BOT_DOMAIN',
  // The publisher Teams shows in the app's details: the municipality or its supplier, never a placeholder.
  'PUBLISHER_NAME',
  'PUBLISHER_WEBSITE_URL',
  'PUBLISHER_PRIVACY_URL',
  'PUBLISHER_TERMS_URL',
] as const;

/** `${{NAME}}` as Teams Toolkit / Microsoft 365 Agents Toolkit write it (inner spaces allowed). */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type EnvLike = Readonly<Record<string, string | undefined>>;

export class MissingVariablesError extends Error {
  constructor(readonly names: readonly string[]) {
    super(
      `Missing environment variable${names.length === 1 ? '' : 's'} for the Teams app manifest: ${names.join(', ')}. ` +
        `Set ${names.length === 1 ? 'it' : 'them'} (e.g. ${names.map((n) => `${n}=…`).join(' ')}) and run again.`,
    );
    this.name = 'MissingVariablesError';
  }
}

export class ManifestValidationError extends Error {
  constructor(readonly errors: readonly string[], readonly schemaVersion: string) {
    super(`appPackage/manifest.json does not validate against Teams schema v${schemaVersion}:\n  ${errors.join('\n  ')}`);
    this.name = 'ManifestValidationError';
  }
}

function walkStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walkStrings(v, fn);
    return out;
  }
  return value;
}

/** The distinct placeholder names in every string value of `manifest`, in order of first appearance. */
export function placeholdersIn(manifest: unknown): string[] {
  const names = new Set<string>();
  walkStrings(manifest, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1]!);
    return s;
  });
  return [...names];
}

/**
 * Returns a copy of `manifest` with every `${{NAME}}` in a string value replaced by `env.NAME`. Throws a
 * MissingVariablesError naming every variable that is unset or blank, and an Error if a malformed `${{`
 * would be left behind. Values go in as data (the manifest is an object, not JSON text), so a quote in a
 * value cannot break the JSON.
 */
export function fillPlaceholders<T>(manifest: T, env: EnvLike): T {
  const missing = placeholdersIn(manifest).filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new MissingVariablesError(missing);
  const filled = walkStrings(manifest, (s) => s.replace(PLACEHOLDER, (_m, name: string) => env[name]!.trim()));
  const leftover: string[] = [];
  walkStrings(filled, (s) => {
    if (s.includes('${{')) leftover.push(s);
    return s;
  });
  if (leftover.length > 0) throw new Error(`Malformed placeholder left in manifest: ${leftover.map((s) => JSON.stringify(s)).join(', ')}`);
  return filled as T;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST = /^(?=.{1,253}(:\d+)?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:\d{1,5})?$/;

/**
 * Checks the values of the known variables where the schema would let a mistake through or name it
 * obscurely: the ids must be GUIDs, BOT_DOMAIN a bare host name (no https://, no path).
 */
export function checkEnvValues(env: EnvLike): string[] {
  const problems: string[] = [];
  for (const name of ['TEAMS_APP_ID', 'BOT_ID'] as const) {
    const v = env[name]?.trim();
    if (v && !GUID.test(v)) problems.push(`${name} must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got "${v}"`);
  }
  const domain = env.BOT_DOMAIN?.trim();
  if (domain && !HOST.test(domain)) {
    problems.push(`BOT_DOMAIN must be a host name such as paragraf.example.se (no scheme, no path), got "${domain}"`);
  }
  const publisher = env.PUBLISHER_NAME?.trim();
  if (publisher && publisher.length > 32) problems.push(`PUBLISHER_NAME may have at most 32 characters (Teams' limit), got ${publisher.length}`);
  for (const name of ['PUBLISHER_WEBSITE_URL', 'PUBLISHER_PRIVACY_URL', 'PUBLISHER_TERMS_URL'] as const) {
    const v = env[name]?.trim();
    if (v && !isHttpsUrl(v)) problems.push(`${name} must be an https:// address, got "${v}"`);
  }
  return problems;
}

function isHttpsUrl(v: string): boolean {
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The `$schema` URL Microsoft publishes for a manifest version. */
export function schemaUrlFor(version: string): string {
  return `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
}

/** Directory of the Teams JSON schemas bundled in @microsoft/app-manifest. */
export function bundledSchemaDir(): string {
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
}

/** Manifest versions whose schema is bundled, oldest first (devPreview excluded). */
export function bundledSchemaVersions(): string[] {
  return fs
    .readdirSync(bundledSchemaDir())
    .filter((d) => /^v\d+\.\d+$/.test(d) && fs.existsSync(path.join(bundledSchemaDir(), d, 'MicrosoftTeams.schema.json')))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [a1, a2] = a.split('.').map(Number) as [number, number];
      const [b1, b2] = b.split('.').map(Number) as [number, number];
      return a1 - b1 || a2 - b2;
    });
}

/** Loads the Teams JSON schema bundled in @microsoft/app-manifest for a manifest version. */
export function loadTeamsSchema(version: string): Record<string, unknown> {
  if (!/^\d+\.\d+$/.test(version)) throw new Error(`bad manifest version "${version}"`);
  const file = path.join(bundledSchemaDir(), `v${version}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) {
    throw new Error(`No bundled Teams schema for manifest version ${version} (have ${bundledSchemaVersions().join(', ')})`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export interface ValidationResult {
  valid: boolean;
  /** Manifest version the manifest was checked against (its `manifestVersion`). */
  schemaVersion: string;
  errors: string[];
}

/**
 * Validates a (filled) manifest with Microsoft's own validator (@microsoft/app-manifest, draft-04
 * Ajv) against the bundled schema for its own `manifestVersion` — never fetched, so packaging works
 * offline — and checks that `$schema`, if present, names that same version.
 */
export async function validateManifest(manifest: unknown): Promise<ValidationResult> {
  const m = manifest as { manifestVersion?: unknown; $schema?: unknown } | null;
  const version = m && typeof m === 'object' && typeof m.manifestVersion === 'string' ? m.manifestVersion : undefined;
  if (!version) return { valid: false, schemaVersion: '?', errors: ['/manifestVersion: must be a string such as "1.17"'] };
  let schema: Record<string, unknown>;
  try {
    schema = loadTeamsSchema(version);
  } catch (err) {
    return { valid: false, schemaVersion: version, errors: [`/manifestVersion: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const errors = (await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never)).map(readable);
  if (m!.$schema !== undefined && m!.$schema !== schemaUrlFor(version)) {
    errors.push(`/$schema must be ${schemaUrlFor(version)} to match manifestVersion ${version}`);
  }
  return { valid: errors.length === 0, schemaVersion: version, errors };
}

/**
 * The library's message ("/bots/0/botId must match pattern "…". Details: {…}") as "<where>: <what>",
 * with the one detail a person needs: the unknown property's name or the allowed values.
 */
function readable(message: string): string {
  const m = message.match(/^(\S*) (.*?)(?:\. Details: (\{.*\}))?$/s);
  if (!m) return message;
  const [, where, what, details] = m;
  let extra = '';
  try {
    const d = details ? (JSON.parse(details) as Record<string, unknown>) : {};
    if (typeof d.additionalProperty === 'string') extra = ` ("${d.additionalProperty}")`;
    else if (Array.isArray(d.allowedValues)) extra = ` (${JSON.stringify(d.allowedValues)})`;
  } catch {
    // details that are not JSON are left out
  }
  return `${where || '/'}: ${what}${extra}`;
}

/** Width and height from a PNG's IHDR chunk (the icons are checked for size, nothing more). */
export function readPngHeader(data: Buffer): { width: number; height: number } {
  const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 24 || !data.subarray(0, 8).equals(SIGNATURE) || data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 } as const;

export interface AppPackage {
  zip: Buffer;
  manifest: Record<string, unknown>;
  schemaVersion: string;
  files: string[];
}

/**
 * Reads `<dir>/manifest.json`, fills its placeholders from `env`, validates it, checks the icons it
 * names (PNG, right size) and returns the Teams app package: manifest.json and the icons at the zip root.
 */
export async function buildAppPackage(dir: string, env: EnvLike, options: { date?: Date } = {}): Promise<AppPackage> {
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const manifest = fillPlaceholders(template, env);
  const used = new Set(placeholdersIn(template));
  const problems = checkEnvValues(Object.fromEntries(Object.entries(env).filter(([k]) => used.has(k))));
  if (problems.length > 0) throw new Error(`Bad environment variable${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  const result = await validateManifest(manifest);
  if (!result.valid) throw new ManifestValidationError(result.errors, result.schemaVersion);

  const entries = [{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') }];
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const rel = icons[kind];
    if (!rel) continue;
    if (rel.includes('/') || rel.includes('\\')) throw new Error(`icons.${kind} must be a file beside manifest.json, got "${rel}"`);
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) throw new Error(`icons.${kind}: ${file} does not exist (render it from appPackage/icons/, see the README)`);
    const data = fs.readFileSync(file);
    const h = readPngHeader(data);
    if (h.width !== size || h.height !== size) throw new Error(`icons.${kind}: ${rel} is ${h.width}x${h.height}, Teams wants ${size}x${size}`);
    if (!entries.some((e) => e.name === rel)) entries.push({ name: rel, data });
  }
  // A fixed date makes the package reproducible; fflate computes the CRCs and deflates.
  const mtime = options.date ?? new Date('2026-01-01T00:00:00Z');
  const zip = Buffer.from(zipSync(Object.fromEntries(entries.map((e) => [e.name, [new Uint8Array(e.data), { level: 9, mtime }]]))));
  return { zip, manifest, schemaVersion: result.schemaVersion, files: entries.map((e) => e.name) };
}
