import { describe, expect, it } from 'vitest';
import { createFixedClock } from '../core/clock.ts';
import { alert, auditRecord, OPERATOR, SUPPLIER } from '../store/audit.fixtures.ts';
import { AUDIT_ID_EPOCH_MS, auditIdTime, createAuditIdSource } from './ids.ts';
import { auditRecordProblems, headerOf, titleOf } from './records.ts';

describe('audit record titles', () => {
  it('keep what MP141 shows and leave out payload, metadata and every User ID', () => {
    const record = alert(1);
    const title = titleOf(record);
    expect(Object.keys(title).sort()).toEqual(
      [
        'at',
        'code',
        'deviceId',
        'id',
        'kind',
        'mpxn',
        'originatorRole',
        'outcome',
        'requestId',
        'roundTripMs',
        'serviceReference',
        'srv',
        'srvName',
      ].sort(),
    );
    const shown = JSON.stringify(titleOf(auditRecord({ id: 1n })), (_, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    expect(shown).not.toContain('Response xmlns');
    expect(shown).not.toContain('signer');
    expect(headerOf(record)).toMatchObject({ recipientId: OPERATOR, originatorId: null });
    expect('payload' in headerOf(record)).toBe(false);
  });

  it('name what is wrong with a record for its kind', () => {
    expect(auditRecordProblems(auditRecord({ id: 1n }))).toEqual([]);
    expect(
      auditRecordProblems(auditRecord({ id: 1n, kind: 'request', recipientId: SUPPLIER })),
    ).toEqual(['a request has no recipient', 'round-trip time belongs on the response']);
    expect(auditRecordProblems(auditRecord({ id: -1n, code: null, recipientId: null }))).toEqual([
      'the response needs its recipient',
      'the response needs its code',
      'ID must fit in 63 bits',
    ]);
    expect(auditRecordProblems(auditRecord({ id: 2n, format: null, roundTripMs: -1 }))).toEqual([
      'round-trip time must be a non-negative number of milliseconds',
      'a payload needs a format',
    ]);
  });
});

describe('audit record IDs', () => {
  it('increase with time and within a millisecond, even when the clock steps back', () => {
    const clock = createFixedClock(new Date('2024-03-01T00:00:00Z'));
    const ids = createAuditIdSource({ clock });
    const a = ids.next();
    const b = ids.next();
    clock.advance(-5000);
    const c = ids.next();
    clock.advance(10_000);
    const d = ids.next();
    expect(a < b && b < c && c < d).toBe(true);
    expect(auditIdTime(a)).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(auditIdTime(d)).toEqual(new Date('2024-03-01T00:00:05Z'));
    expect(d < 1n << 63n).toBe(true);
  });

  it('continue above an ID already stored, and borrow a millisecond when one is used up', () => {
    const clock = createFixedClock(new Date(AUDIT_ID_EPOCH_MS + 10));
    const stored = (20n << 21n) | 7n;
    const ids = createAuditIdSource({ clock, after: stored });
    expect(ids.next()).toBe(stored + 1n);
    const full = createAuditIdSource({ clock, after: (10n << 21n) | ((1n << 21n) - 1n) });
    expect(full.next()).toBe(11n << 21n);
  });
});
