import { useEffect, useRef, useState } from "preact/hooks";
import { type ApiIssue, request } from "../api.js";
import { Issues } from "../components/issues.js";
import { type Session, setToken } from "../session.js";

/**
 * The login page: an API token (takt token create, or the one `takt serve` printed for the demo) is
 * checked with GET /dashboard/me and kept in sessionStorage for this tab.
 */
export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const [token, setTokenText] = useState("");
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = token.trim();
    if (t === "") {
      setIssues([
        {
          code: "required",
          path: { field: "token" },
          message: "type an API token",
          expected: "a token from takt token create",
        },
      ]);
      return;
    }
    setBusy(true);
    const r = await request<Omit<Session, "token">>("GET", "/dashboard/me", undefined, t);
    setBusy(false);
    if (!r.ok) {
      setIssues(r.issues);
      return;
    }
    setToken(t);
    onLogin({ ...r.value, token: t });
  };
  return (
    <main class="login" id="main">
      <h1>takt</h1>
      <p>Just-in-time planning: the weekly review, signals and suppliers.</p>
      <form onSubmit={submit}>
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          ref={input}
          value={token}
          onInput={(e) => setTokenText((e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Checking…" : "Log in"}
        </button>
      </form>
      {issues.length > 0 && <Issues issues={issues} />}
      <p class="hint">
        Create one with <code>takt token create --role planner</code>. The token stays in this browser tab
        only.
      </p>
    </main>
  );
}
