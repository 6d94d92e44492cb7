import type { Session } from "./session.js";

/** What every page receives: the route's query (state lives in the URL) and the session. */
export interface PageProps {
  readonly query: URLSearchParams;
  readonly session: Session;
}
