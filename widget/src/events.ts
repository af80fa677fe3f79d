/**
 * Components talk to the controller through these events, dispatched on the widget's root element
 * inside the shadow root. They do not cross the shadow boundary (composed: false).
 */
export interface WidgetEvents {
  "tdf:ask": { text: string };
  "tdf:open": undefined;
  "tdf:close": undefined;
  "tdf:view": { view: View };
  "tdf:retry": undefined;
  "tdf:cancel": undefined;
  "tdf:restart": undefined;
  "tdf:large-text": { on: boolean };
  "tdf:feedback": {
    conversationId: string;
    messageId: string;
    rating: "up" | "down";
    comment?: string;
    done(ok: boolean): void;
  };
  /** 算一算: `done` gets null, or the service's refusal and the fields it names (from `error.fields`). */
  "tdf:calc": {
    input: BenchmarkGapRequest;
    question: string;
    done(error: string | null, fields?: Record<string, string>): void;
  };
  /** 人工服务: a question for bureau staff; `done` gets the reference number or the reason it failed. */
  "tdf:handoff": {
    question: string;
    phone?: string;
    email?: string;
    lookupOnly?: true;
    done(
      result: { reference: string; lookupCode?: string } | { error: string; fields?: Record<string, string> },
    ): void;
  };
  /** 查询办理进度: the reference and its proof; `done` gets the status and reply, or why not. */
  "tdf:handoff-lookup": {
    reference: string;
    check: string;
    done(result: HandoffProgress | { error: string }): void;
  };
  /** 新对话, confirmed: wipe the conversation. */
  "tdf:restart-confirmed": undefined;
}

/** How staff can answer: by phone, by e-mail, or not at all (the person looks the reply up). */
export type HandoffWay = "phone" | "email" | "lookup";

export interface HandoffProgress {
  reference: string;
  status: string;
  statusLabel: string;
  reply: string | null;
}

export type View = "chat" | "calc" | "contact";

export interface BenchmarkGapRequest {
  product: string;
  unitConsumption?: number;
  output?: { value: number; unit: string };
  energy?: Array<{ carrier: string; amount: number; unit: string }>;
  basis?: "including_feedstock" | "excluding_feedstock";
}

export function emit<K extends keyof WidgetEvents>(from: Element, name: K, detail: WidgetEvents[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: false }));
}

export function listen<K extends keyof WidgetEvents>(
  root: Element,
  name: K,
  handler: (detail: WidgetEvents[K]) => void,
): void {
  root.addEventListener(name, (event) => handler((event as CustomEvent<WidgetEvents[K]>).detail));
}
