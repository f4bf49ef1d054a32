import pino from 'pino';

/** Structured logs; tokens and secrets never reach them (authorization headers are redacted). */
export function createLogger(level: string): pino.Logger {
  return pino({ level, redact: ['req.headers.authorization', '*.authorization', '*.MicrosoftAppPassword', '*.token'] });
}
