import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditIdTime } from '../audit/ids.ts';
import { auditRecordProblems, type AuditRecord } from '../audit/records.ts';
import { loadCatalogue } from '../catalogue/index.ts';
import { holdersAt } from '../inventory/registrations.ts';
import type { Registration } from '../inventory/types.ts';
import type { Estate } from '../store/dsp-port.ts';
import { openStore, type Store } from '../store/index.ts';
import { writeMonthTrail, type MonthTrailStore, type MonthTrailSummary } from './month-trail.ts';
import { seedEstate } from './seed.ts';

const catalogue = loadCatalogue();
// May 2026 in UK time: bank holidays on Monday 4 and Monday 25 May.
const from = new Date('2026-04-30T23:00:00Z');
const to = new Date('2026-05-31T23:00:00Z');
const HOLIDAYS = ['2026-05-04', '2026-05-25'];

let dir: string;
let store: Store;
let estate: Estate;
let summary: MonthTrailSummary;
const written: AuditRecord[] = [];

/** A store that only keeps what it is given (for runs that need no database). */
function memoryStore(into: AuditRecord[]): MonthTrailStore {
  return {
    appendAudit: (records) => {
      for (const r of records) into.push(r);
      return Promise.resolve();
    },
    insertDevices: () => Promise.resolve(),
    insertRegistrations: () => Promise.resolve(),
    insertJoins: () => Promise.resolve(),
    replaceRegistration: () => Promise.resolve(),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-month-trail-'));
  store = await openStore({ dataDir: dir });
  await seedEstate({ store, devices: 3_000, seed: 11, asOf: from });
  estate = await store.loadEstate();
  summary = await writeMonthTrail({
    store: {
      ...memoryStore([]),
      insertDevices: (d) => store.insertDevices(d),
      insertRegistrations: (r) => store.insertRegistrations(r),
      insertJoins: (j) => store.insertJoins(j),
      replaceRegistration: (r) => store.replaceRegistration(r),
      appendAudit: async (records) => {
        for (const r of records) written.push(r);
        await store.appendAudit(records);
      },
    },
    estate,
    catalogue,
    seed: 3,
    from,
    to,
    rate: 0.3,
    installHistoryDays: 14,
    installsPerWorkingDay: 30,
    cosShare: 0.03,
    power: { outagesPerYear: 4, unrestoredShare: 0.1 },
    batchSize: 20_000,
  });
}, 120_000);

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const requestsOf = (records: readonly AuditRecord[]): Map<string, AuditRecord[]> => {
  const byRequest = new Map<string, AuditRecord[]>();
  for (const r of records) {
    if (r.requestId === null) continue;
    const list = byRequest.get(r.requestId);
    if (list) list.push(r);
    else byRequest.set(r.requestId, [r]);
  }
  return byRequest;
};

describe('month trail', () => {
  it('writes well-formed records, all of them stored, with IDs rising with time', async () => {
    expect(written.length).toBe(summary.records);
    expect(await store.auditCount({})).toBe(summary.records);
    expect(written.flatMap((r) => auditRecordProblems(r))).toEqual([]);
    const requestId = /^[0-9A-F-]{23}:[0-9A-F-]{23}:\d+$/;
    expect(written.filter((r) => r.requestId !== null && !requestId.test(r.requestId))).toEqual([]);
    const disordered = written.filter((b, i) => {
      const a = written[i - 1];
      return a !== undefined && !(b.id > a.id && b.at >= a.at);
    });
    expect(disordered).toEqual([]);
    expect(written.every((r) => auditIdTime(r.id).getTime() === r.at.getTime())).toBe(true);
  });

  it('answers every request once: a response, or N13 / N55 after the acknowledgement', () => {
    let devices = 0;
    const wrong: string[] = [];
    for (const [requestId, records] of requestsOf(written)) {
      const kinds = records.map((r) => (r.kind === 'alert' ? r.code : r.kind));
      const finals = kinds.filter((k) => k === 'response' || k === 'N13' || k === 'N55');
      const requests = kinds.filter((k) => k === 'request');
      // Refusals and DCC-answered SRVs are answered at once, without an acknowledgement.
      const refused = records.some((r) => r.kind === 'request' && r.outcome !== 'pending');
      const acknowledged = kinds.includes('acknowledgement');
      if (finals.length !== 1 || requests.length !== 1 || acknowledged === refused)
        wrong.push(`${requestId}: ${kinds.join(' ')}`);
      if (!refused) devices += 1;
    }
    expect(wrong).toEqual([]);
    expect(written.filter((r) => r.kind === 'request')).toHaveLength(summary.requests);
    expect(devices).toBeGreaterThan(10_000);
  });

  it('sends device requests from the registered User, except a few refused with E4', async () => {
    const after = await store.loadEstate();
    const history = new Map<string, Registration[]>();
    for (const r of after.registrations) history.set(r.mpxn, [...(history.get(r.mpxn) ?? []), r]);
    const finals = new Map<string, AuditRecord>();
    for (const r of written) if (r.kind === 'response' && r.requestId) finals.set(r.requestId, r);
    let checked = 0;
    let strays = 0;
    const unrefused: string[] = [];
    for (const r of written) {
      if (r.kind !== 'request' || r.mpxn === null || r.originatorRole === 'OtherUser') continue;
      if (r.srv === '8.2' || r.originatorRole === null || r.originatorRole === 'DCC') continue;
      const holders = holdersAt(history.get(r.mpxn) ?? [], r.at);
      const held = holders[r.originatorRole as keyof typeof holders] === r.originatorId;
      checked += 1;
      if (held) continue;
      strays += 1;
      if (finals.get(r.requestId ?? '')?.code !== 'E4') unrefused.push(r.requestId ?? '');
    }
    expect(unrefused).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
    expect(strays / checked).toBeLessThan(0.02);
  });

  it('changes supplier in the store and has the gaining supplier send 6.23, 1.1.1 and 6.8', async () => {
    expect(summary.cosGains).toBeGreaterThan(20);
    const gains = written.filter((r) => r.kind === 'request' && r.srv === '6.23');
    expect(gains.length).toBeGreaterThan(10);
    for (const gain of gains.slice(0, 10)) {
      const history = await store.registrations(gain.mpxn!);
      const held = history.find((h) => h.userId === gain.originatorId && h.to === null);
      expect(held?.from.getTime()).toBeLessThanOrEqual(gain.at.getTime());
      expect(history.some((h) => h.to?.getTime() === held?.from.getTime())).toBe(true);
      const later = written.filter(
        (r) => r.kind === 'request' && r.deviceId === gain.deviceId && r.at > gain.at,
      );
      expect(later.map((r) => r.srv)).toEqual(expect.arrayContaining(['1.1.1', '6.8']));
    }
  });

  it('reports N16 then N42 to the Electricity Distributor, some late or never', () => {
    const n16 = written.filter((r) => r.code === 'N16');
    const n42 = new Map(written.filter((r) => r.code === 'N42').map((r) => [r.requestId, r]));
    expect(n16.length).toBeGreaterThan(20);
    expect(n16.every((r) => r.kind === 'alert' && r.recipientId !== r.originatorId)).toBe(true);
    const delays = n16.map((r) => {
      const after = n42.get(r.requestId);
      return after ? after.at.getTime() - r.at.getTime() : Infinity;
    });
    const week = 7 * 86_400_000;
    expect(delays.filter((d) => d < week).length).toBeGreaterThan(delays.length / 2);
    expect(delays.some((d) => d >= week)).toBe(true);
  });

  it('reports power outages and restorations, leaving some unrestored', () => {
    const outages = written.filter((r) => r.code === 'N999');
    const restored = written.filter((r) => r.code === '8F35');
    expect(outages.length).toBe(summary.powerOutages);
    expect(restored.length).toBeGreaterThan(0);
    expect(summary.unrestoredOutages).toBeGreaterThan(0);
    expect(outages.length - restored.length).toBe(summary.unrestoredOutages);
    expect(outages.every((r) => r.originatorRole === 'DCC' && r.roundTripMs! > 0)).toBe(true);
  });

  it('installs fewer on bank holidays than on working days, some as Install and Leave', () => {
    const perDay = new Map<string, number>();
    for (const r of written) {
      if (r.kind !== 'request' || !r.srv?.startsWith('8.14.') || r.at < from) continue;
      const day = new Date(r.at.getTime() + 3_600_000).toISOString().slice(0, 10);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const holiday = HOLIDAYS.map((d) => perDay.get(d) ?? 0);
    const working = ['2026-05-05', '2026-05-06', '2026-05-12', '2026-05-20'].map(
      (d) => perDay.get(d) ?? 0,
    );
    expect(Math.max(...holiday) * 3).toBeLessThan(Math.min(...working));
    expect(written.some((r) => r.srv === '8.14.2')).toBe(true);
    expect(summary.historyInstalls).toBeGreaterThan(0);
    expect(written.some((r) => r.srv === '8.14.1' && r.at < from)).toBe(true);
  });
});
