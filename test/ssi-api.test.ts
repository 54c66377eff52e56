// The SSI JSON API: the same visibility as the pages, clear refusals, no "not found" vs "not yours".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKey } from '../src/web/api/record-json.ts';
import {
  A,
  B,
  DEVICE,
  OTHER_DEVICE,
  SECRET,
  signIn,
  startWorld,
  type World,
} from './browser/ssi-world.ts';

let world: World;
let alice: string;
let bob: string;
let admin: string;

beforeAll(async () => {
  world = await startWorld();
  [alice, bob, admin] = await Promise.all([
    signIn(world.base, 'alice@alpha.example'),
    signIn(world.base, 'bob@beta.example'),
    signIn(world.base, 'admin@alpha.example'),
  ]);
});
afterAll(() => world.close());

async function get(
  path: string,
  cookie?: string,
): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(`${world.base}${path}`, { headers: cookie ? { cookie } : {} });
  return {
    status: response.status,
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

/** The JSON of an error reply. */
const errorOf = (body: string) => JSON.parse(body) as { code: string; message: string };

type Page = {
  records: {
    key: string;
    visibility: string;
    originatorRole: string | null;
    requestId: string | null;
  }[];
  next: string | null;
};

describe('device history (MP141)', () => {
  it("shows the new supplier the titles of the old supplier's records, without identity or detail", async () => {
    const reply = await get(`/api/v1/devices/${DEVICE}/history`, alice);
    expect(reply.status).toBe(200);
    const page = JSON.parse(reply.body) as Page;
    const keys = page.records.map((r) => r.key);
    expect(keys).toContain(recordKey(world.records.bOld));
    expect(keys).toContain(recordKey(world.records.aOwn));
    const old = page.records.find((r) => r.key === recordKey(world.records.bOld));
    expect(old).toMatchObject({ visibility: 'title', originatorRole: 'ImportSupplier' });
    expect(reply.body).not.toContain(B);
    expect(reply.body).not.toContain(SECRET);
  });

  it('gives the same empty page for an unknown device and one the person may not see', async () => {
    const unknown = await get('/api/v1/devices/00-DB-12-34-56-78-FF-FF/history', alice);
    const notYours = await get(`/api/v1/devices/${OTHER_DEVICE}/history`, alice);
    expect(unknown).toEqual({ ...notYours, body: unknown.body });
    expect(JSON.parse(unknown.body)).toEqual({ records: [], next: null });
    expect(JSON.parse(notYours.body)).toEqual({ records: [], next: null });
  });

  it('refuses a malformed device ID with 400 and the reason', async () => {
    const reply = await get('/api/v1/devices/not-a-device/history', alice);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({
      code: 'INVALID_VALUE',
      message: expect.stringContaining('deviceId') as string,
    });
  });
});

describe('records', () => {
  it('shows an own record in full and answers 404 alike for a missing one and a title-only one', async () => {
    const own = await get(`/api/v1/records/${recordKey(world.records.aOwn)}`, alice);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({
      payload: expect.stringContaining(SECRET) as string,
      originatorId: A,
    });
    const titleOnly = await get(`/api/v1/records/${recordKey(world.records.bOld)}`, alice);
    const missing = await get(`/api/v1/records/${world.records.bOld.at.getTime()}-1`, alice);
    const junk = await get('/api/v1/records/junk', alice);
    for (const reply of [titleOnly, missing, junk]) {
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain(SECRET);
    }
    expect(errorOf(titleOnly.body).code).toBe(errorOf(missing.body).code);
  });
});

describe('search and export', () => {
  it('covers own records only without a device, MPxN or request ID', async () => {
    const page = JSON.parse((await get('/api/v1/audit/search?srv=8.8.1', bob)).body) as Page;
    expect(page.records.every((r) => r.visibility === 'full')).toBe(true);
    expect(page.records.length).toBeGreaterThan(0);
  });

  it('pages with cursors', async () => {
    const first = JSON.parse(
      (await get(`/api/v1/audit/search?deviceId=${DEVICE}&limit=1`, alice)).body,
    ) as Page;
    expect(first.records).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const second = JSON.parse(
      (
        await get(
          `/api/v1/audit/search?deviceId=${DEVICE}&limit=1&after=${first.next ?? ''}`,
          alice,
        )
      ).body,
    ) as Page;
    expect(second.records[0]?.key).not.toBe(first.records[0]?.key);
  });

  it.each([
    ['from=2026-13-01', 'from'],
    ['from=1990-01-01', 'out of range'],
    ['outcome=maybe', 'outcome'],
    ['limit=100000', 'limit'],
    ['after=forged', 'cursor'],
  ])('refuses %s with 400 naming the problem', async (query, words) => {
    const reply = await get(`/api/v1/audit/search?${query}`, alice);
    expect(reply.status).toBe(400);
    expect(errorOf(reply.body).message).toContain(words);
  });

  it('exports RFC 4180 CSV of titles, with no identities or detail', async () => {
    const reply = await get(`/api/v1/audit/export.csv?deviceId=${DEVICE}`, alice);
    expect(reply.status).toBe(200);
    expect(reply.type).toContain('text/csv');
    const lines = reply.body.split('\r\n');
    expect(lines[0]).toBe(
      'key,time,kind,srv,srv_name,device_id,mpxn,request_id,code,outcome,originator_role,round_trip_ms',
    );
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(reply.body).not.toContain(B);
    expect(reply.body).not.toContain(SECRET);
  });
});

describe('sessions and roles', () => {
  it.each([
    ['no cookie', undefined],
    ['a forged session', 'opendsp_session=forged-session-id'],
    ['a well-formed but unknown session', `opendsp_session=${'A'.repeat(43)}`],
  ])('answers 401 for %s', async (_what, cookie) => {
    const reply = await get(`/api/v1/devices/${DEVICE}/history`, cookie);
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses audit reads to an organisation administrator with 403', async () => {
    const reply = await get(`/api/v1/audit/search?deviceId=${DEVICE}`, admin);
    expect(reply.status).toBe(403);
    const events = await world.store.securityEvents();
    expect(events.some((e) => e.kind === 'permission-refused' && e.detail.includes('search'))).toBe(
      true,
    );
  });
});
