// The visibility policy beyond the matrix: retention, organisations, boundaries and speed.
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../core/errors.ts';
import { eui64FromBigInt } from '../../core/eui64.ts';
import { loadRules, ukMidnight } from '../../rules/rules.ts';
import { HIDDEN_USER, maskRequestId } from './redact.ts';
import { createVisibilityPolicy, type VisibilityOptions } from './policy.ts';
import { monthsBefore, viewWindow } from './retention.ts';
import * as f from './visibility.fixtures.ts';

const rules = loadRules();
const NOW = new Date('2023-06-15T12:00:00Z');
const supplier = [f.registration('ImportSupplier', f.VIEWER, { mpxn: f.MPAN, from: f.T.cos })];
const options = (over: Partial<VisibilityOptions> = {}): VisibilityOptions => ({
  viewer: { userId: f.VIEWER, role: 'ImportSupplier' },
  now: NOW,
  rules,
  registrationsFor: f.historyOf(supplier),
  ...over,
});
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);
const own = (at: Date) =>
  f.record({ kind: 'request', at, originatorId: f.VIEWER, originatorRole: 'ImportSupplier' });
const others = (at: Date) =>
  f.record({ kind: 'response', at, originatorId: f.OTHER, originatorRole: 'OtherUser' });

describe('H8.16(b) retention', () => {
  it('refuses fewer than three months, or a fraction, with InvalidValueError', () => {
    expect(() => createVisibilityPolicy(options({ retentionMonths: 2 }))).toThrow(
      InvalidValueError,
    );
    expect(() => createVisibilityPolicy(options({ retentionMonths: 3.5 }))).toThrow(/whole number/);
  });

  it('counts calendar months back from the viewing time, clamping the day', () => {
    expect(monthsBefore(new Date('2023-05-31T08:00:00Z'), 3).toISOString()).toBe(
      '2023-02-28T08:00:00.000Z',
    );
    expect(viewWindow(NOW).from.toISOString()).toBe('2023-03-15T12:00:00.000Z');
  });

  it('hides own records older than the window and shows them when retention is longer', () => {
    const old = own(daysBefore(NOW, 100));
    expect(createVisibilityPolicy(options()).view(old).level).toBe('none');
    expect(createVisibilityPolicy(options({ retentionMonths: 6 })).view(old).level).toBe('full');
    expect(createVisibilityPolicy(options()).view(own(daysBefore(NOW, 80))).level).toBe('full');
  });

  it('limits MP141 titles to the same window, and shows nothing from after the viewing time', () => {
    const policy = createVisibilityPolicy(options());
    expect(policy.view(others(daysBefore(NOW, 80))).level).toBe('title');
    expect(policy.view(others(daysBefore(NOW, 100))).level).toBe('none');
    expect(policy.view(others(new Date(NOW.getTime() + 1))).level).toBe('none');
  });
});

describe('MP141 titles', () => {
  it('apply from 00:00 UK time on the implementation date, judged at the viewing time', () => {
    const start = ukMidnight('2022-11-03');
    const record = others(f.T.afterCos);
    const at = (now: Date) => createVisibilityPolicy(options({ now })).view(record).level;
    expect(at(new Date(start.getTime() - 1))).toBe('none');
    expect(at(start)).toBe('title');
  });

  it('need a HAN device: a record with no device is not shown to the owner', () => {
    const record = f.record({
      ...{ kind: 'response', at: daysBefore(NOW, 5) },
      deviceId: null,
      originatorId: f.OTHER,
      originatorRole: 'OtherUser',
    });
    expect(createVisibilityPolicy(options()).view(record).level).toBe('none');
  });

  it('give the current supplier everything since its gain as well as before it', () => {
    const policy = createVisibilityPolicy(options());
    expect(policy.view(others(daysBefore(NOW, 1))).level).toBe('title');
  });

  it('never follow a rule date of null (modification not in force)', () => {
    const off = rules.withDate('MP141.ssi-titles-for-owners', null);
    expect(createVisibilityPolicy(options({ rules: off })).titles).toBe(false);
  });
});

describe('organisations with several User IDs', () => {
  const operatorId = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_99n);
  const org = [
    { userId: f.VIEWER, role: 'ImportSupplier' as const },
    { userId: operatorId, role: 'ElectricityDistributor' as const },
  ];

  it('treats records of any of its IDs as own and shows those IDs, no others', () => {
    const record = f.record({
      kind: 'alert',
      at: daysBefore(NOW, 3),
      originatorId: f.OTHER,
      originatorRole: 'OtherUser',
      recipientId: operatorId,
    });
    const seen = createVisibilityPolicy(options({ viewer: org })).view(record);
    expect(seen.level).toBe('full');
    if (seen.level !== 'full') return;
    expect(seen.record.recipientId).toBe(operatorId);
    expect(seen.record.originatorId).toBeNull();
    expect(seen.record.requestId?.startsWith(HIDDEN_USER)).toBe(true);
    expect(f.mentions(f.serialise(seen), f.OTHER)).toBe(false);
  });

  it('refuses an empty viewer', () => {
    expect(() => createVisibilityPolicy(options({ viewer: [] }))).toThrow(InvalidValueError);
  });
});

describe('RequestIDs', () => {
  it('keep the viewer as originator and hide anyone else', () => {
    const mine = new Set<string>([f.VIEWER]);
    expect(maskRequestId(`${f.VIEWER}:${f.DEVICE}:7`, mine)).toBe(`${f.VIEWER}:${f.DEVICE}:7`);
    expect(maskRequestId(`${f.OTHER}:${f.DEVICE}:7`, mine)).toBe(`${HIDDEN_USER}:${f.DEVICE}:7`);
    expect(maskRequestId(null, mine)).toBeNull();
  });
});

describe('speed', () => {
  it('judges a page of 100 records in well under a millisecond', () => {
    const page = Array.from({ length: 100 }, (_, i) =>
      i % 3 === 0 ? own(daysBefore(NOW, i % 90)) : others(daysBefore(NOW, i % 120)),
    );
    const times: number[] = [];
    for (let round = 0; round < 50; round++) {
      const start = performance.now();
      const policy = createVisibilityPolicy(options());
      for (const record of page) policy.view(record);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[25]).toBeLessThan(1);
  });
});
