/**
 * The browsable API reference at /docs: one self-contained HTML page rendered on the server from the
 * OpenAPI document (no script, no CDN, no web font), so it works offline and behind any firewall.
 */

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

type Json = Record<string, unknown>;

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:1.2rem 2rem}header h1{margin:0;font-size:1.4rem}
main{display:grid;grid-template-columns:16rem 1fr;gap:2rem;padding:1.5rem 2rem;max-width:80rem}
nav{position:sticky;top:1rem;align-self:start;font-size:.85rem;max-height:95vh;overflow:auto}
nav a{display:block;color:#1d2430;text-decoration:none;padding:.1rem 0}nav h3{margin:.8rem 0 .2rem;font-size:.8rem;text-transform:uppercase;color:#667}
section.op{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:1rem 1.2rem;margin:0 0 1rem}
.m{display:inline-block;min-width:3.6rem;text-align:center;font-weight:700;font-size:.8rem;border-radius:4px;padding:.1rem .4rem;color:#fff}
.GET{background:#2f6fb3}.POST{background:#2e8b57}.PUT{background:#b8860b}.PATCH{background:#8a63b8}.DELETE{background:#b33a3a}
code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}pre{background:#f1f3f5;padding:.6rem;overflow:auto;border-radius:4px}
table{border-collapse:collapse;font-size:.88rem}td,th{border-bottom:1px solid #e5e8eb;padding:.25rem .6rem;text-align:left;vertical-align:top}
.roles span{background:#eef1f4;border-radius:3px;padding:0 .35rem;margin-right:.25rem;font-size:.8rem}
`;

export function renderDocsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const ops: { path: string; method: string; op: Json }[] = [];
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods)) ops.push({ path, method: method.toUpperCase(), op });
  const byTag = new Map<string, typeof ops>();
  for (const o of ops) {
    const tag = ((o.op.tags as string[] | undefined) ?? ["other"])[0]!;
    byTag.set(tag, [...(byTag.get(tag) ?? []), o]);
  }
  const anchor = (o: (typeof ops)[number]) => `${o.method}-${o.path}`.replace(/[^A-Za-z0-9]+/g, "-");
  const nav = [...byTag.entries()]
    .map(
      ([tag, list]) =>
        `<h3>${esc(tag)}</h3>${list.map((o) => `<a href="#${anchor(o)}"><b>${o.method}</b> ${esc(o.path)}</a>`).join("")}`,
    )
    .join("");
  const sections = [...byTag.entries()]
    .map(([tag, list]) => `<h2>${esc(tag)}</h2>${list.map((o) => operation(o, anchor(o))).join("")}`)
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(String(info.title))} ${esc(String(info.version))}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(String(info.title))} <small>${esc(String(info.version))}</small></h1>
<div>OpenAPI ${esc(String(doc.openapi))} — machine-readable at <a style="color:#9cf" href="/openapi.json">/openapi.json</a></div></header>
<main><nav>${nav}</nav><div><p>${esc(String(info.description))}</p>${sections}
<h2>Error shape</h2><pre>${esc(JSON.stringify((doc.components as Json).schemas, null, 2))}</pre></div></main></body></html>
`;
}

function operation(o: { path: string; method: string; op: Json }, id: string): string {
  const params = (o.op.parameters as Json[] | undefined) ?? [];
  const roles = (o.op["x-takt-roles"] as string[] | undefined) ?? [];
  const body = o.op.requestBody as Json | undefined;
  const bodySchema =
    body === undefined ? undefined : ((body.content as Json)["application/json"] as Json).schema;
  const responses = Object.keys(o.op.responses as Json);
  return `<section class="op" id="${id}"><div><span class="m ${o.method}">${o.method}</span> <code>${esc(o.path)}</code> — ${esc(String(o.op.summary ?? ""))}</div>
<p class="roles">roles: ${roles.map((r) => `<span>${esc(r)}</span>`).join("")}</p>
${o.op.description ? `<p>${esc(String(o.op.description).replace(/\n\nRoles: .*$/s, ""))}</p>` : ""}
${
  params.length > 0
    ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${params
        .map(
          (p) =>
            `<tr><td><code>${esc(String(p.name))}</code></td><td>${esc(String(p.in))}</td><td>${p.required ? "yes" : "no"}</td><td><code>${esc(JSON.stringify(p.schema))}</code>${p.description ? ` ${esc(String(p.description))}` : ""}</td></tr>`,
        )
        .join("")}</table>`
    : ""
}
${bodySchema !== undefined ? `<p>request body (application/json):</p><pre>${esc(JSON.stringify(bodySchema, null, 2))}</pre>` : ""}
<p>responses: ${responses.map((r) => `<code>${esc(r)}</code>`).join(" ")}</p></section>`;
}
