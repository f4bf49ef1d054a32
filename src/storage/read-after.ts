/**
 * One storage read shared by every caller that asked while it was still to start. A caller wants a
 * read that includes its own write, made just before it asked: a read already in flight may have
 * started before that write, so the caller joins the next read, which starts as soon as the one in
 * flight ends. When a full council presses at once, an instance makes a handful of reads of the
 * meeting's rows instead of one per press (each of which returned every row), and no answer is
 * staler than a read of its own would have been.
 */
export class ReadAfter<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly waiting = new Map<string, Promise<T>>();

  /** A read of `key` that starts after this call. */
  read(key: string, run: () => Promise<T>): Promise<T> {
    const current = this.inFlight.get(key);
    if (!current) return this.start(key, run);
    let next = this.waiting.get(key);
    if (!next) {
      next = current
        .catch(() => undefined)
        .then(() => {
          this.waiting.delete(key);
          return this.start(key, run);
        });
      this.waiting.set(key, next);
    }
    return next;
  }

  private start(key: string, run: () => Promise<T>): Promise<T> {
    const p = run().finally(() => {
      if (this.inFlight.get(key) === p) this.inFlight.delete(key);
    });
    this.inFlight.set(key, p);
    return p;
  }
}
