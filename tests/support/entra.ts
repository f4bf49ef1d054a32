import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import type { Person } from './bot';

/**
 * A stand-in for Entra ID's key endpoint: serves a JWKS on 127.0.0.1 at /<tenant>/discovery/v2.0/keys
 * (point PARAGRAF_ENTRA_LOGIN_URL at `url`) and signs tokens shaped like the ones Teams' getAuthToken
 * returns (v1: issuer sts.windows.net, audience api://<domain>/<app id>, scope access_as_user).
 */

export interface TokenOptions { iss?: string; aud?: string; exp?: number; signWith?: CryptoKey }

export class FakeEntra {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly tenant: string,
    readonly audience: string,
    private readonly key: CryptoKey,
    private readonly clock: () => Date,
  ) {}

  static async start(o: { tenant: string; audience: string; clock: () => Date }): Promise<FakeEntra> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', use: 'sig', alg: 'RS256' };
    const server = createServer((req, res) => {
      // (restify patches http.ServerResponse in this process: writeHead does not return the response)
      if (req.url !== `/${o.tenant}/discovery/v2.0/keys`) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return new FakeEntra(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, o.tenant, o.audience, pair.privateKey, o.clock);
  }

  token(who: Person, claims: JWTPayload = {}, opts: TokenOptions = {}): Promise<string> {
    const now = Math.floor(this.clock().getTime() / 1000);
    return new SignJWT({ tid: this.tenant, oid: who.aadObjectId, name: who.name, scp: 'access_as_user', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
      .setIssuer(opts.iss ?? `https://sts.windows.net/${this.tenant}/`)
      .setAudience(opts.aud ?? this.audience)
      .setIssuedAt(now - 60)
      .setNotBefore(now - 60)
      .setExpirationTime(opts.exp ?? now + 3600)
      .sign(opts.signWith ?? this.key);
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
