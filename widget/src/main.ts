import { readConfig } from "./config.js";
import { ChatWidget } from "./widget.js";

/**
 * Entry point of widget.js. Each <script src=".../widget.js" data-…> tag makes its own widget; the
 * tag's position among tags of the same src tells several widgets on one page apart.
 */
const script = document.currentScript as HTMLScriptElement | null;
const index = script
  ? Array.from(document.querySelectorAll<HTMLScriptElement>("script[src]"))
      .filter((s) => s.src === script.src)
      .indexOf(script)
  : 0;

function mount(): void {
  const host = document.createElement("tdf-chat-widget");
  // Next to its own tag, so page order (not download order) decides which widget is which.
  if (script && document.body.contains(script)) script.after(host);
  else document.body.appendChild(host);
  new ChatWidget(readConfig(script, Math.max(0, index)), host);
}

if (document.body) mount();
else document.addEventListener("DOMContentLoaded", mount, { once: true });
