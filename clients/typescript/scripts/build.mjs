// `npm run build` (and so `npm pack`): a clean dist/ from src/ with tsc. tsc never copies a
// .d.ts source, so the generated schema.d.ts, which index.d.ts imports, is copied beside it.
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

const here = new URL("..", import.meta.url);
rmSync(new URL("dist", here), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: here, stdio: "inherit" });
copyFileSync(new URL("src/schema.d.ts", here), new URL("dist/schema.d.ts", here));
