import type restify from 'restify';
import type { Services } from '../../services';
import { entraVerifier, TokenRejectedError, type TabPerson, type TokenVerifier } from './entra-token';
import { verifyDevToken } from './dev-token';

/**
 * Who is calling a tab API: the `Authorization: Bearer` token checked against Entra ID in production,
 * or a development token in local mode. Never both: production has no development path at all.
 */

const verifiers = new WeakMap<Services, TokenVerifier>();

function verifierFor(services: Services): TokenVerifier {
  let v = verifiers.get(services);
  if (!v) {
    const { env, publicUrl } = services.config;
    v = entraVerifier({
      tenantId: env.MicrosoftAppTenantId!,
      appId: env.MicrosoftAppId!,
      domain: new URL(publicUrl).host,
      loginUrl: env.PARAGRAF_ENTRA_LOGIN_URL,
      now: services.clock,
    });
    verifiers.set(services, v);
  }
  return v;
}

function bearerOf(req: restify.Request): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/=-]{1,8192})$/i.exec(h.trim()) : null;
  return m?.[1];
}

/** The signed-in person, or undefined (the reason goes to the log, never to the page). */
export async function tabPersonOf(req: restify.Request, services: Services): Promise<TabPerson | undefined> {
  const token = bearerOf(req);
  if (!token) return undefined;
  try {
    if (services.config.localMode) return await verifyDevToken(services.config.linkSecret, token, services.clock());
    return await verifierFor(services)(token);
  } catch (err) {
    if (!(err instanceof TokenRejectedError)) throw err;
    services.log.warn({ reason: err.message.slice(0, 300) }, 'tab token refused');
    return undefined;
  }
}
