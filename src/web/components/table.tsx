import type { ComponentChildren } from "preact";

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly render: (row: T) => ComponentChildren;
  /** The server's sort key when the column sorts (see the endpoint's `sort`). */
  readonly sort?: string;
  readonly numeric?: boolean;
}

export interface TableProps<T> {
  readonly columns: readonly Column<T>[];
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly caption: string;
  readonly sort?: { key: string; desc: boolean };
  readonly onSort?: (key: string, desc: boolean) => void;
  /** Paging: the first row's offset, rows per page, whether more follow, and where to go. */
  readonly page?: { offset: number; limit: number; more: boolean; go: (offset: number) => void };
  readonly selected?: string | null;
  readonly onSelect?: (row: T) => void;
  readonly empty?: string;
}

/**
 * A server-paged, server-sorted table: the page holds at most `limit` rows (the API pages and sorts in
 * SQL), so long lists never download whole. Headers that sort are buttons (keyboard: Tab, Enter);
 * selectable rows take focus and open with Enter.
 */
export function Table<T>(p: TableProps<T>) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="sr-only">{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => {
              const active = p.sort?.key === c.sort && c.sort !== undefined;
              const ariaSort = active ? (p.sort?.desc ? "descending" : "ascending") : undefined;
              return (
                <th key={c.key} class={c.numeric ? "num" : undefined} aria-sort={ariaSort} scope="col">
                  {c.sort !== undefined && p.onSort !== undefined ? (
                    <button
                      type="button"
                      class="sort"
                      onClick={() => p.onSort?.(c.sort!, active ? !p.sort!.desc : false)}
                    >
                      {c.label}
                      <span aria-hidden="true">{active ? (p.sort!.desc ? " ▼" : " ▲") : " ↕"}</span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 && (
            <tr>
              <td colSpan={p.columns.length} class="empty">
                {p.empty ?? "Nothing to show."}
              </td>
            </tr>
          )}
          {p.rows.map((r) => {
            const key = p.rowKey(r);
            const select = p.onSelect;
            return (
              <tr
                key={key}
                class={p.selected === key ? "selected" : undefined}
                tabIndex={select !== undefined ? 0 : undefined}
                onClick={select !== undefined ? () => select(r) : undefined}
                onKeyDown={
                  select !== undefined
                    ? (e) => {
                        if (e.key === "Enter" && e.target === e.currentTarget) select(r);
                      }
                    : undefined
                }
              >
                {p.columns.map((c) => (
                  <td key={c.key} class={c.numeric ? "num" : undefined}>
                    {c.render(r)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.page !== undefined && (p.page.offset > 0 || p.page.more) && (
        <nav class="pager" aria-label={`${p.caption} pages`}>
          <button
            type="button"
            disabled={p.page.offset === 0}
            onClick={() => p.page!.go(Math.max(0, p.page!.offset - p.page!.limit))}
          >
            ← Previous
          </button>
          <span>
            rows {p.page.offset + 1}–{p.page.offset + p.rows.length}
          </span>
          <button
            type="button"
            disabled={!p.page.more}
            onClick={() => p.page!.go(p.page!.offset + p.page!.limit)}
          >
            Next →
          </button>
        </nav>
      )}
    </div>
  );
}
