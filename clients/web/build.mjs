// One classic script for a portal's <script src>: every element, its styles and strings, no
// imports at run time. `node build.mjs [--outfile PATH]`; the default is where Flask serves it.
// Deterministic: same sources and lockfile, same bytes (a test rebuilds and compares).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const flag = process.argv.indexOf("--outfile");
const outfile = flag > 0
  ? process.argv[flag + 1]
  : fileURLToPath(new URL("../../service/static/web/spinecare-elements.js", import.meta.url));

await build({
  entryPoints: [fileURLToPath(new URL("src/index.ts", import.meta.url))],
  bundle: true,
  format: "iife",
  target: ["es2020"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  banner: { js: "/* SpineCare web elements: built from clients/web (npm run build); do not edit. */" },
  outfile,
  logLevel: "warning",
});
