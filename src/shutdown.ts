/**
 * On SIGINT or SIGTERM: `stop` (which stops taking requests, lets those in flight finish and saves
 * local data), then exit 0; exit 1 with the reason if stopping fails, or at a second signal. In local mode every answered
 * write is on disk already (src/storage/azurite-durability.ts); this adds the writes still in flight.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal while stopping: quit now. Answered writes are on disk; only those in flight are lost.
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(
      () => process.exit(0),
      (err) => {
        console.error(`Paragraf kunde inte stoppas rent efter ${signal} (could not stop cleanly):`, err?.message ?? err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
