import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Paragraf } from '../../src/paragraf';
import { TestBot } from './bot';
import type { FakeConnector } from './connector';

const root = path.join(__dirname, '..', '..');

/** A child loads the whole bot through tsx: 16 s measured on the shared 2-core machine under load. Tests that start children use this timeout. */
export const CHILD_TEST_TIMEOUT = 300_000;

/**
 * `src/main.ts` in a child process, as `npm run bot` runs it (one node process, so a signal reaches
 * the bot itself), in local mode with its data in `dataDir`. Spoken to through POST /api/messages.
 */
export class ChildBot {
  /** Children still running, so a failed test leaves none behind (see `killLeftovers`). */
  private static readonly running = new Set<ChildProcess>();

  private constructor(readonly child: ChildProcess, readonly url: string, private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>) {}

  /** `extraEnv`: e.g. the crash test's PARAGRAF_CRASH_AT. */
  static async start(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildBot> {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv };
    for (const key of Object.keys(env)) if (/^(MicrosoftApp|AZURE_TABLES_)/.test(key)) delete env[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    ChildBot.running.add(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => {
        ChildBot.running.delete(child);
        resolve({ code, signal });
      }),
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the bot did not start within 120 s:\n${output}`));
      }, 120_000);
      child.stderr!.on('data', (d) => (output += d));
      child.stdout!.on('data', (d) => {
        output += d;
        const listening = output.split('\n').find((l) => l.includes('"Paragraf listening"'));
        if (listening) {
          clearTimeout(timer);
          resolve(JSON.parse(listening).url);
        }
      });
      void exited.then(({ code }) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited (code ${code}) before it listened:\n${output}`));
      });
    });
    return new ChildBot(child, url, exited);
  }

  /** SIGKILL to every child this test file started that still runs (for afterEach/afterAll). */
  static async killLeftovers(): Promise<void> {
    await Promise.all(
      [...ChildBot.running].map((child) => {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        return gone;
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** A TestBot whose requests go to the child; it has no services (they live in the child). */
  talk(connector: FakeConnector): TestBot {
    return new TestBot({ url: this.url } as Paragraf, connector);
  }

  /** Sends `signal` and resolves when the process is gone (and reaped, so its pid no longer answers). */
  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }
}
