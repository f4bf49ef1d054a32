import path from 'node:path';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { saveBeforeAnswering } from './azurite-durability';
import { lockDataDir, type DataDirLock } from './data-dir-lock';

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;
}

export interface EmbeddedAzurite {
  port: number;
  connectionString: string;
  close(): Promise<void>;
}

/**
 * Starts Azurite's table server inside this process. `location` persists to disk (one LokiJS file,
 * saved before each write is answered; see azurite-durability.ts) and is locked to this process;
 * `inMemory` keeps nothing, for tests. Port 0 picks a free port.
 */
export async function startEmbeddedAzurite(opts: { location?: string; inMemory?: boolean; port?: number }): Promise<EmbeddedAzurite> {
  // Azurite's package entry point pulls in its VS Code extension; the table server modules stand alone.
  /* eslint-disable @typescript-eslint/no-var-requires */
  const TableServer = require('azurite/dist/src/table/TableServer').default;
  const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
  const Logger = require('azurite/dist/src/common/Logger');
  Logger.configLogger(false);
  const location = path.resolve(opts.location ?? './.data');
  let lock: DataDirLock | undefined;
  if (!opts.inMemory) {
    fs.mkdirSync(location, { recursive: true });
    lock = lockDataDir(location);
  }
  try {
    const config = new TableConfiguration(
      '127.0.0.1',
      opts.port ?? 0,
      undefined,
      path.join(location, '__azurite_db_table__.json'),
      false, // debug log
      false, // access log
      undefined,
      undefined,
      false, // loose
      false, // skipApiVersionCheck
      '', '', '', undefined,
      false,
      Boolean(opts.inMemory),
    );
    const server = new TableServer(config);
    const durable = opts.inMemory ? undefined : saveBeforeAnswering(server.metadataStore);
    await server.start();
    const address = server.httpServer.address() as AddressInfo;
    return {
      port: address.port,
      connectionString: azuriteConnectionString(address.port),
      close: async () => {
        try {
          // Every answered write is on disk already; close() saves anything else (clean() would delete the data, so it is never called here).
          await durable?.flush();
          await server.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
