import { afterEach, beforeEach, vi } from "vitest";

// A test that prints through console.* is a test that forgot to assert on something.
// Code under test must report through return values; the CLI writes to injected streams.
const methods = ["log", "info", "warn", "error", "debug"] as const;

beforeEach(() => {
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      throw new Error(`stray console.${m} in a test: ${args.map(String).join(" ")}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});
