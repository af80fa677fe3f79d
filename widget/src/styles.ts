import { FOCUS } from "./color.js";
import type { WidgetConfig } from "./config.js";

/**
 * All of the widget's CSS, adopted by its shadow root. A constructable stylesheet is not subject to
 * the host page's CSP style-src; a <style> element is the fallback for browsers without one.
 * :host rules are !important because, across the shadow boundary, inner !important beats outer.
 */
/** The phone's home-indicator strip (when the page lets the viewport cover it), kept clear. */
const SAFE = "env(safe-area-inset-bottom,0px)";

/**
 * On a phone, a widget whose tag ends the page (after its footer) keeps room under the footer the
 * size of its launcher, so the page scrolls far enough that the launcher covers none of it.
 */
export function css({ colors, position, index }: WidgetConfig): string {
  const side = position === "left" ? "left" : "right";
  const lift = 20 + index * 76;
  return `
:host{all:initial!important;display:block!important;position:static!important;visibility:visible!important;opacity:1!important;contain:none!important}
.root{--p:${colors.primary};--on-p:${colors.onPrimary};--p-text:${colors.primaryText};--p-line:${colors.primaryLine};--fg:#1b1f24;--muted:#4a5563;--line:#6b7785;--soft:#f3f5f8;--focus:${FOCUS.halo};
font:15px/1.6 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;color:var(--fg);text-align:left;letter-spacing:normal;direction:ltr}
.root.large{font-size:19px}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input,select,textarea{font:inherit;color:inherit;letter-spacing:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid ${FOCUS.ring};outline-offset:2px;box-shadow:0 0 0 6px var(--focus)}
.sr-only{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;${side}:20px;bottom:calc(${lift}px + ${SAFE});z-index:2147483000;display:flex;align-items:center;gap:.5em;min-height:52px;padding:.6em 1.2em;border:2px solid var(--on-p);border-radius:999px;background:var(--p);color:var(--on-p);font-size:1.05em;font-weight:600;box-shadow:0 4px 14px rgba(0,0,0,.28)}
.launcher svg{width:1.5em;height:1.5em;flex:none}
.launcher:hover{filter:brightness(1.08)}
.panel{position:fixed;${side}:20px;bottom:${lift + 68}px;z-index:2147483001;display:flex;flex-direction:column;width:min(420px,calc(100vw - 40px));height:min(680px,calc(100vh - ${lift + 88}px));background:#fff;color:var(--fg);border:1px solid #aab4c0;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}
.root.large .panel{width:min(520px,calc(100vw - 40px))}
@media (max-width:560px){.panel{inset:0;width:100%;height:100%;border-radius:0;border:0;padding-bottom:${SAFE}}.root.large .panel{width:100%}
:host([data-page-end]){height:calc(${index ? 76 : 88}px + ${index ? "0px" : SAFE})!important}}
.head{display:flex;align-items:center;gap:.4em;padding:.6em .8em;background:var(--p);color:var(--on-p)}
.head h2{flex:1;margin:0;font-size:1.1em;font-weight:700;line-height:1.3}
.head button{min-width:44px;min-height:40px;padding:.2em .6em;border:1px solid currentColor;border-radius:8px;background:transparent;color:inherit;font-size:.9em}
.head button[aria-pressed=true]{background:var(--on-p);color:var(--p)}
.nav{display:flex;border-bottom:1px solid #c5cdd6;background:#fff}
.nav button{flex:1;min-height:44px;padding:.4em;border:0;border-bottom:3px solid transparent;background:none;color:var(--muted);font-weight:600}
.nav button[aria-current=true]{color:var(--p-text);border-bottom-color:var(--p-text)}
.view{flex:1;min-height:0;overflow-y:auto;padding:.8em}
.view.chat{display:flex;flex-direction:column;padding:0}
.log{flex:1;min-height:0;overflow-y:auto;padding:.8em;display:flex;flex-direction:column;gap:.8em}
.welcome p{margin:0 0 .6em}
.group{margin:.6em 0}
.group h3{margin:.2em 0;font-size:.95em;color:var(--muted)}
.sugg{display:block;width:100%;margin:.3em 0;padding:.5em .7em;border:1px solid var(--line);border-radius:10px;background:#fff;color:var(--p-text);text-align:left;line-height:1.45}
.sugg:hover{background:var(--soft)}
.quick{display:flex;flex-wrap:wrap;gap:.5em;margin-top:.8em}
.btn{min-height:44px;padding:.45em 1em;border:1px solid var(--p-line);border-radius:10px;background:var(--p);color:var(--on-p);font-weight:600}
.btn.ghost{background:#fff;color:var(--p-text);border-color:var(--p-text)}
.btn:disabled{opacity:.6;cursor:not-allowed}
.msg{max-width:100%;padding:.6em .8em;border-radius:12px;overflow-wrap:anywhere}
.msg.user{align-self:flex-end;max-width:88%;background:#e3edf9;border:1px solid #b8cbe4;white-space:pre-wrap}
.msg.bot{align-self:stretch;background:var(--soft);border:1px solid #d3dae2}
.msg .who{margin:0 0 .3em;font-size:.85em;color:var(--muted);display:flex;align-items:center;gap:.5em;flex-wrap:wrap}
.badge{display:inline-block;padding:0 .5em;border-radius:6px;background:#fff;border:1px solid var(--p-text);color:var(--p-text);font-size:.85em;font-weight:600}
.body p{margin:.35em 0}
.body ul,.body ol{margin:.3em 0;padding-left:1.4em}
.body li{margin:.15em 0}
.body a{color:var(--p-text);text-decoration:underline}
.body code,.md-inert{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#e6e9ee;padding:0 .25em;border-radius:4px}
.body pre{white-space:pre-wrap;background:#e6e9ee;padding:.5em;border-radius:6px}
.body blockquote{margin:.4em 0;padding-left:.7em;border-left:3px solid var(--line)}
.md-h{margin:.7em 0 .2em!important}
.md-cite{font-size:.92em}
.md-sec[data-section=责任单位]{margin:.5em 0;padding:.3em .6em;border-left:4px solid var(--p-text);background:#fff;border-radius:6px}
.chip{display:inline-flex;align-items:center;justify-content:center;min-width:24px;min-height:24px;margin:0 .15em;padding:0 .35em;border:1px solid var(--p-text);border-radius:6px;background:#fff;color:var(--p-text);font-size:.8em;font-weight:700;line-height:1.4;vertical-align:baseline}
.chip[aria-expanded=true]{background:var(--p-text);color:#fff}
.cites{margin-top:.5em;font-size:.9em}
.cites>span{color:var(--muted)}
.cite-detail{margin:.4em 0;padding:.5em .7em;border-left:4px solid var(--p-text);background:#fff;border-radius:6px;font-size:.92em}
.cite-detail .crumb{margin:0;font-weight:700}
.cite-detail blockquote{margin:.3em 0;padding:0}
.cite-detail .units{margin:.2em 0 0}
.actions{display:flex;flex-wrap:wrap;gap:.4em;margin-top:.5em;align-items:center}
.act{min-height:36px;min-width:44px;padding:.2em .7em;border:1px solid var(--line);border-radius:8px;background:#fff;color:var(--fg);font-size:.9em}
.act{display:inline-flex;align-items:center;gap:.3em}.act .thumb{width:1.1em;height:1.1em}
.act[aria-pressed=true]{border-color:var(--p-text);background:#e3edf9;font-weight:700}
.fb-form{margin-top:.5em}
.fb-form textarea{width:100%;min-height:3.5em;padding:.4em;border:1px solid var(--line);border-radius:8px;resize:vertical}
.note{margin:.3em 0 0;font-size:.9em;color:var(--muted)}
.error{margin:0;padding:.6em .8em;border:1px solid #b3261e;border-left-width:4px;border-radius:8px;background:#fdf1f0;color:#7a1a14}
.error .btn{margin-top:.5em}
.progress{display:flex;align-items:center;gap:.6em;color:var(--muted);font-size:.92em;flex-wrap:wrap}
.dots{display:inline-flex;gap:4px}
.dots i{width:7px;height:7px;border-radius:50%;background:var(--p-text);animation:tdf-b 1.2s infinite ease-in-out}
.dots i:nth-child(2){animation-delay:.2s}.dots i:nth-child(3){animation-delay:.4s}
@keyframes tdf-b{0%,80%,100%{opacity:.25}40%{opacity:1}}
@media (prefers-reduced-motion:reduce){.dots i{animation:none;opacity:.7}}
.composer{display:flex;gap:.5em;align-items:flex-end;padding:.6em .8em;border-top:1px solid #c5cdd6;background:#fff}
.composer textarea{flex:1;min-height:44px;max-height:8em;padding:.5em .6em;border:1px solid var(--line);border-radius:10px;resize:none;font-size:max(16px,1em)}
.disclaimer{margin:0;padding:0 .8em .5em;font-size:.8em;color:var(--muted);background:#fff}
form.calc label,form.calc legend{display:block;margin:.6em 0 .2em;font-weight:600}
form.calc fieldset{margin:.6em 0;padding:.2em .6em .6em;border:1px solid #c5cdd6;border-radius:8px}
form.calc fieldset label{display:inline-flex;align-items:center;gap:.3em;margin:.2em .8em .2em 0;font-weight:400}
form.calc input[type=number],form.calc select{width:100%;min-height:40px;padding:.3em .5em;border:1px solid var(--line);border-radius:8px;background:#fff;font-size:max(16px,1em)}
form.calc input[type=radio]{width:1.1em;height:1.1em}
form.handoff{display:grid;gap:.35em;margin:1em 0;padding:.8em;border:1px solid var(--line);border-radius:10px}
form.handoff h4{margin:0 0 .2em;font-size:1em}
form.handoff textarea,form.handoff input{width:100%;min-height:40px;padding:.4em .5em;border:1px solid var(--line);border-radius:8px;background:#fff;font-size:max(16px,1em)}
form.handoff button{justify-self:start}
form.handoff fieldset{margin:.2em 0;padding:.2em .6em .5em;border:1px solid #c5cdd6;border-radius:8px}
form.handoff legend{font-weight:600}
form.handoff fieldset label{display:flex;align-items:center;gap:.4em;min-height:32px}
form.handoff input[type=radio]{width:1.1em;height:1.1em;min-height:0}
form.handoff .field{display:grid;gap:.35em}
.field-error{margin:0;color:#7a1a14;font-size:.92em}
.field-error:empty{display:none}
[aria-invalid=true]{border-color:#b3261e!important;border-width:2px!important}
.receipt{margin:.3em 0;padding:.5em .7em;border-left:4px solid #1e7b34;background:#eef7f0;border-radius:6px}
.receipt p{margin:.2em 0}
.receipt strong{font-family:ui-monospace,Menlo,Consolas,monospace;letter-spacing:.05em;white-space:nowrap}
.progress-card{display:grid;grid-template-columns:auto 1fr;gap:.3em .8em;margin:.3em 0;padding:.5em .7em;border:1px solid #c5cdd6;border-radius:8px;background:#fff}
.progress-card dt{font-weight:700;color:var(--muted)}
.progress-card dd{margin:0;overflow-wrap:anywhere}
.pre{white-space:pre-wrap}
.follow{margin-top:.6em}
.follow .note{margin:0}
.basis{margin:.3em 0;font-size:.92em}
.basis summary{cursor:pointer;color:var(--p-text);font-weight:600;min-height:24px}
.stopped{align-self:stretch;margin:0;padding:.5em .8em;border:1px dashed var(--line);border-radius:8px;background:#fff;color:var(--muted)}
.stopped p{margin:0}
.confirm{padding:.6em .8em;border-bottom:1px solid #c5cdd6;background:#fff8e6}
.confirm p{margin:0 0 .2em;font-weight:600}
.confirm .quick{margin-top:.3em}
.row{display:grid;grid-template-columns:1.2fr 1fr 1fr;gap:.4em;align-items:end}
.row label{font-weight:400!important;font-size:.9em}
.pair{display:grid;grid-template-columns:2fr 1fr;gap:.4em}
form.calc .btn{margin-top:.8em;width:100%}
.calc-card table{width:100%;border-collapse:collapse;margin:.4em 0;background:#fff;font-size:.92em}
.calc-card caption{text-align:left;font-weight:700;padding:.2em 0}
.calc-card th,.calc-card td{border:1px solid #c5cdd6;padding:.3em .5em;text-align:left;vertical-align:top}
.calc-card th{background:#eef2f6;font-weight:600}
.calc-card td.num{text-align:right;font-variant-numeric:tabular-nums}
.calc-card details{margin:.4em 0}
.calc-card summary{cursor:pointer;font-weight:600;color:var(--p-text)}
.calc-card ol{margin:.3em 0;padding-left:1.4em;font-size:.88em;overflow-wrap:anywhere}
.chart{display:block;width:100%;height:auto;margin:.4em 0;background:#fff;border:1px solid #d3dae2;border-radius:8px}
.chart text{font-size:12px;fill:#1b1f24;font-family:inherit}
.chart .v{font-weight:700}
.chart .b0{fill:var(--p-line)}.chart .b1{fill:#1e7b34}.chart .b2{fill:#b45309}.chart .b3{fill:#6d28d9}
.chart .axis{stroke:#6b7785;stroke-width:1}
.contact dl{display:grid;grid-template-columns:auto 1fr;gap:.3em .8em;margin:.6em 0}
.contact dt{font-weight:700;color:var(--muted)}
.contact dd{margin:0;overflow-wrap:anywhere}
.contact a{color:var(--p-text)}
h3.view-title{margin:0 0 .4em;font-size:1.05em}
`;
}

export function adoptStyles(shadow: ShadowRoot, cssText: string): void {
  if ("adoptedStyleSheets" in shadow && "replaceSync" in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    shadow.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement("style");
  style.textContent = cssText;
  shadow.appendChild(style);
}
