import { useEffect, useState } from "preact/hooks";

/** A location in the dashboard: `#/path?query`. Hash routing keeps the API's paths free on the server. */
export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#/, "") || "/";
  const q = hash.indexOf("?");
  return q < 0
    ? { path: hash, query: new URLSearchParams() }
    : { path: hash.slice(0, q), query: new URLSearchParams(hash.slice(q + 1)) };
}

/** The link for a path and query (empty values left out). */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return `#${path}${s === "" ? "" : `?${s}`}`;
}

export function navigate(path: string, query: Record<string, string | number | undefined> = {}): void {
  location.hash = href(path, query);
}

/** The current route, re-rendering on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}
