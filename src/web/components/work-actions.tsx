import { useState } from "preact/hooks";
import { type ApiIssue, api } from "../api.js";
import { Issues } from "./issues.js";

/**
 * The work-queue actions on one signal or alert (POST <base>/assign, /snooze, /resolve and, for alerts,
 * /acknowledge): assign to a name, snooze until a day (it leaves the open queue until then), resolve
 * with a note. Shown to planners and admins only; the server checks the role again.
 */
export function WorkActions(p: {
  /** `/signals/12` or `/alerts/5`. */
  base: string;
  /** Noun for the messages: "Signal 12", "Escalation 5". */
  label: string;
  acknowledge: boolean;
  busy?: boolean;
  onDone: (message: string) => void;
}) {
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [assignee, setAssignee] = useState("");
  const [until, setUntil] = useState("");
  const [note, setNote] = useState("");
  const act = async (verb: string, body: Record<string, unknown>, message: string) => {
    setBusy(true);
    const r = await api.post(`${p.base}/${verb}`, body);
    setBusy(false);
    if (!r.ok) setIssues(r.issues);
    else {
      setIssues([]);
      p.onDone(message);
    }
  };
  const off = busy || p.busy === true;
  const id = p.base.replaceAll("/", "-");
  return (
    <div class="work-actions">
      {p.acknowledge && (
        <div class="actions">
          <button
            type="button"
            disabled={off}
            onClick={() => act("acknowledge", {}, `${p.label} acknowledged.`)}
          >
            Acknowledge
          </button>
        </div>
      )}
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act("assign", { assignee }, `${p.label} assigned to ${assignee.trim()}.`);
        }}
      >
        <label for={`assign${id}`}>Assign to</label>
        <input
          id={`assign${id}`}
          value={assignee}
          placeholder="name"
          onInput={(e) => setAssignee(e.currentTarget.value)}
        />
        <button type="submit" disabled={off || assignee.trim() === ""}>
          Assign
        </button>
      </form>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act("snooze", { until }, `${p.label} snoozed until ${until}.`);
        }}
      >
        <label for={`until${id}`}>Snooze until</label>
        <input id={`until${id}`} type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        <button type="submit" disabled={off || until === ""}>
          Snooze
        </button>
      </form>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act("resolve", note.trim() === "" ? {} : { note: note.trim() }, `${p.label} resolved.`);
        }}
      >
        <label for={`note${id}`}>Note</label>
        <input
          id={`note${id}`}
          value={note}
          placeholder="what was done"
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <button type="submit" disabled={off}>
          Resolve
        </button>
      </form>
      {issues.length > 0 && <Issues issues={issues} />}
    </div>
  );
}
