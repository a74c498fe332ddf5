// The SpineCare Partner API client: openapi-fetch over the types openapi-typescript generates
// into ./schema.d.ts (`make clients`). This file, errors.ts and pagination.ts are written by hand.
import createClient, { type Client, type ClientOptions } from "openapi-fetch";

import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type SpinecareClient = Client<paths>;
export { SpinecareError, isSpinecareError, unwrap, type FieldError, type Problem, type ProblemCode } from "./errors.js";
export {
  nextLinkQuery,
  paginate,
  paginateItems,
  type ItemOf,
  type PageOf,
  type PaginateOptions,
  type PaginatedPath,
  type QueryOf,
} from "./pagination.js";

export interface SpinecareClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** Where the API is served, e.g. `https://api.example.com` (no trailing `/v1`). */
  baseUrl: string;
  /**
   * A partner key, sent as `X-API-Key` on every request: a secret key `sck_<prefix>_<secret>` on
   * servers, a publishable key `pk_<prefix>_<secret>` in browsers (from a registered origin).
   */
  apiKey: string;
}

/** A typed client: `client.GET("/v1/physicians", { params: { query: { zip: "10001" } } })`. */
export function createSpinecareClient({ baseUrl, apiKey, headers, ...options }: SpinecareClientOptions): SpinecareClient {
  return createClient<paths>({
    ...options,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { ...headers, "X-API-Key": apiKey },
  });
}
