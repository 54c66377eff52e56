// Monthly partitions of audit_trail, created on demand before a batch that needs one.
import type { Session } from './session.ts';

/** Any number, the same for every opendsp process: serialises partition creation. */
const PARTITION_LOCK = 0x0d5b_0002;

/** The UTC month of a time as `YYYY-MM`, and its first instant and the next month's. */
export function monthOf(at: Date): {
  readonly name: string;
  readonly from: Date;
  readonly to: Date;
} {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  const from = new Date(Date.UTC(year, month, 1));
  const to = new Date(Date.UTC(year, month + 1, 1));
  return {
    name: `${String(year).padStart(4, '0')}_${String(month + 1).padStart(2, '0')}`,
    from,
    to,
  };
}

/** Name of the partition holding a month's records, e.g. `audit_trail_2024_03`. */
export function partitionName(at: Date): string {
  return `audit_trail_${monthOf(at).name}`;
}

/** Keeps track of the months that have a partition, creating the missing ones. */
export interface Partitions {
  /** Makes sure every month of `times` has a partition (its own transaction per new month). */
  ensure(times: Iterable<Date>): Promise<string[]>;
}

/** Creates the tracker; it reads the existing partitions on first use. */
export function createPartitions(session: Session): Partitions {
  let known: Set<string> | undefined;

  async function load(): Promise<Set<string>> {
    const rows = await session.query(
      `SELECT c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_trail'::regclass`,
    );
    return new Set(rows.map((row) => String(row['name'])));
  }

  return {
    async ensure(times) {
      known ??= await load();
      const missing = new Map<string, Date>();
      for (const at of times) {
        const name = partitionName(at);
        if (!known.has(name) && !missing.has(name)) missing.set(name, at);
      }
      const created: string[] = [];
      for (const [name, at] of missing) {
        const { from, to } = monthOf(at);
        await session.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
          await tx.query(
            `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF audit_trail
             FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
            [],
            'audit_trail partition',
          );
        });
        known.add(name);
        created.push(name);
      }
      return created;
    },
  };
}
