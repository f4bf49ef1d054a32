import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startParagraf } from '../../src/paragraf';
import { FakeConnector } from '../support/connector';
import { TestBot, groupChat, person } from '../support/bot';

/** The local default: embedded Azurite with its data on disk survives a restart of the bot. */
test('a message reaches the bot, is stored in the embedded Azure Tables, and is still there after a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-data-'));
  const env = { PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const connector = await new FakeConnector().start();
  const conv = groupChat('persist');
  try {
    const first = new TestBot(await startParagraf({ env, startOutbox: false }), connector);
    const ex = await first.say(person('Maria Lind'), conv, 'hjälp');
    expect(ex.cards).toHaveLength(1);
    await first.paragraf.close();
    expect(fs.readdirSync(dataDir).some((f) => f.includes('table'))).toBe(true);

    const second = await startParagraf({ env, startOutbox: false });
    try {
      const ref = await second.services.conversations.get(conv.id);
      expect(ref?.conversation?.id).toBe(conv.id);
      expect(ref?.serviceUrl).toBe(connector.url);
    } finally {
      await second.close();
    }
  } finally {
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
