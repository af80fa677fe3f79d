import { palette, type Palette } from "./color.js";
import { text } from "./text.js";

export interface QuestionGroup {
  label: string;
  questions: string[];
}

/** The 人工服务 panel's details, cleaned: links only to tel:, mailto: and https: addresses. */
export interface Contact {
  name?: string;
  /** as written, e.g. "0554-1234567" */
  phone?: string;
  /** the phone's digits (and + -) for a tel: link */
  tel?: string;
  address?: string;
  hours?: string;
  /** a plain e-mail address (no spaces, commas or ?query), for a mailto: link */
  email?: string;
  /** an https: address */
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

const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

function httpsUrl(value: string | undefined): string | undefined {
  try {
    const url = new URL(value ?? "");
    return url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function contactOf(d: DOMStringMap): Contact {
  const clean = (value: string | undefined) => value?.trim() || undefined;
  const phone = clean(d.contactPhone);
  const tel = phone?.replace(/[^\d+-]/g, "");
  const email = clean(d.contactEmail);
  return {
    name: clean(d.contactName),
    phone,
    tel: tel && /\d{3}/.test(tel) ? tel : undefined,
    address: clean(d.contactAddress),
    hours: clean(d.contactHours),
    email: email && EMAIL.test(email) ? email : undefined,
    url: httpsUrl(clean(d.contactUrl)),
  };
}

/** data-open, data-large-text: present means on, unless it says false, 0, no or off. */
const flag = (value: string | undefined) =>
  value !== undefined && !["false", "0", "no", "off"].includes(value.trim().toLowerCase());

/**
 * Reads the configuration from the script tag's data-* attributes:
 * data-endpoint, data-title, data-greeting, data-primary-color, data-position (bottom-right|bottom-left),
 * data-questions ("问题一|问题二" replaces the three groups), data-questions-enterprise / -provider / -public,
 * data-open, data-large-text, data-contact-name / -phone / -address / -hours / -email / -url, data-id.
 */
export function readConfig(script: HTMLScriptElement | null, index: number): WidgetConfig {
  const d = script?.dataset ?? {};
  const custom = list(d.questions);
  const groups: QuestionGroup[] = custom.length
    ? [{ label: text.groups.custom, questions: custom }]
    : (["enterprise", "provider", "public"] as const).map((key) => {
        const own = list(d[`questions${key[0]!.toUpperCase()}${key.slice(1)}`]);
        return { label: text.groups[key], questions: own.length ? own : [...text.questions[key]] };
      });
  const endpoint = endpointOf(d.endpoint, script);
  const position = d.position?.trim().toLowerCase();
  return {
    endpoint,
    title: d.title?.trim() || text.title,
    greeting: d.greeting?.trim() || text.greeting,
    colors: palette(d.primaryColor),
    position: position === "bottom-left" || position === "left" ? "left" : "right",
    groups,
    open: flag(d.open),
    largeText: flag(d.largeText),
    contact: contactOf(d),
    storageKey: `tdf-widget:${d.id?.trim() || `${endpoint}#${index}`}`,
    index,
  };
}
