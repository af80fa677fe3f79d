const SENTENCE_END = /[。！？!?\n]/u;
const TAG_START = /[a-z/!?]/i;

/**
 * The LLM's stream, held back until a sentence ends: each piece it gives out is whole sentences, never
 * cut inside an open tag ("<a href=…。…>"), so each can be checked and cleaned on its own. Every
 * character is looked at once, however long the answer and however rarely a sentence ends.
 */
export class SentenceBuffer {
  private pending = "";
  /** Up to here pending has been read. */
  private scanned = 0;
  /** The end of the last complete sentence in pending, outside any tag. */
  private lastEnd = 0;
  private inTag = false;

  /** Adds streamed text; returns the whole sentences it completes ("" when none). */
  push(text: string): string {
    this.pending += text;
    for (let i = this.scanned; i < this.pending.length; i++) {
      const ch = this.pending[i]!;
      if (ch === "<") {
        const next = this.pending[i + 1];
        if (next === undefined) {
          this.scanned = i;
          return this.cut();
        }
        if (TAG_START.test(next)) this.inTag = true;
      } else if (ch === ">") {
        this.inTag = false;
      } else if (!this.inTag && SENTENCE_END.test(ch)) {
        this.lastEnd = i + 1;
      }
      this.scanned = i + 1;
    }
    return this.cut();
  }

  /** Everything not yet given out. */
  flush(): string {
    const rest = this.pending;
    this.pending = "";
    this.scanned = this.lastEnd = 0;
    this.inTag = false;
    return rest;
  }

  /** Characters held back, not yet given out. */
  get held(): number {
    return this.pending.length;
  }

  private cut(): string {
    if (this.lastEnd === 0) return "";
    const piece = this.pending.slice(0, this.lastEnd);
    this.pending = this.pending.slice(this.lastEnd);
    this.scanned -= this.lastEnd;
    this.lastEnd = 0;
    return piece;
  }
}
