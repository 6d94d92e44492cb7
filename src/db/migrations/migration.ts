/**
 * A versioned schema change. Migrations are TypeScript strings (not .sql files) so the compiled
 * package carries them without a copy step. Never edit one that has shipped: add the next version.
 */
export interface Migration {
  /** 1, 2, 3, … applied in this order, each once. */
  readonly version: number;
  /** Short kebab-case description. */
  readonly name: string;
  /** One or more SQL statements, PostgreSQL 15+ (the server floor; PGlite runs a newer one). */
  readonly sql: string;
}
