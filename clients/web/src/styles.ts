// The elements' styles, themed by CSS custom properties set on the element or any ancestor:
// --spinecare-accent, --spinecare-accent-text, --spinecare-text, --spinecare-muted,
// --spinecare-background, --spinecare-surface, --spinecare-border, --spinecare-danger,
// --spinecare-danger-surface, --spinecare-radius, --spinecare-font, --spinecare-focus.
export const CSS = `
:host {
  display: block;
  font-family: var(--spinecare-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--spinecare-text, #1b1f24);
  background: var(--spinecare-background, transparent);
  line-height: 1.5;
  --_accent: var(--spinecare-accent, #0b5cad);
  --_accent-text: var(--spinecare-accent-text, #ffffff);
  --_muted: var(--spinecare-muted, #4a5561);
  --_surface: var(--spinecare-surface, #f4f6f8);
  --_border: var(--spinecare-border, #8a96a3);
  --_danger: var(--spinecare-danger, #a4001d);
  --_danger-surface: var(--spinecare-danger-surface, #fff0f1);
  --_radius: var(--spinecare-radius, 8px);
  --_focus: var(--spinecare-focus, #ffbf47);
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
h2, h3, h4 { line-height: 1.25; margin: 0.8em 0 0.4em; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.15rem; }
p { margin: 0.4em 0; }
.card { background: var(--_surface); border-radius: var(--_radius); padding: 1rem 1.25rem; margin: 0.75rem 0; }
fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1rem 1.25rem; margin: 0.75rem 0; }
legend { font-weight: 600; font-size: 1.1rem; padding: 0 0.25rem; }
legend:focus, h2:focus, h3:focus { outline: 3px solid var(--_focus); outline-offset: 2px; }
.help, .hint { color: var(--_muted); margin: 0 0 0.75rem; }
.tag { display: inline-block; font-size: 0.8rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); }
.choice { display: flex; align-items: flex-start; gap: 0.5rem; margin: 0.35rem 0; padding: 0.35rem 0.25rem; }
.choice input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; accent-color: var(--_accent); }
label { cursor: pointer; }
input[type="number"], input[type="text"], select {
  font: inherit; padding: 0.5rem 0.6rem; border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
  min-width: 8rem; background: #fff; color: inherit;
}
input:focus-visible, select:focus-visible, button:focus-visible, a:focus-visible, summary:focus-visible {
  outline: 3px solid var(--_focus); outline-offset: 2px;
}
.actions { display: flex; gap: 0.75rem; flex-wrap: wrap; margin: 1rem 0; }
button {
  font: inherit; font-weight: 600; cursor: pointer; border-radius: var(--_radius); padding: 0.6rem 1.2rem;
  border: 2px solid var(--_accent); background: var(--_accent); color: var(--_accent-text);
}
button.secondary { background: transparent; color: var(--_accent); }
button:disabled { opacity: 0.6; cursor: progress; }
a { color: var(--_accent); }
.progress { display: flex; align-items: center; gap: 0.75rem; color: var(--_muted); }
progress { flex: 1; max-width: 16rem; height: 0.6rem; accent-color: var(--_accent); }
.error { color: var(--_danger); font-weight: 600; }
.error:empty { display: none; }
.emergency { background: var(--_danger-surface); border: 3px solid var(--_danger); border-radius: var(--_radius); padding: 1rem 1.25rem; margin: 0.75rem 0; }
.emergency h2 { color: var(--_danger); margin-top: 0.2em; }
.call { display: inline-block; font-size: 1.3rem; font-weight: 700; background: var(--_danger); color: #fff; padding: 0.5rem 1rem; border-radius: var(--_radius); text-decoration: none; margin: 0.5rem 0; }
.urgency-label { font-size: 1.15rem; font-weight: 700; }
.band { color: var(--_muted); }
ul.plain, ol.results { padding-left: 1.25rem; }
ol.results > li { margin: 0.75rem 0; padding: 0.75rem 1rem; background: var(--_surface); border-radius: var(--_radius); }
.provider-name { font-weight: 700; font-size: 1.05rem; margin: 0; }
.distance { font-weight: 600; }
.meta { color: var(--_muted); font-size: 0.95rem; }
.disclaimer { color: var(--_muted); font-size: 0.9rem; }
details { margin: 0.35rem 0; }
summary { cursor: pointer; color: var(--_accent); font-weight: 600; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

let sheet: CSSStyleSheet | null = null;

/** Styles for a shadow root: a constructed sheet (no inline <style>, so a strict
 * `style-src 'self'` CSP on the portal does not block them), or a <style> where unsupported. */
export function adoptStyles(root: ShadowRoot): void {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet !== "undefined" && "replaceSync" in CSSStyleSheet.prototype) {
    if (sheet === null) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS;
    root.appendChild(style);
  }
}
