// <spinecare-find-specialist>: ZIP entry and a distance-sorted list of specialists (no map),
// optionally pre-filtered by an assessment result's `locator_href` (its `specialty` and
// `therapy` parameters, shown as checkboxes the person may clear).
import type { PhysicianResult, PhysicianSearchPage } from "./api.js";
import { pageResults } from "./api.js";
import { SpinecareElement } from "./base.js";
import { h, uid } from "./dom.js";

const RADII = [10, 25, 50, 100, 250];
const FILTERS = ["specialty", "therapy"] as const;
type FilterName = (typeof FILTERS)[number];
interface Filter { name: FilterName; value: string; on: boolean }

export class FindSpecialist extends SpinecareElement {
  static observedAttributes = ["lang", "api-base", "api-key", "locator-href"];

  private filters: Filter[] = [];
  private labels: { specialty: Map<string, string>; therapy: Map<string, string>; lang: string } | null = null;
  private query: URLSearchParams | null = null;
  private nextCursor: string | null = null;
  private rendered = false;
  private zipInput: HTMLInputElement | null = null;
  private radiusSelect: HTMLSelectElement | null = null;
  private error: HTMLElement | null = null;
  private status: HTMLElement | null = null;
  private list: HTMLOListElement | null = null;
  private actions: HTMLElement | null = null;
  /** Bumped by every render and search: an older one that resumes late changes nothing. */
  private renders = 0;
  private searches = 0;

  connectedCallback(): void {
    if (!this.rendered) {
      this.rendered = true;
      this.filters = parseFilters(this.getAttribute("locator-href"));
      void this.render();
    }
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (!this.rendered || previous === value) return;
    if (name === "locator-href") this.filters = parseFilters(value);
    void this.render();
  }

  /** Pre-filter from an assessment result's `locator_href` (or clear with null). */
  applyLocatorHref(href: string | null): void {
    if (href === null) this.removeAttribute("locator-href");
    else this.setAttribute("locator-href", href); // attributeChangedCallback re-renders
  }

  /** Bring the ZIP field into view and focus it (the symptom check's "Find a specialist"). */
  focusSearch(): void {
    this.zipInput?.scrollIntoView({ block: "center" });
    this.zipInput?.focus();
  }

  private async filterLabels() {
    if (this.labels && this.labels.lang === this.language) return this.labels;
    const api = this.api();
    const [specialties, therapies] = await Promise.all([
      api.specialties().catch(() => []),
      api.therapies().catch(() => []),
    ]);
    this.labels = {
      lang: this.language,
      specialty: new Map(specialties.map((s) => [s.code, s.display_name])),
      therapy: new Map(therapies.map((t) => [t.slug, t.name])),
    };
    return this.labels;
  }

  private async render(): Promise<void> {
    const t = this.t;
    const render = ++this.renders;
    const labels = this.filters.length ? await this.filterLabels() : null;
    if (render !== this.renders) return;
    const zipId = uid("zip");
    const zipHintId = uid("zip-hint");
    const radiusId = uid("radius");
    const errorId = uid("error");
    const previousZip = this.zipInput?.value ?? this.getAttribute("zip") ?? "";
    const previousRadius = this.radiusSelect?.value ?? this.getAttribute("radius") ?? "25";

    this.zipInput = h("input", {
      id: zipId, type: "text", name: "zip", inputmode: "numeric", autocomplete: "postal-code",
      maxlength: 10, "aria-describedby": `${zipHintId} ${errorId}`, value: previousZip,
    }) as HTMLInputElement;
    this.radiusSelect = h("select", { id: radiusId, name: "radius" },
      RADII.map((r) => h("option", { value: r, selected: String(r) === previousRadius }, t.miles(r))),
    ) as HTMLSelectElement;
    this.error = h("p", { id: errorId, className: "error", "aria-live": "assertive" });
    this.status = h("p", { "aria-live": "polite", "data-status": "" });
    this.list = h("ol", { className: "results" }) as HTMLOListElement;
    this.actions = h("div", { className: "actions" });

    const filterBoxes = this.filters.map((filter) => {
      const id = uid("filter");
      const box = h("input", { type: "checkbox", id, checked: filter.on, "data-filter": `${filter.name}=${filter.value}` }) as HTMLInputElement;
      box.addEventListener("change", () => (filter.on = box.checked));
      const kind = filter.name === "specialty" ? t.specialtyFilter : t.therapyFilter;
      const label = labels?.[filter.name].get(filter.value) ?? filter.value;
      return h("div", { className: "choice" }, box, h("label", { for: id }, `${kind}: ${label}`));
    });

    const form = h("form", { novalidate: true, role: "search" },
      this.filters.length ? h("fieldset", {}, h("legend", {}, t.suggestedFilters), filterBoxes) : null,
      h("p", {},
        h("label", { for: zipId }, t.zip), h("br"),
        this.zipInput, " ",
        h("span", { id: zipHintId, className: "hint" }, t.zipHint)),
      h("p", {}, h("label", { for: radiusId }, t.radius), h("br"), this.radiusSelect),
      h("div", { className: "actions" }, h("button", { type: "submit" }, t.search)),
      this.error,
    ) as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.search();
    });
    this.searches += 1; // results on their way belong to the replaced list
    this.show(h("section", {}, h("h2", {}, t.locatorTitle), form, this.status, this.list, this.actions));
    if (this.query && previousZip) void this.search();
  }

  private async search(radiusOverride?: number): Promise<void> {
    const t = this.t;
    const zip = this.zipInput?.value.trim() ?? "";
    if (!/^\d{5}(-\d{4})?$/.test(zip)) {
      this.error!.textContent = t.zipInvalid;
      this.zipInput?.setAttribute("aria-invalid", "true");
      this.zipInput?.focus();
      return;
    }
    this.zipInput?.removeAttribute("aria-invalid");
    if (radiusOverride !== undefined && this.radiusSelect) {
      if (![...this.radiusSelect.options].some((o) => o.value === String(radiusOverride))) {
        this.radiusSelect.appendChild(h("option", { value: radiusOverride }, t.miles(radiusOverride)));
      }
      this.radiusSelect.value = String(radiusOverride);
    }
    const query = new URLSearchParams({ zip, radius: this.radiusSelect?.value ?? "25", unit: "mi", limit: "10" });
    for (const filter of this.filters) if (filter.on) query.append(filter.name, filter.value);
    this.query = query;
    this.error!.textContent = "";
    this.status!.textContent = t.searching;
    this.list!.replaceChildren();
    this.actions!.replaceChildren();
    await this.fetchPage(query, true, ++this.searches);
  }

  private async fetchPage(query: URLSearchParams, first: boolean, search: number): Promise<void> {
    const t = this.t;
    let page: PhysicianSearchPage;
    try {
      page = await this.api().physicians(query);
      if (search !== this.searches) return; // a newer search (or render) took over
    } catch (error) {
      if (search !== this.searches) return;
      this.status!.textContent = "";
      this.error!.textContent = this.errorText(error);
      return;
    }
    const results = pageResults(page);
    const meta = page.metadata;
    const origin = meta.origin && "lat" in meta.origin ? meta.origin : null;
    const place = origin ? [origin.zip, [origin.city, origin.state].filter(Boolean).join(", ")].filter(Boolean).join(" ") : "";
    const items = results.map((result) => this.item(result, meta.unit));
    this.list!.append(...items);
    if (first) {
      const hint = meta.zero_result_hint && "message" in meta.zero_result_hint ? meta.zero_result_hint : null;
      if (results.length) {
        this.status!.textContent = t.found(meta.count ?? results.length, meta.radius ?? 0, meta.unit, place, Boolean(page.next_cursor));
      } else {
        this.status!.textContent = hint?.message ?? t.noneFound;
      }
      const suggested = hint?.suggested_radius;
      this.actions!.replaceChildren(
        ...(suggested ? [h("button", { type: "button", onclick: () => void this.search(suggested) }, t.widen(suggested, meta.unit))] : []),
      );
      this.emit("spinecare-locator-results", { query: query.toString(), count: results.length });
    } else if (items[0]) {
      this.moveFocus(items[0].querySelector(".provider-name"));
    }
    this.nextCursor = page.next_cursor ?? null;
    const more = this.actions!.querySelector("[data-more]");
    more?.remove();
    if (this.nextCursor) {
      const cursor = this.nextCursor;
      this.actions!.appendChild(h("button", {
        type: "button", className: "secondary", "data-more": "",
        onclick: () => {
          const next = new URLSearchParams(query);
          next.set("cursor", cursor);
          void this.fetchPage(next, false, search);
        },
      }, t.showMore));
    }
  }

  private item(result: PhysicianResult, unit: string): HTMLElement {
    const t = this.t;
    const { provider, location } = result;
    const address = [location.address_line1, location.address_line2, [location.city, location.state].filter(Boolean).join(", "), location.zip]
      .filter(Boolean).join(", ");
    const name = provider.credentials ? `${provider.name}, ${provider.credentials}` : provider.name;
    return h("li", { "data-provider": provider.id },
      h("p", { className: "provider-name" }, name),
      result.distance !== null ? h("p", { className: "distance" }, t.distance(result.distance, unit)) : null,
      provider.specialties.length
        ? h("p", { className: "meta" }, provider.specialties.map((s) => s.display_name).join(" · "))
        : null,
      location.name || address ? h("p", {}, [location.name, address].filter(Boolean).join(" — ")) : null,
      location.phone ? h("p", {}, `${t.phone}: `, h("a", { href: `tel:${location.phone}` }, location.phone)) : null,
      h("p", { className: "meta" },
        // null: not known (e.g. from NPPES): ask, rather than say "not accepting".
        provider.accepting_new_patients === true ? t.accepting
          : provider.accepting_new_patients === false ? t.notAccepting : t.askAboutNewPatients,
        provider.telehealth ? ` · ${t.telehealth}` : "",
        provider.languages.length ? ` · ${t.languages}: ${provider.languages.join(", ")}` : ""),
    );
  }
}

function parseFilters(href: string | null): Filter[] {
  if (!href) return [];
  const query = href.includes("?") ? href.slice(href.indexOf("?") + 1) : href;
  const params = new URLSearchParams(query);
  return FILTERS.flatMap((name) => params.getAll(name).map((value) => ({ name, value, on: true })));
}
