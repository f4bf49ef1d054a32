/**
 * Builds the Teams app package: appPackage/manifest.json with ${{TEAMS_APP_ID}}, ${{BOT_ID}} and
 * ${{BOT_DOMAIN}} filled from the environment, validated against the bundled Teams schema, zipped with
 * color.png and outline.png into appPackage/build/appPackage.zip.
 *   TEAMS_APP_ID=… BOT_ID=… BOT_DOMAIN=paragraf.example.se PUBLISHER_…=… npm run package
 *   npm run package -- --env prod      (reads env/.env.prod; see env/.env.example)
 * Variables already set in the environment win over the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAppPackage } from '../src/teams-app/manifest';

async function main(): Promise<number> {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  const out = path.join(dir, 'build', 'appPackage.zip');
  try {
    const envName = process.argv[process.argv.indexOf('--env') + 1];
    if (process.argv.includes('--env')) {
      if (!envName || !/^[a-z0-9-]+$/i.test(envName)) throw new Error('--env needs a name such as prod (reads env/.env.prod)');
      const file = path.resolve(__dirname, '..', 'env', `.env.${envName}`);
      if (!fs.existsSync(file)) throw new Error(`${path.relative(process.cwd(), file)} does not exist (copy env/.env.example)`);
      process.loadEnvFile(file);
    }
    const pkg = await buildAppPackage(dir, process.env, { date: new Date() });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, pkg.zip);
    console.log(
      `${path.relative(process.cwd(), out)}: ${pkg.files.join(', ')} ` +
        `(manifest v${pkg.schemaVersion} validated, ${pkg.zip.length} bytes)`,
    );
    return 0;
  } catch (err) {
    console.error(`package-app: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

void main().then((code) => (process.exitCode = code));
