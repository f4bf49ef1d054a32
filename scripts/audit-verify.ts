/**
 * `npm run audit:verify`: checks every audit chain in the store the bot uses
 * (AZURE_TABLES_CONNECTION_STRING / AZURE_TABLES_ACCOUNT_URL, or the embedded Azurite data in
 * PARAGRAF_DATA_DIR), with the key in PARAGRAF_AUDIT_KEY (local mode: the development key).
 * Prints OK, or each problem; exits 1 on any problem. Entries sealed before the key (plain
 * SHA-256) still verify and are listed apart, since storage access alone could have re-sealed them.
 * `--heads <file>` (repeatable): the bot's log, whose "audit head" lines anchor each chain's newest
 * entry outside the store; a chain now shorter or different than the log saw is a problem.
 */
import { readFileSync } from 'node:fs';
import { loadConfig, ConfigError } from '../src/config';
import { auditKey } from '../src/domain/audit-chain';
import { startEmbeddedAzurite, azuriteConnectionString, type EmbeddedAzurite } from '../src/storage/azurite';
import { TableStore } from '../src/storage/table-store';
import { verifyAuditLog, formatProblem, formatHashOnly } from '../src/storage/audit-verify';
import { parseHeads } from '../src/storage/audit-heads';

/** The text of every `--heads <file>` argument, joined; undefined when none is given. */
function headsText(args: string[]): string | undefined {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--heads' && args[i + 1]) files.push(args[++i]);
    else if (args[i].startsWith('--heads=')) files.push(args[i].slice('--heads='.length));
    else throw new ConfigError(`Okänt argument: ${args[i]}. Använd: npm run audit:verify [-- --heads <loggfil>]`);
  }
  return files.length ? files.map((f) => readFileSync(f, 'utf8')).join('\n') : undefined;
}

async function main(): Promise<number> {
  const text = headsText(process.argv.slice(2));
  const heads = text === undefined ? undefined : parseHeads(text);
  const config = loadConfig(process.env);
  const env = config.env;
  let azurite: EmbeddedAzurite | undefined;
  let store: TableStore;
  if (env.AZURE_TABLES_CONNECTION_STRING || env.AZURE_TABLES_ACCOUNT_URL) {
    store = new TableStore({ connectionString: env.AZURE_TABLES_CONNECTION_STRING, accountUrl: env.AZURE_TABLES_ACCOUNT_URL });
  } else {
    // A running bot owns the data file; read through its Azurite rather than open the file twice.
    const running = new TableStore({ connectionString: azuriteConnectionString(env.PARAGRAF_AZURITE_PORT), maxRetries: 0 });
    if (env.PARAGRAF_AZURITE_PORT !== 0 && (await running.ping())) {
      store = running;
    } else {
      azurite = await startEmbeddedAzurite({ location: env.PARAGRAF_DATA_DIR, port: 0 });
      store = new TableStore({ connectionString: azurite.connectionString });
    }
  }
  try {
    const report = await verifyAuditLog(store, { key: auditKey(config.auditKey), heads });
    if (heads) console.log(`Kedjehuvuden från loggen jämförs med lagringen (${heads.size} st).`);
    if (config.localMode && !env.PARAGRAF_AUDIT_KEY) console.log('Lokalt läge: loggen kontrolleras med utvecklingsnyckeln (PARAGRAF_AUDIT_KEY är inte satt).');
    if (report.hashOnly.length) {
      const n = report.hashOnly.reduce((sum, h) => sum + h.seqs.length, 0);
      console.log(`OBS: ${n} loggposter i ${report.hashOnly.length} dokument är bara hash-förseglade (från före PARAGRAF_AUDIT_KEY). De stämmer, men den som kan skriva i lagringen kunde ha räknat om dem:`);
      for (const h of report.hashOnly) console.log(`  ${formatHashOnly(h)}`);
    }
    if (report.problems.length === 0) {
      console.log(`OK: ${report.partitions} dokument och ${report.entries} loggposter kontrollerade, inga avvikelser.`);
      return 0;
    }
    console.log(`FEL: ${report.problems.length} avvikelser i ${report.partitions} dokument (${report.entries} loggposter):`);
    for (const p of report.problems) console.log(`  ${formatProblem(p)}`);
    return 1;
  } finally {
    await azurite?.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err instanceof ConfigError ? err.message : `Kontrollen kunde inte köras: ${err?.message ?? err}`);
    process.exit(2);
  });
