/**
 * For the crash test only (tests/bot/effects-crash.test.ts): `PARAGRAF_CRASH_AT=effekter` kills
 * the process the moment a change has committed and before its effects are carried out, as a
 * power cut would. Honoured in local mode only (no MicrosoftAppId); production never reads it.
 */
export function crashPoint(name: string): void {
  if (process.env.PARAGRAF_CRASH_AT === name && !process.env.MicrosoftAppId) process.kill(process.pid, 'SIGKILL');
}
