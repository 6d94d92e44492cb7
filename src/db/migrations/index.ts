import { migration001 } from "./001-foundation.js";
import type { Migration } from "./migration.js";

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [migration001];
