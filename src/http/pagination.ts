import type { FastifyRequest } from "fastify";
import type { PageRequest, Slice } from "../db/read-models.js";

/** How every list answers: the rows, and the page with a link to the next one (null on the last). */
export interface PageBody<T> {
  readonly ok: true;
  readonly items: readonly T[];
  readonly page: { readonly limit: number; readonly offset: number; readonly next: string | null };
}

/** The list answer for a slice fetched with `page`; `next` repeats the request's filters. */
export function pageBody<T, U = T>(
  request: FastifyRequest,
  page: PageRequest,
  slice: Slice<T>,
  map: (row: T) => U = (row) => row as unknown as U,
): PageBody<U> {
  let next: string | null = null;
  if (slice.more) {
    const url = new URL(request.url, "http://takt.invalid");
    url.searchParams.set("limit", String(page.limit));
    url.searchParams.set("offset", String(page.offset + page.limit));
    next = `${url.pathname}${url.search}`;
  }
  return { ok: true, items: slice.rows.map(map), page: { limit: page.limit, offset: page.offset, next } };
}
