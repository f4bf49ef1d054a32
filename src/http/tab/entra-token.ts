import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

/**
 * Checks the single sign-on token a Teams tab gets from `authentication.getAuthToken()`: signed by
 * Entra ID with one of the tenant's published keys (RS256 only), issued for our tenant, for our app
 * (the Application ID URI of the manifest's webApplicationInfo), not expired, with the delegated
 * scope `access_as_user`. jose fetches and caches the keys and refetches on an unknown `kid`.
 */

export interface TabPerson {
  /** Entra ID object id (the token's `oid`): the same aadObjectId the roster links. */
  aadObjectId: string;
  name: string;
}

export class TokenRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

/** Entra ID's keys could not be fetched: nobody's token can be checked now (503, not 401). */
export class KeysUnavailableError extends Error {
  constructor(cause: string) {
    super(`Entra ID signing keys unavailable: ${cause}`);
    this.name = 'KeysUnavailableError';
  }
}

function keysUnreachable(err: unknown): boolean {
  if (!(err instanceof errors.JOSEError)) return true; // fetch failed, aborted, DNS
  return err.code === 'ERR_JWKS_TIMEOUT' || (err.code === 'ERR_JOSE_GENERIC' && /JSON Web Key Set/.test(err.message));
}

export interface EntraOptions {
  tenantId: string;
  appId: string;
  /** The host the tab is served from (BOT_DOMAIN), part of the Application ID URI api://<host>/<app id>. */
  domain: string;
  /** https://login.microsoftonline.com, or a test's key server. */
  loginUrl: string;
  now: () => Date;
}

export type TokenVerifier = (token: string) => Promise<TabPerson>;

export function entraVerifier(o: EntraOptions): TokenVerifier {
  const base = o.loginUrl.replace(/\/+$/, '');
  const tenant = encodeURIComponent(o.tenantId);
  const keys = createRemoteJWKSet(new URL(`${base}/${tenant}/discovery/v2.0/keys`));
  // Teams hands out v1 tokens (sts.windows.net, audience = Application ID URI) unless the app registration asks
  // for v2 (accessTokenAcceptedVersion: 2), whose audience is the bare app id. Both are ours; nothing else is.
  const issuer = [`${base}/${o.tenantId}/v2.0`, `https://sts.windows.net/${o.tenantId}/`];
  const audience = [`api://${o.domain}/${o.appId}`, o.appId];
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256'], clockTolerance: 120, currentDate: o.now() }));
    } catch (err) {
      if (keysUnreachable(err)) throw new KeysUnavailableError((err as Error)?.message ?? String(err));
      throw new TokenRejectedError(`${(err as { code?: string }).code ?? 'ERR'}: ${(err as Error).message}`);
    }
    if (payload.tid !== o.tenantId) throw new TokenRejectedError('token from another tenant');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes('access_as_user')) throw new TokenRejectedError('token lacks the scope access_as_user');
    if (typeof payload.oid !== 'string' || !payload.oid) throw new TokenRejectedError('token has no oid');
    const name = typeof payload.name === 'string' ? payload.name : typeof payload.preferred_username === 'string' ? payload.preferred_username : '';
    return { aadObjectId: payload.oid, name };
  };
}
