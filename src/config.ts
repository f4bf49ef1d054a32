import { z } from 'zod';
import { DEV_AUDIT_KEY } from './domain/audit-chain';

/** Configuration read from the environment once at start-up; a bad value stops the start and names the variable. */
const optionalText = z.string().trim().min(1).optional().or(z.literal('').transform(() => undefined));

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
    /** Seals the audit chain (HMAC-SHA-256); kept outside Table Storage so storage access alone cannot re-seal an edit. */
    PARAGRAF_AUDIT_KEY: optionalText.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
    /** Milliseconds a body or meeting document this instance read or wrote is reused without reading it again; 0 turns the cache off. */
    PARAGRAF_DOC_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    /** Milliseconds a storage call, and all the storage calls of one activity together, may take; then the user is told to try again. */
    PARAGRAF_STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3500),
    /** Turns on OpenTelemetry to Application Insights (traces, metrics); unset, nothing of it is loaded. */
    APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
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
  if (!localMode && !env.PARAGRAF_LINK_SECRET) {
    throw new ConfigError('Ogiltig konfiguration (invalid configuration):\n  PARAGRAF_LINK_SECRET: required in production mode (signs document and tab links)');
  }
  // In local mode links are signed with a fixed development secret: there is no one to keep it from.
  const linkSecret = env.PARAGRAF_LINK_SECRET ?? 'paragraf-local-development-secret';
  return { env, localMode, host, port: env.PORT, publicUrl, linkSecret, auditKey: auditKeyOf(env, localMode) };
}

/** Production mode needs its own audit key; local mode falls back to the fixed development key, as it does for links. */
function auditKeyOf(env: Env, localMode: boolean): string {
  if (env.PARAGRAF_AUDIT_KEY) return env.PARAGRAF_AUDIT_KEY;
  if (!localMode) throw new ConfigError('Ogiltig konfiguration (invalid configuration):\n  PARAGRAF_AUDIT_KEY: required in production mode, at least 32 characters (seals the audit log)');
  return DEV_AUDIT_KEY;
}
