// Typed errors: every error of the API is an RFC 9457 problem (`application/problem+json`) with a
// stable `code`. Written by hand; the types come from ./schema.d.ts (`make clients`).
import type { components } from "./schema.js";

/** Every `code` the API documents (`ProblemCode` in the spec). */
export type ProblemCode = components["schemas"]["ProblemCode"];
/** A problem body as documented; extension members (e.g. `required_scope`) may be present too. */
export type Problem = components["schemas"]["Problem"];
/** One entry of a problem's `errors`: which input was refused and why. */
export interface FieldError {
  in?: string;
  name?: string | null;
  message?: string;
  [member: string]: unknown;
}

/**
 * An error answer of the API, thrown by `unwrap` and `paginate`.
 *
 * Switch on `code` (a `ProblemCode`; a code newer than this client is kept as the string it is),
 * not on `detail`, which is for people. `problem` is the whole body, extension members included.
 */
export class SpinecareError extends Error {
  override readonly name = "SpinecareError";
  readonly status: number;
  // `string & {}` keeps the ProblemCode names in editors while accepting a newer code.
  readonly code: ProblemCode | (string & {});
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly requestId: string | undefined;
  readonly errors: FieldError[];
  readonly problem: Record<string, unknown>;
  readonly response: Response | undefined;

  constructor(status: number, problem: Record<string, unknown>, response?: Response) {
    const code = typeof problem.code === "string" && problem.code ? problem.code : "error";
    const title = typeof problem.title === "string" ? problem.title : "";
    const detail = typeof problem.detail === "string" && problem.detail ? problem.detail : title || `HTTP ${status}`;
    super(`${status} ${code}: ${detail}`);
    this.status = status;
    this.code = code;
    this.type = typeof problem.type === "string" ? problem.type : `urn:spinecare:problem:${code}`;
    this.title = title;
    this.detail = detail;
    this.requestId =
      (typeof problem.request_id === "string" ? problem.request_id : undefined) ??
      response?.headers.get("X-Request-ID") ??
      undefined;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.problem = problem;
    this.response = response;
  }

  /** Seconds to wait before retrying (429 `rate_limited`, 503), when the API says. */
  get retryAfter(): number | undefined {
    const value = this.response?.headers.get("Retry-After");
    return value && /^\d+$/.test(value) ? Number(value) : undefined;
  }

  /** From the `error` and `response` an openapi-fetch call returned. */
  static from(error: unknown, response: Response): SpinecareError {
    if (error !== null && typeof error === "object" && !Array.isArray(error)) {
      return new SpinecareError(response.status, error as Record<string, unknown>, response);
    }
    // Not a problem body (e.g. a proxy's page): keep the status and the text.
    const text = typeof error === "string" ? error.slice(0, 200) : "";
    return new SpinecareError(response.status, { detail: text || `HTTP ${response.status}` }, response);
  }
}

/** Whether `error` is a SpinecareError, optionally with one of `codes`. */
export function isSpinecareError(error: unknown, ...codes: ProblemCode[]): error is SpinecareError {
  return error instanceof SpinecareError && (codes.length === 0 || (codes as string[]).includes(error.code));
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful openapi-fetch call; throws SpinecareError otherwise.
 *
 *     const condition = unwrap(await client.GET("/v1/conditions/{slug}", { params: { path: { slug } } }));
 */
export function unwrap<R extends FetchResult>(result: R): Exclude<R["data"], undefined> {
  if (!result.response.ok) throw SpinecareError.from(result.error, result.response);
  return result.data as Exclude<R["data"], undefined>;
}
