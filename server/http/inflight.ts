/**
 * Answers being made. On shutdown the database closes only after they are stored, even those whose
 * connection the grace period cut: the pipeline still finishes (offline, once the LLM call is aborted).
 */
export class InflightAnswers {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => {});
    return work;
  }

  get size(): number {
    return this.running.size;
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
