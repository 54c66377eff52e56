import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../audit/records.ts';
import { loadCatalogue } from '../catalogue/index.ts';
import type { Estate } from '../store/dsp-port.ts';
import { generateEstate } from './estate.ts';
import { writeMonthTrail, type MonthTrailOptions, type MonthTrailStore } from './month-trail.ts';
import { buildMarket } from './parties.ts';

const from = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

function estateOf(devices: number): Estate {
  const market = buildMarket();
  const estate: Estate = { devices: [], registrations: [], joins: [], users: [...market.users] };
  for (const batch of generateEstate({ devices, seed: 2, market, asOf: from })) {
    estate.devices.push(...batch.devices);
    estate.registrations.push(...batch.registrations);
    estate.joins.push(...batch.joins);
  }
  return estate;
}

/** Runs the generator for `days` days into memory and returns what it appended. */
async function run(options: Partial<MonthTrailOptions> & { days: number }): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  const none = (): Promise<void> => Promise.resolve();
  const store: MonthTrailStore = {
    appendAudit: (batch) => {
      for (const r of batch) records.push(r);
      return Promise.resolve();
    },
    insertDevices: none,
    insertRegistrations: none,
    insertJoins: none,
    replaceRegistration: none,
  };
  await writeMonthTrail({
    store,
    estate,
    catalogue: loadCatalogue(),
    seed: 1,
    from,
    to: new Date(from.getTime() + options.days * DAY),
    rate: 0.3,
    installHistoryDays: 2,
    ...options,
  });
  return records;
}

const estate = estateOf(2_000);

describe('month trail in memory', () => {
  it('is the same for the same seed and differs for another', async () => {
    const text = (records: AuditRecord[]): string[] =>
      records.map((r) => JSON.stringify({ ...r, id: r.id.toString() }));
    const first = text(await run({ days: 2, seed: 5 }));
    expect(first.length).toBeGreaterThan(1_000);
    expect(text(await run({ days: 2, seed: 5 }))).toEqual(first);
    expect(text(await run({ days: 2, seed: 6 }))).not.toEqual(first);
  });

  it('refuses a window that ends before it starts', async () => {
    await expect(run({ days: 0 })).rejects.toThrow(/must be after from/);
  });

  it('fails and leaves unanswered more requests during an incident', async () => {
    const incident = {
      from: new Date(from.getTime() + DAY),
      to: new Date(from.getTime() + 2 * DAY),
    };
    const records = await run({ days: 2, incidents: [{ ...incident, failureMultiplier: 6 }] });
    const failed = (inIncident: boolean): number => {
      const finals = records.filter(
        (r) =>
          (r.kind === 'response' || r.code === 'N13') &&
          r.roundTripMs !== 0 &&
          r.at >= incident.from === inIncident,
      );
      return finals.filter((r) => r.outcome === 'failure').length / finals.length;
    };
    expect(failed(true)).toBeGreaterThan(3 * failed(false));
  });
});
