import pino from 'pino';

/**
 * Where a secret could turn up in a log object: authorization headers at any depth we log,
 * passwords, tokens, keys, connection strings. They are replaced, never written.
 */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  '*.*.authorization',
  '*.*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'req.headers.authorization',
  '*.password',
  '*.MicrosoftAppPassword',
  '*.MicrosoftAppCertificatePrivateKey',
  '*.PARAGRAF_LINK_SECRET',
  '*.PARAGRAF_AUDIT_KEY',
  '*.auditKey',
  '*.AZURE_TABLES_CONNECTION_STRING',
  '*.connectionString',
  '*.APPLICATIONINSIGHTS_CONNECTION_STRING',
  '*.token',
  '*.accessToken',
  '*.access_token',
];

/**
 * Structured logs (JSON lines); tokens and secrets never reach them. `destination` lets tests read
 * them; `fields` adds to every line (the trace_id and span_id of the active span, see telemetry).
 */
export function createLogger(level: string, destination?: pino.DestinationStream, fields?: () => Record<string, string>): pino.Logger {
  const options: pino.LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, ...(fields ? { mixin: fields } : {}) };
  return destination ? pino(options, destination) : pino(options);
}
