/**
 * `npm run audit:verify`: checks every audit chain in the store the bot uses
 * (AZURE_TABLES_CONNECTION_STRING / AZURE_TABLES_ACCOUNT_URL, or the embedded Azurite data in
 * PARAGRAF_DATA_DIR), with the key in PARAGRAF_AUDIT_KEY (local mode: the development key).
 * Prints OK, or each problem; exits 1 on any problem. Entries sealed before the key (plain
 * SHA-256) still verify and are listed apart, since storage access alone could have re-sealed them.
 */
import { loadConfig, ConfigError } from '../src/config';
import { auditKey } from '../src/domain/audit-chain';
import { startEmbeddedAzurite, azuriteConnectionString, type EmbeddedAzurite } from '../src/storage/azurite';
import { TableStore } from '../src/storage/table-store';
import { verifyAuditLog, formatProblem, formatHashOnly } from '../src/storage/audit-verify';

async function main(): Promise<number> {
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
    const report = await verifyAuditLog(store, { key: auditKey(config.auditKey) });
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
