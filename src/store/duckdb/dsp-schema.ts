// DuckDB schema of the DSP's own records (version 4): User credentials and delivery endpoints.
//
// Both tables are small (a few hundred Users, a few certificates each) and read whole at
// start-up, so each has only its key. user_id is not a foreign key to `users`: DuckDB's
// foreign keys forbid updating the referenced row, and a credential may name a User ID the
// inventory learns of later.
import type { Migration } from '../migration.ts';

/** Version 4: signing certificates registered for DUIS authentication, and push endpoints. */
export const DSP_MIGRATION: Migration = {
  version: 4,
  name: 'user credentials and delivery endpoints',
  statements: [
    `CREATE TABLE user_credentials (
      issuer VARCHAR NOT NULL,
      serial VARCHAR NOT NULL,
      user_id UBIGINT NOT NULL,
      role user_role NOT NULL,
      certificate_pem VARCHAR NOT NULL,
      added_at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (issuer, serial))`,
    `CREATE TABLE user_endpoints (
      user_id UBIGINT PRIMARY KEY,
      url VARCHAR NOT NULL,
      updated_at TIMESTAMPTZ NOT NULL)`,
  ],
};
