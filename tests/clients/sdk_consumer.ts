// Type-checked and run by tests/clients/test_packages.py in a scratch npm project where only the
// packed tarball is installed: what a partner's code does. Prints what it saw as one JSON object.
import {
  SpinecareError,
  createSpinecareClient,
  isSpinecareError,
  paginate,
  paginateItems,
  unwrap,
  type ProblemCode,
  type Schemas,
} from "@spinecare/partner-api-client";

declare const process: { env: Record<string, string | undefined> };

const client = createSpinecareClient({
  baseUrl: process.env.SPINECARE_BASE_URL!,
  apiKey: process.env.SPINECARE_API_KEY!,
});
const seen: Record<string, unknown> = {};

// Page-numbered: follows the Link header, page by page.
const pages: string[][] = [];
for await (const page of paginate(client, "/v1/conditions", { query: { page_size: 2 } })) {
  pages.push(page.map((condition: Schemas["ConditionSummary"]) => condition.slug));
}
seen.condition_pages = pages;
const all = unwrap(await client.GET("/v1/conditions", { params: { query: { page_size: 100 } } }));
seen.all_conditions = all.map((condition) => condition.slug);

// The change feed: links on forever (where the next sync starts), ends at has_more false.
const changes: [number, boolean][] = [];
for await (const page of paginate(client, "/v1/content/changes", { query: { limit: 10 } })) {
  changes.push([page.changes.length, page.has_more]);
}
seen.changes = changes;
seen.all_changes = unwrap(await client.GET("/v1/content/changes", { params: { query: { limit: 500 } } })).changes.length;

// Keyset: follows Link (or next_cursor); only the first 12 results (three pages of 5).
const physicians: [number, number | null][] = [];
for await (const found of paginateItems(client, "/v1/physicians", { query: { zip: "10001", limit: 5 } })) {
  physicians.push([found.provider.id, found.distance ?? null]);
  if (physicians.length === 12) break;
}
seen.physicians = physicians;

// Typed errors, from unwrap and from a paginated list.
const expected: ProblemCode = "not_found";
const attempts: [string, () => Promise<unknown>][] = [
  ["not_found", async () => unwrap(await client.GET("/v1/physicians/{provider_id}", { params: { path: { provider_id: 999999999 } } }))],
  ["scope", async () => paginate(client, "/v1/audit-events").next()],
];
for (const [name, attempt] of attempts) {
  try {
    await attempt();
  } catch (error) {
    if (!(error instanceof SpinecareError)) throw error;
    seen[name] = {
      status: error.status,
      code: error.code,
      type: error.type,
      detail: error.detail,
      known: isSpinecareError(error, expected),
      request_id: error.requestId ?? null,
    };
  }
}
console.log(JSON.stringify(seen));
