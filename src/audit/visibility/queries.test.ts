// Store queries through the policy: exact pages, and "not found" looking like "not yours".
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../core/errors.ts';
import { loadRules } from '../../rules/rules.ts';
import { decodeCursor } from '../../store/audit-sql.ts';
import type { AuditRecord } from '../records.ts';
import { visibleByRequestId, visibleDeviceHistory, visibleSearch } from './queries.ts';
import type { ViewerUser } from './access.ts';
import * as f from './visibility.fixtures.ts';

const NOW = new Date('2023-06-15T12:00:00Z');
const START = new Date('2023-06-01T00:00:00Z');
const minute = (i: number) => new Date(START.getTime() + i * 60_000);
const supplier: ViewerUser = { userId: f.VIEWER, role: 'ImportSupplier' };
const stranger: ViewerUser = { userId: f.THIRD, role: 'GasSupplier' };
// The viewer supplied DEVICE's supply point until minute 100; OTHER sends every record.
const registrations = [
  f.registration('ImportSupplier', f.VIEWER, {
    mpxn: f.MPAN,
    from: f.T.registered,
    to: minute(100),
  }),
  f.registration('ImportSupplier', f.OTHER, { mpxn: f.MPAN, from: minute(100) }),
];
const records: AuditRecord[] = Array.from({ length: 300 }, (_, i) =>
  f.record({
    kind: i % 2 === 0 ? 'request' : 'response',
    at: minute(i),
    originatorId: i % 10 === 0 ? f.VIEWER : f.OTHER,
    originatorRole: 'ImportSupplier',
    id: BigInt(i + 1),
  }),
);
// The viewer's own request from before the retention window.
const tooOld = f.record({
  kind: 'request',
  at: new Date('2022-12-01T00:00:00Z'),
  originatorId: f.VIEWER,
  originatorRole: 'ImportSupplier',
  id: 5000n,
});
records.push(tooOld);
const base = (viewer: ViewerUser) => ({
  ...f.memoryAuditStore(records),
  viewer,
  now: NOW,
  rules: loadRules(),
  registrationsFor: (mpxn: string) => Promise.resolve(registrations.filter((r) => r.mpxn === mpxn)),
});
const idsOf = (items: readonly { level: string }[]) => items.map((v) => f.serialise(v));

describe('visibleDeviceHistory', () => {
  it('pages exactly: full pages until nothing visible is left, without repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await visibleDeviceHistory({
        ...base(supplier),
        deviceId: f.DEVICE,
        page: { limit: 40, after },
      });
      sizes.push(page.items.length);
      seen.push(...idsOf(page.items));
      if (page.next === null) break;
      after = page.next;
    }
    // Minutes 0–99 as titles or in full, then the viewer's own requests after the change.
    const ownLater = records.filter(
      (r) => r.at >= minute(100) && r.kind === 'request' && r.originatorId === f.VIEWER,
    );
    expect(ownLater).toHaveLength(20);
    expect(new Set(seen).size).toBe(120);
    // The third page is full and is the last: `next` is null exactly when nothing is left.
    expect(sizes).toEqual([40, 40, 40]);
  });

  it('gives cursors that point at returned records only', async () => {
    const page = await visibleDeviceHistory({
      ...base(supplier),
      deviceId: f.DEVICE,
      page: { limit: 5 },
    });
    const cursor = decodeCursor(page.next ?? '');
    const last = page.items[page.items.length - 1];
    const lastId =
      last?.level === 'full' ? last.record.id : last?.level === 'title' ? last.title.id : -1n;
    expect(cursor.id).toBe(lastId);
  });

  it('answers an unknown device and a device the viewer may not see alike', async () => {
    const unknown = await visibleDeviceHistory({ ...base(stranger), deviceId: f.DEVICE_2 });
    const notYours = await visibleDeviceHistory({ ...base(stranger), deviceId: f.DEVICE });
    expect(notYours).toEqual(unknown);
    expect(unknown).toEqual({ items: [], next: null });
  });
});

describe('visibleSearch', () => {
  it('covers only own records when no device, MPxN or RequestID narrows it', async () => {
    const org: ViewerUser[] = [supplier, { userId: f.THIRD, role: 'ElectricityDistributor' }];
    const page = await visibleSearch({
      ...base(supplier),
      viewer: org,
      filter: { kind: 'request' },
    });
    expect(page.items.every((v) => v.level === 'full')).toBe(true);
    expect(page.items).toHaveLength(30);
  });

  it('finds nothing for a filter naming another User, however the search is narrowed', async () => {
    for (const filter of [{ userId: f.OTHER }, { deviceId: f.DEVICE, originatorId: f.OTHER }]) {
      expect(await visibleSearch({ ...base(supplier), filter })).toEqual({ items: [], next: null });
    }
  });

  it('shows MP141 titles when searching a supply point', async () => {
    const page = await visibleSearch({
      ...base(supplier),
      filter: { mpxn: f.MPAN },
      page: { limit: 10_000 },
    });
    expect(page.items.filter((v) => v.level === 'title')).toHaveLength(90);
  });
});

describe('visibleByRequestId', () => {
  it('throws the same NotFoundError for an unknown, a foreign and a no longer visible RequestID', async () => {
    const hidden = tooOld.requestId ?? '';
    const unknown = `${f.VIEWER}:${f.DEVICE}:999999`;
    const errors = await Promise.all(
      [hidden, unknown, `${f.OTHER}:${f.DEVICE}:1`].map((requestId) =>
        visibleByRequestId({ ...base(supplier), requestId }).then(
          () => null,
          (error: unknown) => error,
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(NotFoundError);
    expect((errors[0] as Error).message.replace(hidden, 'X')).toBe(
      (errors[1] as Error).message.replace(unknown, 'X'),
    );
  });

  it('returns the visible records of an own request', async () => {
    const own = records[10]?.requestId ?? '';
    const seen = await visibleByRequestId({ ...base(supplier), requestId: own });
    expect(seen.map((v) => v.level)).toEqual(['full']);
  });
});
