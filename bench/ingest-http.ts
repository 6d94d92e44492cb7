/**
 * A small keep-alive HTTP/1.1 JSON client for the service benchmarks (node:http, no retries): a real
 * client talking to a real `takt serve` over TCP.
 */
import { Agent, request } from "node:http";

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export function jsonClient(base: string, token: string, maxSockets = 256) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(base);
  const seen = new WeakSet<object>();
  let sockets = 0;
  const call = (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload !== undefined
              ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: keep the text for the error message
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.on("socket", (s) => {
        if (!seen.has(s)) {
          seen.add(s);
          sockets++;
        }
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  return {
    post: (path: string, body: unknown) => call("POST", path, body),
    get: (path: string) => call("GET", path),
    /** Connections opened so far. */
    connections: () => sockets,
    close: () => agent.destroy(),
  };
}

export type JsonClient = ReturnType<typeof jsonClient>;
