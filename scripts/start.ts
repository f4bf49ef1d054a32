/**
 * `npm start`: the bot in local mode with embedded storage (data in ./.data) and Microsoft's Teams
 * emulator (the Microsoft 365 Agents Playground) pointed at it, so a newcomer can click through a
 * meeting without a tenant. `npm start -- --demo` also makes the Playground's group chat a demo body
 * whose cast is the Playground's own users (see the README, "Try a whole meeting alone").
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startParagraf } from '../src/paragraf';
import { ConfigError, loadConfig } from '../src/config';
import { stopOnSignals } from '../src/shutdown';
import { createDemoBody } from '../src/actions/demo/create';
import { PLAYGROUND_USERS } from '../src/domain/demo';
import { portInUseMessage } from './start-messages';

const DEMO_CHAT = { id: '19:paragraf-demo@thread.v2', name: 'Demo: Samråd vård och omsorg' };

/** The Playground's default tenant, with the group chat's id fixed so the demo body can be bound to it before the page opens. */
function demoPlaygroundConfig(): string {
  const user = (u: (typeof PLAYGROUND_USERS)[number]) => {
    const upn = `${u.name.split(' ')[0].toLowerCase()}${u.name.split(' ')[1][0].toLowerCase()}@example.com`;
    return { id: u.id, name: u.name, userPrincipleName: upn, aadObjectId: u.aadObjectId, givenName: u.name.split(' ')[0], surname: u.name.split(' ')[1], email: upn };
  };
  return JSON.stringify({
    version: '0.1.1',
    tenantId: '00000000-0000-0000-0000-0000000000001',
    bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Test Bot' },
    currentUser: user(PLAYGROUND_USERS[0]),
    users: PLAYGROUND_USERS.slice(1).map(user),
    personalChat: { id: 'a:1paragraf-demo-personal-chat' },
    groupChat: DEMO_CHAT,
    team: { id: '19:paragraf-demo-team@thread.tacv2', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: '19:paragraf-demo-announcements@thread.tacv2', name: 'Announcements' }] },
  }, null, 2);
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const config = loadConfig(process.env);
  if (demo && !config.localMode) throw new ConfigError('--demo finns bara i lokalt läge (utan MicrosoftAppId). (--demo is for local mode only.)');
  const paragraf = await startParagraf().catch((err) => {
    const message = portInUseMessage(err, { PORT: config.env.PORT, PARAGRAF_AZURITE_PORT: config.env.PARAGRAF_AZURITE_PORT });
    throw message ? new ConfigError(message) : err;
  });
  const env: NodeJS.ProcessEnv = { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }; // otherwise it tries to open a browser, finds none, and exits
  if (demo) {
    const [alex, ...others] = PLAYGROUND_USERS;
    await createDemoBody(paragraf.services, { conversationId: DEMO_CHAT.id, secretary: alex, members: [alex, ...others], now: new Date(), idempotencyKey: 'npm-start-demo' });
    const configPath = path.resolve(paragraf.config.env.PARAGRAF_DATA_DIR, 'playground-demo.yml');
    fs.mkdirSync(path.dirname(configPath), { recursive: true });
    fs.writeFileSync(configPath, demoPlaygroundConfig());
    env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = configPath;
  }
  const requested = Number(process.env.PLAYGROUND_PORT ?? 56150);
  const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'agentsplayground');
  const playground = spawn(bin, ['-e', `${paragraf.url}/api/messages`, '-c', 'msteams', '--dt', '-p', String(requested)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let announced = false;
  let out = '';
  playground.stdout.on('data', (d) => {
    process.stdout.write(`[playground] ${d}`);
    out += String(d);
    // The Playground moves to a random port when the requested one is taken, and says so only in
    // its log file; "Listening on <port>" on stdout is the real one.
    const m = /Listening on (\d+)/.exec(out);
    if (m && !announced) {
      announced = true;
      banner(paragraf.url, paragraf.config.env.PARAGRAF_DATA_DIR, requested, Number(m[1]), demo);
    }
  });
  playground.stderr.on('data', (d) => process.stderr.write(`[playground] ${d}`));
  playground.on('exit', (code) => {
    console.error(`Agents Playground avslutades (kod ${code}).`);
  });
  stopOnSignals(async () => {
    playground.kill('SIGTERM');
    await paragraf.close();
  });
}

function banner(botUrl: string, dataDir: string, requested: number, port: number, demo: boolean): void {
  console.log('');
  console.log(`  Paragraf kör lokalt på ${botUrl}/api/messages (data i ${dataDir})`);
  if (port !== requested) {
    console.log(`  Port ${requested} var upptagen, så Agents Playground valde port ${port}. Sätt PLAYGROUND_PORT för att välja en annan.`);
    console.log(`  (Port ${requested} was in use; the Playground is on port ${port}. Set PLAYGROUND_PORT to choose.)`);
  }
  console.log(`  Öppna http://localhost:${port} och skriv "hjälp".`);
  if (demo) console.log(`  Demo: välj "${DEMO_CHAT.name}" till vänster; där är du Alex Wilber, sekreterare. Skriv "@Test Bot demo" för rollerna.`);
  console.log('');
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Paragraf kunde inte starta: ${err?.message ?? err}`);
  process.exit(1);
});
