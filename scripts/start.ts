/**
 * `npm start`: the bot in local mode with embedded storage (data in ./.data) and Microsoft's Teams
 * emulator (the Microsoft 365 Agents Playground) pointed at it, so a newcomer can click through a
 * meeting at http://localhost:56150 without a tenant.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startParagraf } from '../src/paragraf';
import { ConfigError } from '../src/config';
import { stopOnSignals } from '../src/shutdown';

async function main(): Promise<void> {
  const paragraf = await startParagraf();
  const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
  const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'agentsplayground');
  const playground = spawn(bin, ['-e', `${paragraf.url}/api/messages`, '-c', 'msteams', '--dt', '-p', String(playgroundPort)], {
    // Without this the Playground tries to open a browser, finds none, and exits.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  playground.stdout.on('data', (d) => process.stdout.write(`[playground] ${d}`));
  playground.stderr.on('data', (d) => process.stderr.write(`[playground] ${d}`));
  playground.on('exit', (code) => {
    console.error(`Agents Playground avslutades (kod ${code}).`);
  });
  console.log('');
  console.log(`  Paragraf kör lokalt på ${paragraf.url}/api/messages (data i ${paragraf.config.env.PARAGRAF_DATA_DIR})`);
  console.log(`  Öppna http://localhost:${playgroundPort} och skriv "hjälp".`);
  console.log('');
  stopOnSignals(async () => {
    playground.kill('SIGTERM');
    await paragraf.close();
  });
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `Paragraf kunde inte starta: ${err?.message ?? err}`);
  process.exit(1);
});
