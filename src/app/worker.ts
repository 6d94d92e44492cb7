import { runJob } from "./jobs.js";
import { serveChunks } from "./worker-pool.js";

serveChunks(runJob);
