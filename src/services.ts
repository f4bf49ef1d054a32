import type { Logger } from 'pino';
import type { Config } from './config';
import type { TableStore } from './storage/table-store';
import { ConversationRepo } from './storage/conversations';

/** Everything a handler may use, wired once at start-up (and in tests, against Azurite). */
export interface Services {
  config: Config;
  store: TableStore;
  log: Logger;
  clock: () => Date;
  conversations: ConversationRepo;
}

export function createServices(config: Config, store: TableStore, log: Logger, clock: () => Date = () => new Date()): Services {
  return {
    config,
    store,
    log,
    clock,
    conversations: new ConversationRepo(store),
  };
}
