import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { TabPerson } from './entra-token';
import { TokenRejectedError } from './entra-token';

/**
 * Local mode has no Entra ID: the tab asks for a development session as one of the people linked on
 * a roster ("Lokalt läge") and gets a short-lived token signed with the local link secret. Only the
 * local-mode identity check reads these; production never does (src/http/tab/identity.ts).
 */

const ISSUER = 'paragraf-lokalt-lage';
const AUDIENCE = 'paragraf-tab';
const TTL_SECONDS = 8 * 3600;

function keyOf(linkSecret: string): Uint8Array {
  return createHash('sha256').update(`tab-dev-session|${linkSecret}`).digest();
}

export async function issueDevToken(linkSecret: string, who: TabPerson, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ name: who.name })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(who.aadObjectId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL_SECONDS)
    .sign(keyOf(linkSecret));
}

export async function verifyDevToken(linkSecret: string, token: string, now: Date): Promise<TabPerson> {
  try {
    const { payload } = await jwtVerify(token, keyOf(linkSecret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    if (!payload.sub) throw new Error('no subject');
    return { aadObjectId: payload.sub, name: typeof payload.name === 'string' ? payload.name : '' };
  } catch (err) {
    throw new TokenRejectedError(`development token: ${(err as Error).message}`);
  }
}
