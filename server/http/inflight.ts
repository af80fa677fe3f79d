/**
 * Answers being made. On shutdown the database closes only after they are stored, even those whose
 * connection the grace period cut: the pipeline still finishes (offline, once the LLM call is aborted).
 */
export class InflightAnswers {
  private readonly running = new Set<Promise<unknown>>();
  private readonly connections = new Set<() => Promise<void>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Registers how to end an answer's open connection at shutdown: with a last word to the client (an
   * SSE `error` event, or a 503) and its answer stopped. Returns the function that unregisters it.
   */
  onCut(cut: () => Promise<void>): () => void {
    this.connections.add(cut);
    return () => this.connections.delete(cut);
  }

  /** After the grace period: ends every connection still registered and waits (up to `timeoutMs`) for the last words to be written. */
  async cutAll(timeoutMs: number): Promise<number> {
    const cuts = [...this.connections];
    this.connections.clear();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled(cuts.map((cut) => cut())), timeout]);
    clearTimeout(timer);
    return cuts.length;
  }

  /** Resolves when every tracked answer is done, or after `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = Promise.allSettled([...this.running]).then(() => true as const);
    const result = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return result;
  }
}
