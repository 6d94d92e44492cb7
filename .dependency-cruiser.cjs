/** Dependency rules: the pure core never reaches out; dependencies point inward. See ARCHITECTURE.md. */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core is pure: no node built-ins, no npm packages, no imports from outer layers.",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: "^src/core/" },
    },
    {
      name: "app-not-adapters",
      comment: "Use cases (src/app) may use core and io, never the CLI, HTTP or web adapters.",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(cli|http|web)/" },
    },
    {
      name: "io-and-report-not-app",
      comment: "Readers/writers and the report renderer depend on core only, not on use cases or the CLI.",
      severity: "error",
      from: { path: "^src/(io|report)/" },
      to: { path: "^src/(app|cli|http|web)/" },
    },
    {
      name: "db-is-storage",
      comment:
        "src/db (adapters, migrations, SQL) depends on core only: use cases in src/app own the transactions.",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(app|io|report|demo|cli|http|web)/" },
    },
    {
      name: "web-is-browser-code",
      comment:
        "The dashboard (src/web) runs in the browser: it talks to the server over HTTP and imports only src/web and npm packages.",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/", pathNot: "^src/web/" },
    },
    {
      name: "nothing-imports-web",
      comment:
        "Server code never imports the browser bundle's sources (it serves the built files from dist/web).",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/web/" },
      to: { path: "^src/web/" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.ts$" },
  },
};
