import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Connector service in Microsoft's cloud (which cannot run here): it
 * records what the bot sends, answers the member list (and one member by id), creates personal conversations, and can
 * be told to answer 429 to test retries. Everything else in tests is real.
 */
export interface Sent {
  conversationId: string;
  kind: 'send' | 'reply' | 'update';
  activity: any;
  at: number;
  /** The activity id the connector answered (for an update: the id that was updated). */
  id: string;
}

export class FakeConnector {
  readonly sent: Sent[] = [];
  members = new Map<string, { id: string; name: string; aadObjectId: string }[]>();
  /** Answer this many requests with 429 before accepting (per conversation, or '*' for all). */
  throttle = new Map<string, number>();
  retryAfterSeconds = 1;
  /**
   * Teams' rate limits, when set: a request over them is answered 429 with Retry-After (whole
   * seconds, until the window has room), as Teams does. `perConversation` counts the activities
   * sent to one conversation; `perSecond` every request that sends or opens a chat.
   */
  limits?: { perConversation?: { ms: number; max: number }[]; perSecond?: number };
  /** The 429s the limits caused: which conversation, when, and the Retry-After given (ms). */
  readonly throttled: { conversationId: string; at: number; retryAfterMs: number }[] = [];
  /** When each request the limits let through was accepted, per conversation ('*': all of them). */
  readonly accepted = new Map<string, number[]>();
  requests = 0;
  private server?: http.Server;
  url = '';
  private nextId = 1;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  mark(): number {
    return this.sent.length;
  }

  since(mark: number): Sent[] {
    return this.sent.slice(mark);
  }

  to(conversationId: string): Sent[] {
    return this.sent.filter((s) => s.conversationId === conversationId);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.requests++;
      const url = decodeURIComponent((req.url ?? '').split('?')[0]);
      const json = body ? JSON.parse(body) : undefined;
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload ?? {}));
      };
      let m: RegExpMatchArray | null;
      if (req.method === 'POST' && url === '/v3/conversations') {
        const wait = this.overLimit(undefined);
        if (wait !== undefined) return this.tooMany(send, '*', wait);
        const member = json?.members?.[0];
        return send(200, { id: `personal:${member?.aadObjectId ?? member?.id}` });
      }
      if ((m = url.match(/^\/v3\/conversations\/([^/]+)\/(paged)?members$/)) && req.method === 'GET') {
        const members = (this.members.get(m[1]) ?? []).map((x) => ({ ...x, userPrincipalName: `${x.aadObjectId}@example.se` }));
        return send(200, m[2] ? { members } : members);
      }
      if ((m = url.match(/^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/)) && req.method === 'GET') {
        // One member by Teams user id, as Teams answers it: 404 MemberNotFoundInConversation for anyone else.
        const found = (this.members.get(m[1]) ?? []).find((x) => x.id === m![2]);
        if (!found) return send(404, { error: { code: 'MemberNotFoundInConversation', message: 'The member is not in the conversation.' } });
        return send(200, { ...found, objectId: found.aadObjectId, userPrincipalName: `${found.aadObjectId}@example.se` });
      }
      if ((m = url.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/))) {
        const conversationId = m[1];
        for (const key of [conversationId, '*']) {
          const left = this.throttle.get(key) ?? 0;
          if (left > 0) {
            this.throttle.set(key, left - 1);
            return send(429, { error: { code: 'Throttled' } }, { 'retry-after': String(this.retryAfterSeconds) });
          }
        }
        const wait = this.overLimit(conversationId);
        if (wait !== undefined) return this.tooMany(send, conversationId, wait);
        const kind: Sent['kind'] = req.method === 'PUT' ? 'update' : m[2] ? 'reply' : 'send';
        const id = kind === 'update' ? m[2] : `act-${this.nextId++}`;
        this.sent.push({ conversationId, kind, activity: json, at: Date.now(), id });
        return send(200, { id });
      }
      send(404, { error: `fake connector: no route for ${req.method} ${url}` });
    });
  }

  /** Undefined when the request is within the limits (and is then counted), else ms until it would be. */
  private overLimit(conversationId: string | undefined): number | undefined {
    if (!this.limits) return undefined;
    const now = Date.now();
    const checks: [string, { ms: number; max: number }[]][] = [['*', this.limits.perSecond ? [{ ms: 1000, max: this.limits.perSecond }] : []]];
    if (conversationId !== undefined) checks.push([conversationId, this.limits.perConversation ?? []]);
    let wait = 0;
    for (const [key, windows] of checks) {
      const times = this.accepted.get(key) ?? [];
      for (const w of windows) {
        const inside = times.filter((t) => t > now - w.ms);
        if (inside.length >= w.max) wait = Math.max(wait, inside[inside.length - w.max] + w.ms - now);
      }
    }
    if (wait > 0) return wait;
    for (const [key] of checks) this.accepted.set(key, [...(this.accepted.get(key) ?? []), now]);
    return undefined;
  }

  private tooMany(send: (status: number, payload: unknown, headers?: Record<string, string>) => void, conversationId: string, waitMs: number): void {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    this.throttled.push({ conversationId, at: Date.now(), retryAfterMs: seconds * 1000 });
    send(429, { error: { code: 'Throttled', message: 'Too many requests' } }, { 'retry-after': String(seconds) });
  }
}
