import { palette, type Palette } from "./color.js";
import { text } from "./text.js";

export interface QuestionGroup {
  label: string;
  questions: string[];
}

export interface Contact {
  name?: string;
  phone?: string;
  address?: string;
  hours?: string;
  email?: string;
  url?: string;
}

export interface WidgetConfig {
  /** origin (and path prefix) of the service, without a trailing slash */
  endpoint: string;
  title: string;
  greeting: string;
  colors: Palette;
  position: "left" | "right";
  groups: QuestionGroup[];
  open: boolean;
  largeText: boolean;
  contact: Contact;
  /** keys this widget's sessionStorage, so two widgets on one page keep their own conversations */
  storageKey: string;
  /** 0 for the first widget of the page; later ones stack above it */
  index: number;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split("|")
    .map((q) => q.trim())
    .filter(Boolean)
    .slice(0, 8);

function endpointOf(value: string | undefined, script: HTMLScriptElement | null): string {
  const base = script?.src || location.href;
  try {
    const url = new URL(value?.trim() || new URL(base).origin, base);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href.replace(/\/+$/, "");
  } catch {
    // fall through to the page's own origin
  }
  return location.origin;
}

/**
 * Reads the configuration from the script tag's data-* attributes:
 * data-endpoint, data-title, data-greeting, data-primary-color, data-position (bottom-right|bottom-left),
 * data-questions ("问题一|问题二" replaces the three groups), data-questions-enterprise / -provider / -public,
 * data-open, data-large-text, data-contact-name / -phone / -address / -hours / -email / -url, data-id.
 */
export function readConfig(script: HTMLScriptElement | null, index: number): WidgetConfig {
  const d = script?.dataset ?? {};
  const flag = (value: string | undefined) => value !== undefined && value !== "false" && value !== "0";
  const custom = list(d.questions);
  const groups: QuestionGroup[] = custom.length
    ? [{ label: text.groups.custom, questions: custom }]
    : (["enterprise", "provider", "public"] as const).map((key) => {
        const own = list(d[`questions${key[0]!.toUpperCase()}${key.slice(1)}`]);
        return { label: text.groups[key], questions: own.length ? own : [...text.questions[key]] };
      });
  const endpoint = endpointOf(d.endpoint, script);
  const contact: Contact = {
    name: d.contactName,
    phone: d.contactPhone,
    address: d.contactAddress,
    hours: d.contactHours,
    email: d.contactEmail,
    url: d.contactUrl,
  };
  return {
    endpoint,
    title: d.title?.trim() || text.title,
    greeting: d.greeting?.trim() || text.greeting,
    colors: palette(d.primaryColor),
    position: d.position === "bottom-left" || d.position === "left" ? "left" : "right",
    groups,
    open: flag(d.open),
    largeText: flag(d.largeText),
    contact,
    storageKey: `tdf-widget:${d.id || `${endpoint}#${index}`}`,
    index,
  };
}
