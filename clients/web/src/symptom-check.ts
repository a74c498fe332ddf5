// <spinecare-symptom-check>: the questionnaire from the API, one question at a time along the
// result's quick path (`next_questions`), an immediate stop on an emergency (`should_stop`),
// then the result and a locator search pre-filtered from it.
import {
  ApiError,
  type Answer,
  type Assessment,
  type AssessmentResult,
  type ConditionSummary,
  type Question,
  type Questionnaire,
  type TreatmentSummary,
} from "./api.js";
import { SpinecareElement } from "./base.js";
import { h, uid } from "./dom.js";
import { isEnabled } from "./enable-when.js";
import type { FindSpecialist } from "./find-specialist.js";

type Catalogue = { conditions: Map<string, ConditionSummary>; treatments: Map<string, TreatmentSummary> };

export class SymptomCheck extends SpinecareElement {
  static observedAttributes = ["lang", "api-base", "api-key"];

  private questionnaire: Questionnaire | null = null;
  private questions = new Map<string, Question>();
  private types = new Map<string, string>();
  private assessment: Assessment | null = null;
  private etag: string | null = null;
  /** Questions answered, in the order asked: what Back returns to. */
  private history: string[] = [];
  private readonly progress: HTMLElement;
  private readonly alerts: HTMLElement;
  private started = false;

  constructor() {
    super();
    this.alerts = h("div", { role: "alert", className: "error" });
    this.progress = h("div", { className: "progress", hidden: true });
    this.root.insertBefore(this.alerts, this.view);
    this.root.insertBefore(this.progress, this.view);
  }

  connectedCallback(): void {
    if (!this.started) {
      this.started = true;
      void this.load();
    }
  }

  attributeChangedCallback(_name: string, previous: string | null, value: string | null): void {
    if (this.started && previous !== value) void this.load(true);
  }

  /** The questionnaire in the element's language; an open session is re-read in it too. */
  private async load(keepSession = false): Promise<void> {
    this.alerts.textContent = "";
    this.show(h("p", {}, this.t.loading));
    try {
      const questionnaire = await this.api().questionnaire();
      this.questionnaire = questionnaire;
      this.questions = new Map(questionnaire.questions.map((q) => [q.id, q]));
      this.types = new Map(questionnaire.questions.map((q) => [q.id, q.type]));
      if (keepSession && this.assessment) {
        const { body, etag } = await this.api().getAssessment(this.assessment.id);
        this.accept(body, etag);
        this.route();
      } else {
        this.renderIntro();
      }
    } catch (error) {
      this.renderFailure(error, () => void this.load(keepSession));
    }
  }

  private accept(assessment: Assessment, etag: string | null): void {
    this.assessment = assessment;
    this.etag = etag;
  }

  private renderFailure(error: unknown, retry: () => void): void {
    this.progress.hidden = true;
    this.alerts.textContent = this.errorText(error);
    this.show(h("div", { className: "actions" }, h("button", { type: "button", onclick: retry }, this.t.retry)));
  }

  private renderIntro(): void {
    this.progress.hidden = true;
    const title = h("h2", {}, this.questionnaire?.title ?? "");
    this.show(
      h("section", {},
        title,
        h("p", {}, this.t.intro),
        h("p", {}, h("strong", {}, this.t.emergencyFirst)),
        h("div", { className: "actions" },
          h("button", { type: "button", onclick: () => void this.begin() }, this.t.start)),
      ),
    );
  }

  private async begin(): Promise<void> {
    this.alerts.textContent = "";
    this.history = [];
    try {
      const { body, etag } = await this.api().createAssessment({});
      this.accept(body, etag);
      this.route();
    } catch (error) {
      this.renderFailure(error, () => void this.begin());
    }
  }

  private get answers(): Record<string, Answer> {
    return (this.assessment?.answers ?? {}) as Record<string, Answer>;
  }

  /** The result's next step: stop, ask the next question on the quick path, or show it. */
  private route(): void {
    const assessment = this.assessment;
    if (!assessment) return;
    const result = assessment.result;
    if (result.should_stop) {
      this.renderStop(result);
      return;
    }
    const next = assessment.next_questions
      .map((id) => this.questions.get(id))
      .find((q): q is Question => q !== undefined && isEnabled(q, this.answers, this.types));
    if (next) this.renderQuestion(next);
    else void this.renderResult(result);
  }

  private updateProgress(): void {
    const answered = Object.keys(this.answers).length;
    const remaining = this.assessment?.next_questions.length ?? 0;
    const total = Math.max(answered + remaining, 1);
    const current = Math.min(this.history.length + 1, total);
    const text = this.t.progress(current, total);
    const label = uid("progress");
    this.progress.hidden = false;
    this.progress.replaceChildren(
      h("p", { id: label, "aria-live": "polite" }, text),
      h("progress", { max: total, value: current - 1, "aria-label": this.t.progressLabel }),
    );
  }

  private renderQuestion(question: Question, message = ""): void {
    this.updateProgress();
    const legendId = uid("q");
    const helpId = uid("help");
    const errorId = uid("error");
    const current = this.answers[question.id];
    const legend = h("legend", { id: legendId },
      question.red_flag ? h("span", { className: "tag" }, this.t.redFlagNote) : null,
      question.red_flag ? h("br") : null,
      question.text,
    );
    const error = h("p", { id: errorId, className: "error", "aria-live": "assertive" }, message);
    const describedBy = question.help ? `${helpId} ${errorId}` : errorId;
    const fieldset = h("fieldset", { "aria-describedby": describedBy, "data-question": question.id },
      legend,
      question.help ? h("p", { id: helpId, className: "help" }, question.help) : null,
      ...this.inputs(question, current, legendId),
    );
    const form = h("form", { novalidate: true }, fieldset, error,
      h("div", { className: "actions" },
        this.history.length
          ? h("button", { type: "button", className: "secondary", onclick: () => this.back() }, this.t.back)
          : null,
        h("button", { type: "submit" }, this.t.next),
      ),
    ) as HTMLFormElement;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit(question, form, error);
    });
    this.show(form);
    this.moveFocus(legend);
  }

  private inputs(question: Question, current: Answer | undefined, legendId: string): HTMLElement[] {
    const name = `answer-${question.id}`;
    const choice = (type: string, value: string, label: string, checked: boolean) => {
      const id = uid("opt");
      return h("div", { className: "choice" },
        h("input", { type, id, name, value, checked }),
        h("label", { for: id }, label),
      );
    };
    if (question.type === "boolean") {
      return [
        choice("radio", "true", this.t.yes, current === true),
        choice("radio", "false", this.t.no, current === false),
      ];
    }
    if (question.type === "single") {
      return question.options.map((o) => choice("radio", o.value, o.label, current === o.value));
    }
    if (question.type === "multi") {
      const chosen = Array.isArray(current) ? current : [];
      const boxes = question.options.map((o) => choice("checkbox", o.value, o.label, chosen.includes(o.value)));
      const exclusive = new Set(question.exclusive_options);
      for (const box of boxes) {
        const input = box.querySelector("input") as HTMLInputElement;
        input.addEventListener("change", () => {
          if (!input.checked) return;
          // An exclusive option ("none") stands alone: choosing it clears the others, and back.
          for (const other of boxes) {
            const otherInput = other.querySelector("input") as HTMLInputElement;
            if (otherInput === input) continue;
            if (exclusive.has(input.value) || exclusive.has(otherInput.value)) otherInput.checked = false;
          }
        });
      }
      return boxes;
    }
    const unitId = uid("unit");
    const unit = question.unit ? (this.t.unit[question.unit] ?? question.unit) : null;
    return [
      h("div", { className: "choice" },
        h("input", {
          type: "number", name, inputmode: "numeric", step: 1,
          min: question.min ?? undefined, max: question.max ?? undefined,
          value: typeof current === "number" ? current : undefined,
          "aria-labelledby": unit ? `${legendId} ${unitId}` : legendId,
        }),
        unit ? h("span", { id: unitId }, unit) : null,
      ),
    ];
  }

  /** The answer the form holds, or the message saying what is missing. */
  private read(question: Question, form: HTMLFormElement): { value?: Answer; message?: string } {
    const checked = [...form.querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
    if (question.type === "boolean") {
      return checked.length ? { value: checked[0] === "true" } : { message: this.t.chooseOne };
    }
    if (question.type === "single") {
      return checked.length ? { value: checked[0] } : { message: this.t.chooseOne };
    }
    if (question.type === "multi") {
      return checked.length ? { value: checked } : { message: this.t.chooseAtLeastOne };
    }
    const input = form.querySelector<HTMLInputElement>("input[type=number]");
    const text = input?.value.trim() ?? "";
    const value = Number(text);
    const min = question.min ?? null;
    const max = question.max ?? null;
    if (!/^\d+$/.test(text) || (min !== null && value < min) || (max !== null && value > max)) {
      return { message: this.t.enterNumber(min, max) };
    }
    return { value };
  }

  private async submit(question: Question, form: HTMLFormElement, error: HTMLElement): Promise<void> {
    const { value, message } = this.read(question, form);
    if (value === undefined) {
      error.textContent = message ?? "";
      form.querySelector<HTMLInputElement>("input")?.focus();
      return;
    }
    const buttons = [...form.querySelectorAll("button")];
    buttons.forEach((b) => (b.disabled = true));
    error.textContent = "";
    try {
      const id = this.assessment?.id ?? "";
      const { body, etag } = await this.api().putAnswers(id, { [question.id]: value }, this.etag);
      this.accept(body, etag);
      this.history.push(question.id);
      this.alerts.textContent = "";
      this.route();
    } catch (problem) {
      if (problem instanceof ApiError && problem.code === "session_changed" && this.assessment) {
        const { body, etag } = await this.api().getAssessment(this.assessment.id);
        this.accept(body, etag);
        this.alerts.textContent = this.t.sessionChanged;
        this.route();
        return;
      }
      buttons.forEach((b) => (b.disabled = false));
      error.textContent = this.errorText(problem);
    }
  }

  private back(): void {
    const previous = this.history.pop();
    const question = previous ? this.questions.get(previous) : undefined;
    if (question && isEnabled(question, this.answers, this.types)) this.renderQuestion(question);
    else this.route();
  }

  private restartButton(): HTMLElement {
    return h("div", { className: "actions" },
      h("button", { type: "button", className: "secondary", onclick: () => void this.begin() }, this.t.restart));
  }

  private renderStop(result: AssessmentResult): void {
    this.progress.hidden = true;
    const urgency = result.urgency;
    const outOfScope = result.out_of_scope && "message" in result.out_of_scope ? result.out_of_scope : null;
    const title = h("h2", {}, outOfScope ? this.t.outOfScopeTitle : this.t.stopTitle);
    const emergency = urgency.level === "emergency_ambulance" || urgency.level === "emergency_department";
    this.show(
      h("section", { className: outOfScope ? "card" : "emergency", "data-view": "stop", "data-urgency": urgency.level },
        title,
        outOfScope ? h("p", {}, outOfScope.message) : null,
        h("p", { className: "urgency-label" }, urgency.label),
        h("p", {}, `${urgency.timeframe} · ${urgency.service}`),
        emergency
          ? h("a", { className: "call", href: `tel:${urgency.emergency_number}` }, this.t.call(urgency.emergency_number))
          : null,
        urgency.safety_net.length ? h("h3", {}, this.t.whatToDo) : null,
        urgency.safety_net.length ? h("ul", { className: "plain" }, urgency.safety_net.map((line) => h("li", {}, line))) : null,
        h("p", { className: "disclaimer" }, result.disclaimer),
      ),
      this.restartButton(),
    );
    this.moveFocus(title);
    this.emit("spinecare-stop", { result, assessmentId: this.assessment?.id });
  }

  private async catalogue(): Promise<Catalogue> {
    const api = this.api();
    const [conditions, treatments] = await Promise.all([
      api.conditions().catch(() => [] as ConditionSummary[]),
      api.therapies().catch(() => [] as TreatmentSummary[]),
    ]);
    return {
      conditions: new Map(conditions.map((c) => [c.slug, c])),
      treatments: new Map(treatments.map((t) => [t.slug, t])),
    };
  }

  private async renderResult(result: AssessmentResult): Promise<void> {
    this.progress.hidden = true;
    this.show(h("p", {}, this.t.loading));
    const names = await this.catalogue();
    const t = this.t;
    const urgency = result.urgency;
    const title = h("h2", {}, t.resultTitle);
    const fitting = result.conditions.filter((c) => c.band !== "unlikely");
    const pathway = result.care_pathway;
    const section = h("section", { "data-view": "result", "data-urgency": urgency.level },
      title,
      h("div", { className: "card" },
        h("p", { className: "urgency-label" }, urgency.label),
        h("p", {}, `${urgency.timeframe} · ${urgency.service}`),
      ),
      result.warnings.length
        ? h("div", {},
          h("h3", {}, t.checkAnswers),
          h("ul", { className: "plain" }, result.warnings.map((w) => h("li", {}, w.message))))
        : null,
      h("h3", {}, t.whatNext),
      h("p", {}, pathway.why),
      pathway.next_step ? h("p", {}, pathway.next_step) : null,
      h("h3", {}, t.patterns),
      fitting.length
        ? h("ul", { className: "plain conditions" }, fitting.map((c) =>
          h("li", { "data-condition": c.slug, "data-band": c.band },
            h("strong", {}, names.conditions.get(c.slug)?.name ?? c.slug),
            ": ",
            h("span", { className: "band" }, c.band_label),
            h("br"),
            h("span", { className: "meta" }, t.confirmedBy),
          )))
        : h("p", {}, t.noPatterns),
      pathway.options_to_discuss.length
        ? h("div", {},
          h("h3", {}, t.options),
          h("ul", { className: "plain" }, pathway.options_to_discuss.map((o) =>
            h("li", { "data-treatment": o.treatment },
              h("strong", {}, names.treatments.get(o.treatment)?.name ?? o.treatment),
              o.evidence ? h("p", { className: "meta" }, o.evidence) : null,
            ))))
        : null,
      urgency.safety_net.length
        ? h("div", { className: "card", "data-safety-net": "" },
          h("h3", {}, t.safetyNet),
          h("ul", { className: "plain" }, urgency.safety_net.map((line) => h("li", {}, line))))
        : null,
      this.contentLinks(result, names),
      this.locator(result),
      h("h3", {}, t.disclaimerTitle),
      h("p", { className: "disclaimer" }, result.disclaimer),
    );
    this.show(section, this.restartButton());
    this.moveFocus(title);
    this.emit("spinecare-result", { result, assessmentId: this.assessment?.id });
  }

  /** `content_links` as the portal's own pages (`content-href="/learn/{kind}/{slug}"`), or as
   * disclosures holding the summary the API gives. */
  private contentLinks(result: AssessmentResult, names: Catalogue): HTMLElement | null {
    const template = this.getAttribute("content-href");
    const items: HTMLElement[] = [];
    for (const link of result.content_links) {
      const [, , kind = "", slug = ""] = link.split("/");
      const item = kind === "conditions" ? names.conditions.get(slug)
        : kind === "treatments" ? names.treatments.get(slug) : undefined;
      const name = item?.name ?? (kind === "care-pathway" ? this.t.carePathway : slug);
      if (template) {
        const href = template.replace("{kind}", encodeURIComponent(kind)).replace("{slug}", encodeURIComponent(slug));
        items.push(h("li", {}, h("a", { href }, name)));
      } else if (item) {
        items.push(h("li", {}, h("details", {}, h("summary", {}, name), h("p", {}, item.summary))));
      }
    }
    if (!items.length) return null;
    return h("div", { "data-content-links": "" }, h("h3", {}, this.t.learnMore), h("ul", { className: "plain" }, items));
  }

  /** The locator pre-filtered from the result: the page's own <spinecare-find-specialist>
   * (`locator-target="its id"`) or one inside this element. */
  private locator(result: AssessmentResult): HTMLElement | null {
    if (!result.locator_href) return null;
    const targetId = this.getAttribute("locator-target");
    const target = targetId ? (document.getElementById(targetId) as FindSpecialist | null) : null;
    if (target && typeof target.applyLocatorHref === "function") {
      target.applyLocatorHref(result.locator_href);
      return h("div", { className: "actions" },
        h("button", { type: "button", onclick: () => target.focusSearch() }, this.t.findSpecialist));
    }
    const finder = document.createElement("spinecare-find-specialist");
    for (const name of ["api-base", "api-key", "lang"]) {
      const value = name === "lang" ? this.language : this.getAttribute(name);
      if (value !== null) finder.setAttribute(name, value);
    }
    finder.setAttribute("locator-href", result.locator_href);
    return finder;
  }
}
