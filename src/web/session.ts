/** The API token, kept for the browser tab only (sessionStorage): closing the tab logs out. */
const KEY = "takt.token";

export type Role = "admin" | "planner" | "viewer" | "supplier";

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly supplier: string | null;
  readonly name: string;
  /** The service's today (the demo's simulated day when the demo replays). */
  readonly today: string;
}

export const getToken = (): string | null => sessionStorage.getItem(KEY);
export const setToken = (t: string): void => sessionStorage.setItem(KEY, t);
export const clearToken = (): void => sessionStorage.removeItem(KEY);

/** Planners and admins act on signals (approve, acknowledge, dismiss); viewers and suppliers read. */
export const canPlan = (s: Session): boolean => s.role === "admin" || s.role === "planner";
