import { z } from 'zod';
import { DEV_AUDIT_KEY } from './domain/audit-chain';

/** Configuration read from the environment once at start-up; a bad value stops the start and names the variable. */
const optionalText = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));

/** Shorter HMAC keys for the signed links can be guessed offline from one captured link. */
export const MIN_LINK_SECRET_LENGTH = 32;

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppCertificateThumbprint: optionalText,
    MicrosoftAppCertificatePrivateKey: optionalText,
    AZURE_TABLES_CONNECTION_STRING: optionalText,
    AZURE_TABLES_ACCOUNT_URL: z.string().url().optional(),
    PARAGRAF_DATA_DIR: z.string().default('./.data'),
    PARAGRAF_AZURITE_PORT: z.coerce.number().int().min(0).max(65535).default(10002),
    PARAGRAF_PUBLIC_URL: z.string().url().optional(),
    PARAGRAF_LINK_SECRET: optionalText,
    /** Entra ID's sign-in host: the tab's single sign-on tokens are checked against its keys (tests point it at a local key server). */
    PARAGRAF_ENTRA_LOGIN_URL: z.string().url().default('https://login.microsoftonline.com'),
    /** Seals the audit chain (HMAC-SHA-256); kept outside Table Storage so storage access alone cannot re-seal an edit. */
    PARAGRAF_AUDIT_KEY: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
    /** Milliseconds a body or meeting document this instance read or wrote is reused without reading it again; 0 turns the cache off. */
    PARAGRAF_DOC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    /** Milliseconds the public anslagstavla serves its rows from memory before reading them again (how soon another instance's anslag shows). */
    PARAGRAF_ANSLAGSTAVLA_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** Milliseconds a storage call, and all the storage calls of one activity together, may take; then the user is told to try again. */
    PARAGRAF_STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3500),
    /** Requests per second this instance's outbox makes to Teams' connector (Teams allows 50 per app and tenant, all instances together). */
    PARAGRAF_OUTBOX_PER_SECOND: z.coerce.number().min(1).max(50).default(20),
    /** Turns on OpenTelemetry to Application Insights (traces, metrics); unset, nothing of it is loaded. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.MicrosoftAppId) {
      for (const r of requiredInProduction) if (!r.present(env)) ctx.addIssue({ code: 'custom', path: [r.variable], message: r.message });
    }
    const hasCredential = Boolean(env.MicrosoftAppPassword || env.MicrosoftAppCertificateThumbprint);
    if (env.MicrosoftAppId && !hasCredential && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'MicrosoftAppId is set: also set MicrosoftAppPassword or a certificate' });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'MicrosoftAppId is set: also set MicrosoftAppTenantId' });
    }
    if (!env.MicrosoftAppId && (env.MicrosoftAppPassword || env.MicrosoftAppTenantId)) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'bot credentials are set but MicrosoftAppId is missing' });
    }
  });

export type Env = z.infer<typeof schema>;

/**
 * What production mode (MicrosoftAppId set) cannot run without, one line each. Each would otherwise
 * fall back to a local-mode default that looks healthy and is wrong: data in the embedded emulator,
 * links to 127.0.0.1, links signed with the public development secret.
 */
const requiredInProduction: { variable: keyof Env; present(env: Env): boolean; message: string }[] = [
  { variable: 'AZURE_TABLES_CONNECTION_STRING', present: (env) => isSet(env, 'AZURE_TABLES_CONNECTION_STRING') || isSet(env, 'AZURE_TABLES_ACCOUNT_URL'), message: required(', eller AZURE_TABLES_ACCOUNT_URL', ', or AZURE_TABLES_ACCOUNT_URL: without either the data would live in the embedded emulator') },
  { variable: 'PARAGRAF_PUBLIC_URL', present: (env) => isSet(env, 'PARAGRAF_PUBLIC_URL'), message: required('', ': the base of document, ICS and tab links; the default is 127.0.0.1') },
  { variable: 'PARAGRAF_LINK_SECRET', present: (env) => (env.PARAGRAF_LINK_SECRET ?? '').length >= MIN_LINK_SECRET_LENGTH, message: required(`, minst ${MIN_LINK_SECRET_LENGTH} tecken`, `, at least ${MIN_LINK_SECRET_LENGTH} characters: signs document and tab links`) },
  { variable: 'PARAGRAF_AUDIT_KEY', present: (env) => isSet(env, 'PARAGRAF_AUDIT_KEY'), message: required(', minst 32 tecken', ', at least 32 characters: seals the audit log') },
];

function isSet(env: Env, variable: keyof Env): boolean {
  return env[variable] !== undefined && env[variable] !== '';
}

function required(sv: string, en: string): string {
  return `krävs i produktionsläge${sv} (required in production mode${en})`;
}

export interface Config {
  env: Env;
  /** Local mode: no bot credentials, no token validation, loopback only. */
  localMode: boolean;
  host: string;
  port: number;
  publicUrl: string;
  linkSecret: string;
  /** The audit chain's key: PARAGRAF_AUDIT_KEY, or in local mode the public development key. */
  auditKey: string;
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Ogiltig konfiguration (invalid configuration):\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const localMode = !env.MicrosoftAppId;
  const host = localMode ? '127.0.0.1' : '0.0.0.0';
  const publicUrl = env.PARAGRAF_PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}`;
  // In local mode links are signed with a fixed development secret: there is no one to keep it from.
  const linkSecret = env.PARAGRAF_LINK_SECRET ?? 'paragraf-local-development-secret';
  // Production mode cannot get here without its own audit key (requiredInProduction); local mode uses
  // the fixed development key, as it does for links.
  return { env, localMode, host, port: env.PORT, publicUrl, linkSecret, auditKey: env.PARAGRAF_AUDIT_KEY ?? DEV_AUDIT_KEY };
}
