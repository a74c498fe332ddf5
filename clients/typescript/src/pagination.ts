// Every page of a list, following the API's own links. Written by hand.
//
// Every list sends an RFC 8288 `Link` header whose rel="next" target is the next page: the
// page-numbered lists (/v1/conditions, /v1/treatments, /v1/search, /v1/audit-events) and the
// keyset ones (/v1/physicians, /v1/content/changes). Its query is requested next, on the client's
// own base URL (a proxy in front of the API cannot misdirect the key). Without a `Link`, a keyset
// page's `next_cursor` is sent back as `cursor` (/v1/physicians) or `since` (/v1/content/changes).
// The change feed always links on (to where the next sync starts), so its pages end where it says
// `has_more: false`.
import { SpinecareError } from "./errors.js";
import type { SpinecareClient } from "./index.js";
import type { paths } from "./schema.js";

type GetOf<P extends keyof paths> = paths[P] extends { get: infer Operation } ? Operation : never;
/** The query parameters of a path's GET. */
export type QueryOf<P extends keyof paths> = GetOf<P> extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;
/** The paths whose GET is a paginated list. */
export type PaginatedPath = {
  [P in keyof paths]: [keyof QueryOf<P>] extends [never]
    ? never
    : Extract<keyof QueryOf<P>, "page" | "cursor" | "since"> extends never
      ? never
      : P;
}[keyof paths];
/** One page of a list: its 200 body. */
export type PageOf<P extends keyof paths> = GetOf<P> extends {
  responses: { 200: { content: { "application/json": infer Body } } };
}
  ? Body
  : never;
/** One item of a list: the page itself is the list, or its `results`, `changes` or `items` are. */
export type ItemOf<P extends keyof paths> = PageOf<P> extends readonly (infer Item)[]
  ? Item
  : PageOf<P> extends { results: readonly (infer Item)[] }
    ? Item
    : PageOf<P> extends { changes: readonly (infer Item)[] }
      ? Item
      : never;

export interface PaginateOptions<P extends PaginatedPath> {
  /** The first page's query (the later pages keep it). */
  query?: QueryOf<P>;
  /** Extra headers on every page's request, e.g. `{ "Accept-Language": "es" }`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// The query parameter a keyset list takes its `next_cursor` back in.
const CURSOR_PARAMETERS: Partial<Record<PaginatedPath, string>> = { "/v1/content/changes": "since" };
const DEFAULT_CURSOR_PARAMETER = "cursor";
type Query = Record<string, string | string[] | number | boolean | (string | number | boolean)[]>;
type LooseClient = {
  GET(path: string, init: unknown): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

/** The query of the rel="next" target of a `Link` header, or undefined when there is none. */
export function nextLinkQuery(link: string | null): Query | undefined {
  for (const entry of (link ?? "").split(",")) {
    const [target = "", ...parameters] = entry.split(";").map((part) => part.trim());
    const rels = parameters
      .map((parameter) => parameter.split("="))
      .filter(([name]) => name?.trim().toLowerCase() === "rel")
      .flatMap(([, value]) => (value ?? "").trim().replace(/^"|"$/g, "").split(/\s+/));
    if (rels.includes("next") && target.startsWith("<") && target.endsWith(">")) {
      const query: Record<string, string | string[]> = {};
      new URL(target.slice(1, -1), "http://link.invalid").searchParams.forEach((value, name) => {
        const previous = query[name];
        query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      });
      return query;
    }
  }
  return undefined;
}

/**
 * Each page of a list, from the first (as `options.query` asks) to the last.
 *
 *     for await (const page of paginate(client, "/v1/physicians", { query: { zip: "10001", limit: 50 } })) {
 *       for (const found of page.results) console.log(found.distance, found.provider.name);
 *     }
 *
 * A page that is an error throws SpinecareError; the pages before it have been yielded.
 */
export async function* paginate<P extends PaginatedPath>(
  client: SpinecareClient,
  path: P,
  options: PaginateOptions<P> = {},
): AsyncGenerator<PageOf<P>, void, undefined> {
  const loose = client as unknown as LooseClient;
  const cursorParameter = CURSOR_PARAMETERS[path] ?? DEFAULT_CURSOR_PARAMETER;
  let query = { ...(options.query ?? {}) } as Query;
  for (;;) {
    const { data, error, response } = await loose.GET(path, {
      params: { query },
      headers: options.headers,
      signal: options.signal,
    });
    if (!response.ok) throw SpinecareError.from(error, response);
    yield data as PageOf<P>;
    const page = (data ?? {}) as { next_cursor?: unknown; has_more?: unknown };
    // The change feed links on to where the next sync starts: not a page now.
    if (page.has_more === false) return;
    const linked = nextLinkQuery(response.headers.get("Link"));
    if (linked) {
      query = linked;
    } else if (typeof page.next_cursor === "string") {
      query = { ...query, [cursorParameter]: page.next_cursor };
    } else {
      return;
    }
  }
}

/** The items of every page: the page itself, or its `results`, `changes` or `items`. */
export async function* paginateItems<P extends PaginatedPath>(
  client: SpinecareClient,
  path: P,
  options: PaginateOptions<P> = {},
): AsyncGenerator<ItemOf<P>, void, undefined> {
  for await (const page of paginate(client, path, options)) {
    const body = page as unknown;
    const envelope = body as { results?: unknown[]; changes?: unknown[]; items?: unknown[] };
    const items = Array.isArray(body) ? body : (envelope.results ?? envelope.changes ?? envelope.items);
    if (!Array.isArray(items)) throw new TypeError(`${path} did not answer a page of items`);
    yield* items as ItemOf<P>[];
  }
}
