import { clearToken, getToken } from "./session.js";

/** One problem as the API reports it (docs/api.md): where, what, expected and received. */
export interface ApiIssue {
  readonly code: string;
  readonly path: Record<string, unknown>;
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; issues: ApiIssue[] };

/** Query parameters: undefined and "" are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s === "" ? path : `${path}?${s}`;
}

/** Listeners told when the API answers 401 (the token was revoked or mistyped): the shell logs out. */
const unauthorizedListeners = new Set<() => void>();
export const onUnauthorized = (f: () => void): (() => void) => {
  unauthorizedListeners.add(f);
  return () => unauthorizedListeners.delete(f);
};

/** Calls the API with the session's bearer token; errors come back as values, never thrown. */
export async function request<T>(
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  token = getToken(),
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    return {
      ok: false,
      status: 0,
      issues: [{ code: "network", path: {}, message: `the server did not answer: ${String(e)}` }],
    };
  }
  const json = (await res.json().catch(() => null)) as { ok?: boolean; issues?: ApiIssue[] } | null;
  if (res.ok && json !== null) return { ok: true, value: json as T };
  if (res.status === 401 && token !== null && token === getToken()) {
    clearToken();
    for (const f of unauthorizedListeners) f();
  }
  return {
    ok: false,
    status: res.status,
    issues: json?.issues ?? [{ code: "http", path: {}, message: `${res.status} ${res.statusText}` }],
  };
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
};
