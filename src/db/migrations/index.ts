import { migration001 } from "./001-foundation.js";
import { migration002 } from "./002-access.js";
import { migration003 } from "./003-live-jobs.js";
import { migration004 } from "./004-work-queue.js";
import { migration005 } from "./005-supplier-indexes.js";
import { migration006 } from "./006-ordering-mode.js";
import { migration007 } from "./007-read-indexes.js";
import { migration008 } from "./008-receipt-rejections.js";
import type { Migration } from "./migration.js";

/** Every migration, in version order. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
];
