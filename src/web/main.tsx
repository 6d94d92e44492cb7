import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, onUnauthorized } from "./api.js";
import { Issues, Loading } from "./components/issues.js";
import { LoginPage } from "./pages/login.js";
import { pagesFor } from "./pages.js";
import { href, useRoute } from "./router.js";
import { clearToken, getToken, type Session } from "./session.js";
import "./styles.css";

type Me = Omit<Session, "token">;

/** Boot: a stored token is checked with GET /dashboard/me; without one (or on 401) the login page. */
function App() {
  const [session, setSession] = useState<Session | null | "checking">(
    getToken() === null ? null : "checking",
  );
  useEffect(() => onUnauthorized(() => setSession(null)), []);
  useEffect(() => {
    const token = getToken();
    if (session !== "checking" || token === null) return;
    api.get<Me>("/dashboard/me").then((r) => setSession(r.ok ? { ...r.value, token } : null));
  }, [session]);
  if (session === "checking") return <Loading what="your session" />;
  if (session === null) return <LoginPage onLogin={setSession} />;
  return (
    <Shell
      session={session}
      onLogout={() => {
        clearToken();
        setSession(null);
      }}
    />
  );
}

function Shell({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const route = useRoute();
  const pages = pagesFor(session.role);
  const page = pages.find((p) => p.path === route.path) ?? (route.path === "/" ? pages[0] : undefined);
  useEffect(() => {
    document.title = `${page?.title ?? "Not found"} — takt`;
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [page]);
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <span class="brand">takt</span>
        <nav aria-label="Pages">
          {pages.map((p) => (
            <a key={p.path} href={href(p.path)} aria-current={p === page ? "page" : undefined}>
              {p.title}
            </a>
          ))}
        </nav>
        <span class="who">
          {session.name || "token"} · {session.role}
          {session.supplier !== null ? ` ${session.supplier}` : ""} · today {session.today}
        </span>
        <button type="button" class="link" onClick={onLogout}>
          Log out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {page === undefined ? (
          <Issues
            issues={[
              {
                code: "not_found",
                path: { field: "page" },
                message: `no page ${route.path} for the ${session.role} role`,
              },
            ]}
          />
        ) : (
          <page.component query={route.query} session={session} />
        )}
      </main>
    </>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading…" placeholder of index.html
render(<App />, root);
