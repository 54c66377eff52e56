// What a schema migration is, shared by every engine's numbered list.

/** One numbered step of an engine's schema; applied once, in one transaction, never edited. */
export interface Migration {
  readonly version: number;
  /** Short description, stored for people reading `schema_migrations`. */
  readonly name: string;
  /** SQL statements, run in order. */
  readonly statements: readonly string[];
}

/** The migrations of `all` newer than `applied`, oldest first; refuses a list out of order. */
export function pendingMigrations(all: readonly Migration[], applied: number): Migration[] {
  all.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration list out of order: position ${index + 1} holds version ${migration.version}`,
      );
    }
  });
  return all.filter((migration) => migration.version > applied);
}
