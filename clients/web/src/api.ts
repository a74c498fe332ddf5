// A small fetch layer typed against the TypeScript client's generated schema (type-only: nothing
// of clients/typescript ends up in the bundle). Every call sends the key as X-API-Key and the
// element's language as Accept-Language; errors come back as problem+json and are thrown as
// ApiError with the problem's stable `code`.
import type { components } from "../../typescript/src/schema.js";

type Schemas = components["schemas"];
export type Questionnaire = Schemas["AssessmentQuestionnaire"];
export type Question = Schemas["AssessmentQuestion"];
export type Assessment = Schemas["Assessment"];
export type AssessmentResult = Schemas["AssessmentResult"];
export type ConditionSummary = Schemas["ConditionSummary"];
export type TreatmentSummary = Schemas["TreatmentSummary"];
export type Specialty = Schemas["Specialty"];
export type PhysicianSearchPage = Schemas["PhysicianSearchPage"];
export type PhysicianResult = Schemas["PhysicianResult"];
export type Answer = boolean | number | string | string[];
export type Answers = Record<string, Answer | null>;

export interface ProblemError {
  in?: string;
  name?: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ProblemError[] = [],
  ) {
    super(message);
  }
}

export interface ApiOptions {
  base: string;
  key: string;
  lang: string;
}

export class Api {
  constructor(private readonly options: ApiOptions) {}

  private url(path: string): string {
    const base = this.options.base.replace(/\/+$/, "");
    return `${base}${path}`;
  }

  async request<T>(method: string, path: string, init: { body?: unknown; ifMatch?: string } = {}):
    Promise<{ body: T; etag: string | null }> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Accept-Language": this.options.lang,
      "X-API-Key": this.options.key,
    };
    if (init.body !== undefined) headers["Content-Type"] = "application/json";
    if (init.ifMatch) headers["If-Match"] = init.ifMatch;
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: "omit",
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, "network_error", "network");
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (!response.ok) {
      const problem = (body ?? {}) as { code?: string; detail?: string; title?: string; errors?: ProblemError[] };
      throw new ApiError(
        response.status,
        problem.code ?? "http_error",
        problem.detail ?? problem.title ?? `HTTP ${response.status}`,
        problem.errors ?? [],
      );
    }
    return { body: body as T, etag: response.headers.get("ETag") };
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>("GET", path)).body;
  }

  questionnaire(): Promise<Questionnaire> {
    return this.get<Questionnaire>("/v1/assessment/questionnaire");
  }

  createAssessment(answers: Answers = {}) {
    return this.request<Assessment>("POST", "/v1/assessments", { body: { answers } });
  }

  getAssessment(id: string) {
    return this.request<Assessment>("GET", `/v1/assessments/${encodeURIComponent(id)}`);
  }

  putAnswers(id: string, answers: Answers, ifMatch: string | null) {
    return this.request<Assessment>("PUT", `/v1/assessments/${encodeURIComponent(id)}/answers`, {
      body: { answers },
      ifMatch: ifMatch ?? undefined,
    });
  }

  async conditions(): Promise<ConditionSummary[]> {
    return listItems<ConditionSummary>(await this.get<unknown>("/v1/conditions?page_size=100"));
  }

  async therapies(): Promise<TreatmentSummary[]> {
    return listItems<TreatmentSummary>(await this.get<unknown>("/v1/therapies"));
  }

  async specialties(): Promise<Specialty[]> {
    return listItems<Specialty>(await this.get<unknown>("/v1/specialties"));
  }

  physicians(query: URLSearchParams): Promise<PhysicianSearchPage> {
    return this.get<PhysicianSearchPage>(`/v1/physicians?${query.toString()}`);
  }
}

/** A list answered as a bare array or inside an envelope (`items`, `results` or `data`). */
export function listItems<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === "object") {
    for (const name of ["items", "results", "data"]) {
      const value = (body as Record<string, unknown>)[name];
      if (Array.isArray(value)) return value as T[];
    }
  }
  return [];
}

/** The physicians of a search page, wherever the envelope keeps them. */
export function pageResults(page: PhysicianSearchPage): PhysicianResult[] {
  return listItems<PhysicianResult>(page);
}

/** Which language the API is asked for: `es` for any Spanish tag, else `en`. */
export function apiLanguage(lang: string | null | undefined): "en" | "es" {
  return (lang ?? "").toLowerCase().startsWith("es") ? "es" : "en";
}
