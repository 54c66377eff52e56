// PostgreSQL schema of the DSP's own records (version 4): User credentials and delivery endpoints.
//
// Both tables are small (a few hundred Users, a few certificates each) and read whole at
// start-up, so each has only its key; under Citus they would be reference tables. user_id is
// not a foreign key to `users`: a credential may name a User ID the inventory learns of later.
import type { Migration } from '../migration.ts';

/** Version 4: signing certificates registered for DUIS authentication, and push endpoints. */
export const DSP_MIGRATION: Migration = {
  version: 4,
  name: 'user credentials and delivery endpoints',
  statements: [
    `CREATE TABLE user_credentials (
      user_id bigint NOT NULL,
      added_at timestamptz NOT NULL,
      role user_role NOT NULL,
      issuer text COLLATE "C" NOT NULL,
      serial text COLLATE "C" NOT NULL,
      certificate_pem text NOT NULL,
      PRIMARY KEY (issuer, serial))`,
    `CREATE TABLE user_endpoints (
      user_id bigint PRIMARY KEY,
      updated_at timestamptz NOT NULL,
      url text NOT NULL)`,
  ],
};
