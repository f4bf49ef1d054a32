import net from 'node:net';
import { azuriteConnectionString } from '../../src/storage/azurite';

/**
 * A TCP relay in front of Azurite that can make storage hang the way a real account does when
 * it is overloaded or a network path is black-holed: connections are accepted and then nothing
 * comes back. `freeze`: nothing passes either way (writes never land). `mute`: requests reach
 * storage and are carried out, their answers are held (a write lands but the bot never hears
 * so). `thaw`: what was held passes, and traffic flows again.
 */
export class StorageProxy {
  private server?: net.Server;
  private mode: 'open' | 'frozen' | 'muted' = 'open';
  private readonly links = new Set<{ flush(): void; close(): void }>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => this.relay(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get connectionString(): string {
    return azuriteConnectionString(this.port);
  }

  freeze(): void {
    this.mode = 'frozen';
  }

  mute(): void {
    this.mode = 'muted';
  }

  thaw(): void {
    this.mode = 'open';
    for (const link of this.links) link.flush();
  }

  async stop(): Promise<void> {
    for (const link of this.links) link.close();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private relay(client: net.Socket): void {
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const up: Buffer[] = [];
    const down: Buffer[] = [];
    const link = {
      flush: () => {
        for (const b of up.splice(0)) upstream.write(b);
        for (const b of down.splice(0)) client.write(b);
      },
      close: () => {
        client.destroy();
        upstream.destroy();
        this.links.delete(link);
      },
    };
    this.links.add(link);
    client.on('data', (d) => (this.mode === 'frozen' ? up.push(d) : upstream.write(d)));
    upstream.on('data', (d) => (this.mode === 'open' ? client.write(d) : down.push(d)));
    for (const s of [client, upstream]) {
      s.on('error', () => link.close());
      s.on('close', () => link.close());
    }
  }
}
