import type { ApiIssue } from "../api.js";

/** The API's issues as a list a person can act on: where, what, expected, received. */
export function Issues({ issues }: { issues: readonly ApiIssue[] }) {
  return (
    <div class="issues" role="alert">
      {issues.map((i) => (
        <p key={`${i.code}:${i.message}`}>
          <strong>{i.message}</strong>
          {Object.keys(i.path).length > 0 && (
            <span>
              {" "}
              (
              {Object.entries(i.path)
                .map(([k, v]) => `${k} ${String(v)}`)
                .join(", ")}
              )
            </span>
          )}
          {i.expected !== undefined && <span> — expected {i.expected}</span>}
          {i.received !== undefined && <span>, got {i.received}</span>}
        </p>
      ))}
    </div>
  );
}

export const Loading = ({ what }: { what: string }) => (
  <p class="loading" aria-busy="true">
    Loading {what}…
  </p>
);
