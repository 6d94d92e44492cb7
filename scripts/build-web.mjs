// Bundles the dashboard (src/web, Preact + uPlot) into dist/web with esbuild: run by `npm run build`.
// Offline: every dependency comes from node_modules; the output is index.html, app.js and app.css.
import { copyFile, mkdir } from "node:fs/promises";
import { build } from "esbuild";

const out = "dist/web";
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: "src/web/main.tsx" },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: out,
  logLevel: "warning",
  legalComments: "none",
});
await copyFile("src/web/index.html", `${out}/index.html`);
