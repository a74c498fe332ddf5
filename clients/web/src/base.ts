// What both elements share: the attributes that reach the API, the shadow root and its styles,
// and how an API error is put into words.
import { Api, ApiError, apiLanguage } from "./api.js";
import { h } from "./dom.js";
import { strings, type Strings } from "./i18n.js";
import { adoptStyles } from "./styles.js";

export abstract class SpinecareElement extends HTMLElement {
  protected readonly root: ShadowRoot;
  /** Where each render goes; replaced whole on every view change. */
  protected readonly view: HTMLElement;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: "open" });
    adoptStyles(this.root);
    this.view = h("div", { part: "container" });
    this.root.appendChild(this.view);
  }

  /** `es` for any Spanish `lang` on the element or its nearest ancestor, else `en`. */
  get language(): "en" | "es" {
    const own = this.getAttribute("lang");
    const inherited = this.closest("[lang]")?.getAttribute("lang");
    return apiLanguage(own ?? inherited ?? document.documentElement.lang);
  }

  get t(): Strings {
    return strings(this.language);
  }

  protected api(): Api {
    return new Api({
      base: this.getAttribute("api-base") ?? "",
      key: this.getAttribute("api-key") ?? "",
      lang: this.language,
    });
  }

  protected errorText(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.code === "network_error") return this.t.networkError;
      const fields = error.errors.map((item) => item.message).filter(Boolean);
      return fields.length ? fields.join(" ") : error.message || this.t.genericError;
    }
    return this.t.genericError;
  }

  protected show(...children: Node[]): void {
    this.view.replaceChildren(...children);
  }

  /** Move focus to a heading or legend of the new view (made focusable for it). */
  protected moveFocus(target: HTMLElement | null): void {
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }

  protected emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
