import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links for pages and files the bot serves (the ärendelogg tab, protocol
 * documents). The signature is HMAC-SHA256 over the path, the signed parameters (sorted) and the
 * expiry, so a link cannot be moved to another body or document, or kept past `exp`.
 */

function canonical(path: string, params: Record<string, string>): string {
  const keys = Object.keys(params).sort();
  return `${path}?${keys.map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`).join('&')}`;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** `path?<params>&exp=<unix seconds>&sig=<hmac>`; ttl in seconds. */
export function signUrl(path: string, params: Record<string, string>, secret: string, ttl: number, now: Date = new Date()): string {
  const exp = String(Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttl)));
  const signed = { ...params, exp };
  const sig = mac(secret, canonical(path, signed));
  const qs = new URLSearchParams({ ...signed, sig });
  return `${path}?${qs.toString()}`;
}

export interface VerifyOptions {
  /** Which query parameters were signed (besides exp); default: every parameter except sig. Others (e.g. filters) are free. */
  keys?: string[];
  now?: Date;
}

/** True when the query carries a valid, unexpired signature for this path. */
export function verify(path: string, query: Record<string, unknown>, secret: string, opts: VerifyOptions = {}): boolean {
  const sig = query.sig;
  const exp = query.exp;
  if (typeof sig !== 'string' || typeof exp !== 'string' || !/^\d{1,12}$/.test(exp)) return false;
  if (Number(exp) * 1000 < (opts.now ?? new Date()).getTime()) return false;
  const keys = opts.keys ?? Object.keys(query).filter((k) => k !== 'sig' && k !== 'exp');
  const signed: Record<string, string> = { exp };
  for (const k of keys) {
    const v = query[k];
    if (typeof v !== 'string') return false;
    signed[k] = v;
  }
  const expected = Buffer.from(mac(secret, canonical(path, signed)));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
