/**
 * The production artefact: `npm run build` compiles src to JavaScript that runs with production
 * dependencies only (`npm ci --omit=dev`), and the whole project type-checks in strict mode (jest
 * runs TypeScript through swc, which does not check types).
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

jest.setTimeout(180_000);

test('the whole project type-checks (strict)', async () => {
  await expect(run(process.execPath, [TSC, '--noEmit', '-p', ROOT], { cwd: ROOT })).resolves.toBeDefined();
});

/** Bare package names imported statically (import … from / require of a literal) by the files reachable from `entry`. */
function staticPackages(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) {
      const spec = (m[1] ?? m[2])!;
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        const next = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
        if (next) visit(next);
      } else if (!spec.startsWith('node:')) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!found.has(name)) found.set(name, path.relative(ROOT, file));
      }
    }
  };
  visit(entry);
  return found;
}

test('every package the running bot imports is a production dependency; tools stay devDependencies', () => {
  const used = staticPackages(path.join(ROOT, 'src', 'main.ts'));
  const missing = [...used].filter(([name]) => !pkg.dependencies[name]).map(([name, file]) => `${name} (${file})`);
  expect(missing).toEqual([]);
  for (const tool of ['azurite', 'tsx', '@microsoft/m365agentsplayground', 'playwright-core', 'jest', 'typescript']) {
    expect(pkg.dependencies[tool]).toBeUndefined();
    expect(pkg.devDependencies[tool]).toBeDefined();
  }
  expect(pkg.dependencies.rimraf ?? pkg.devDependencies.rimraf).toBeUndefined();
});

test('npm run build output starts with node alone and answers /healthz', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-dist-'));
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'paragraf-data-'));
  try {
    await run(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', out], { cwd: ROOT });
    expect(fs.existsSync(path.join(out, 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'cards', 'kallelse', 'kallelse.card.json'))).toBe(true);
    const child = spawn(process.execPath, [path.join(out, 'main.js')], {
      cwd: ROOT,
      // Built outside the repository: NODE_PATH lets it find node_modules as dist/ would beside it.
      env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), PORT: '0', PARAGRAF_AZURITE_PORT: '0', PARAGRAF_DATA_DIR: data, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no "Paragraf listening" within 60 s:\n${seen}`)), 60_000);
        const onData = (d: Buffer) => {
          seen += d.toString();
          const m = seen.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"Paragraf listening"/);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${seen}`)));
      });
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', storage: true });
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
});
