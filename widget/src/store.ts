import type { Item } from "./types.js";

/** What survives a reload: the conversation, a question still waiting for its answer, the panel's state. */
export interface SavedState {
  conversationId?: string;
  items: Item[];
  /** asked but not answered when the page went away */
  pending?: string;
  open?: boolean;
  largeText?: boolean;
}

const MAX_ITEMS = 40;

export class SessionStore {
  constructor(private readonly key: string) {}

  load(): SavedState {
    try {
      const raw = sessionStorage.getItem(this.key);
      const state = raw ? (JSON.parse(raw) as SavedState) : null;
      if (state && Array.isArray(state.items)) return state;
    } catch {
      // storage blocked or corrupt: start afresh
    }
    return { items: [] };
  }

  save(state: SavedState): void {
    try {
      sessionStorage.setItem(this.key, JSON.stringify({ ...state, items: state.items.slice(-MAX_ITEMS) }));
    } catch {
      // private mode or quota: the conversation simply is not restored
    }
  }
}
