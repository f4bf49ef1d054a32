/**
 * `npm run bench:jobs`: what one minute's scheduled jobs (kallelse, justering and case reminders)
 * cost in storage round trips with 10 and with 1 000 held meetings in the archive. The reminder
 * jobs read the deadline index, not the meetings, so the figures should be the same.
 */
import { TestBot } from '../tests/support/bot';
import { MinuteJobs } from '../tests/support/minute-jobs';

async function main(): Promise<void> {
  const bot = await TestBot.start({ env: { PARAGRAF_DOC_CACHE_MS: '0' } });
  try {
    const jobs = new MinuteJobs(bot);
    await jobs.setUp();
    const rows: string[] = [];
    for (const n of [10, 1000]) {
      await jobs.archiveTo(n);
      const t = await jobs.minute();
      const kinds = Object.entries(t.kinds).filter(([, v]) => v > 0).map(([k, v]) => `${v} ${k}`).join(', ');
      rows.push(`${String(n).padStart(5)} held meetings: ${t.count} round trips (${kinds}), ${t.busyMs.toFixed(0)} ms in storage; jobs: ${t.ran.join(', ')}`);
    }
    console.log("One minute's scheduled jobs (a kallad meeting whose ledamöter have not answered, a meeting under justering):");
    for (const r of rows) console.log(r);
  } finally {
    await bot.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
