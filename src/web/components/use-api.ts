import { useEffect, useState } from "preact/hooks";
import { type ApiResult, api, type Query } from "../api.js";

/** GETs `path` with `query` whenever either (or `reload`) changes; null while loading. */
export function useGet<T>(path: string | null, query: Query = {}, reload = 0): ApiResult<T> | null {
  const key = path === null ? "" : JSON.stringify([path, query, reload]);
  const [state, setState] = useState<{ key: string; result: ApiResult<T> | null }>({ key: "", result: null });
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState({ key, result: null });
    api.get<T>(path, query).then((result) => {
      if (live) setState({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return state.key === key ? state.result : null;
}
