// The synthetic Service Audit Trail of the device-history bench, written by each engine's own SQL.
//
// Appending 10M records through appendAudit takes minutes (about 80k records/s on DuckDB, 30k on
// PostgreSQL), so the trail is generated inside the engine by one INSERT … SELECT over a
// series, into the schema the store's own migrations made. Its shape, the same on both engines:
//
// - slots of three records in time order over 91 days (September to November 2025): a request,
//   its acknowledgement (I99) and its response (I0, or E040101 one time in 37), or instead of the
//   response a DCC Alert N13 a minute later (one slot in 20), as src/dsp/dispatch.ts records them;
// - about one device per ten records: 2% of the slots go to the busy devices (one in a thousand,
//   about 200 records each in three months), the rest spread at random over the others (about
//   10 records each, Poisson-like, some with none);
// - requests sent by the device's Import Supplier (18 in 20), its Network Operator or another
//   User, every record carrying the originator as the recorder writes it, the recipient on all
//   but the request;
// - XML payloads of 300–700 bytes (about 500 on average) holding the RequestID and an MD5-based
//   signature, five SRVs, metadata on requests only.
//
// A 32-bit integer hash (xor-shift-multiply, kept below 2^63 so PostgreSQL's checked bigint
// arithmetic never overflows) picks devices, originators and outcomes, so both engines hold the
// same records and the bench can name a device's ID, supply point and supplier without reading.
import { AUDIT_ID_EPOCH_MS } from '../src/audit/ids.ts';
import type { AuditRecord } from '../src/audit/records.ts';
import { loadCatalogue } from '../src/catalogue/index.ts';
import { eui64FromBigInt, type Eui64 } from '../src/core/eui64.ts';
import type { Mpxn } from '../src/core/mpxn.ts';

/** First instant of the trail, and its length: 1 September to 1 December 2025 (UTC). */
export const TRAIL_FROM = Date.UTC(2025, 8, 1);
export const TRAIL_TO = Date.UTC(2025, 11, 1);
/** Share of slots that go to busy devices (1 in BUSY_EVERY). */
const BUSY_EVERY = 50;

/** The trail's size: records, slots of three, devices and how many of them are busy. */
export interface TrailShape {
  /** Records written by SQL (three per slot). */
  readonly slots: number;
  readonly devices: number;
  readonly busyDevices: number;
}

/** The shape for about `records` records, less `seeded` already appended through the store. */
export function trailShape(records: number, seeded: number): TrailShape {
  const devices = Math.max(1_000, Math.round(records / 10));
  return {
    slots: Math.max(1, Math.floor((records - seeded) / 3)),
    devices,
    busyDevices: Math.max(1, Math.round(devices / 1_000)),
  };
}

const MASK40 = (1n << 40n) - 1n;
const DEVICE_BASE = 0x00_db_12n << 40n;
const DEVICE_MULTIPLIER = 0x9e37_79b1n; // odd: a bijection on 40 bits
const SUPPLIER_BASE = 0x90_b3_d5_1f_30_01_00_00n;
const OPERATOR_BASE = 0x90_b3_d5_1f_30_02_00_00n;
const OTHER_USER = 0x90_b3_d5_1f_30_03_00_01n;
const SUPPLIERS = 16;
const OPERATORS = 6;
const MPXN_BASE = 1_200_000_000_000;

/** The 64-bit value of device number `d`. */
const deviceValue = (d: number): bigint => DEVICE_BASE | ((BigInt(d) * DEVICE_MULTIPLIER) & MASK40);

/** Device number `d` as an EUI-64. */
export const deviceOf = (d: number): Eui64 => eui64FromBigInt(deviceValue(d));
/** The supply point of device number `d`. */
export const mpxnOf = (d: number): Mpxn => String(MPXN_BASE + d) as Mpxn;
/** The Import Supplier that owns device number `d` (the sender of most of its requests). */
export const supplierOf = (d: number): Eui64 =>
  eui64FromBigInt(SUPPLIER_BASE + BigInt(d % SUPPLIERS));
/** Another Import Supplier: the one before the Change of Supplier in the fixed history. */
export const previousSupplierOf = (d: number): Eui64 =>
  eui64FromBigInt(SUPPLIER_BASE + BigInt((d + 1) % SUPPLIERS));

/** The SRVs of the trail, with their Service Reference and name from the catalogue. */
function srvs(): { srv: string; reference: string; name: string }[] {
  const catalogue = loadCatalogue();
  return ['4.1.1', '4.6.1', '4.8.1', '6.15.1', '4.17'].map((srv) => ({
    srv,
    reference: srv.split('.').slice(0, 2).join('.'),
    name: catalogue.findSrv(srv)?.name ?? srv,
  }));
}

/** What differs between the two engines' SQL. */
interface Dialect {
  /** `range` (DuckDB) or `generate_series`, yielding slots [0, n) as column `s`. */
  series(n: number): string;
  xor(a: string, b: string): string;
  /**
   * Ends a subquery so the planner keeps it (PostgreSQL's OFFSET 0): PostgreSQL would otherwise
   * pull it up and compute a column again at every mention (it has no common subexpressions).
   */
  readonly fence: string;
  /** Integer division. */
  div(a: string, b: number): string;
  /** A user or device ID (an unsigned 64-bit value) as the engine stores it. */
  id(value: bigint, plus?: string): string;
  /** A device ID from the SQL expression of its 40-bit scrambled part. */
  device(scrambled: string): string;
  /** Epoch milliseconds as a timestamptz. */
  time(ms: string): string;
  mpxn(d: string): string;
  metadata(json: string): string;
  text(expr: string): string;
}

const OFFSET = 1n << 63n;

const duckdb: Dialect = {
  series: (n) => `(SELECT range AS s FROM range(${n}))`,
  xor: (a, b) => `xor(${a}, ${b})`,
  fence: '',
  div: (a, b) => `(${a} // ${b})`,
  id: (value, plus) => `(${value}::UBIGINT${plus === undefined ? '' : ` + (${plus})::UBIGINT`})`,
  device: (scrambled) => `(${DEVICE_BASE}::UBIGINT + (${scrambled})::UBIGINT)`,
  time: (ms) => `make_timestamptz((${ms}) * 1000)`,
  mpxn: (d) => `(${MPXN_BASE} + ${d})::UBIGINT`,
  metadata: (json) => json,
  text: (expr) => `CAST(${expr} AS VARCHAR)`,
};

const postgres: Dialect = {
  series: (n) => `(SELECT s FROM generate_series(0::bigint, ${n - 1}) AS g(s))`,
  xor: (a, b) => `(${a} # ${b})`,
  fence: ' OFFSET 0',
  div: (a, b) => `(${a} / ${b})`,
  // Stored offset into a signed bigint (src/store/postgres/codec.ts).
  id: (value, plus) => `(${value - OFFSET}::bigint${plus === undefined ? '' : ` + (${plus})`})`,
  device: (scrambled) => `(${DEVICE_BASE - OFFSET}::bigint + (${scrambled}))`,
  time: (ms) => `(TIMESTAMPTZ 'epoch' + (${ms}) * INTERVAL '1 millisecond')`,
  mpxn: (d) => `(${MPXN_BASE} + ${d})::text`,
  metadata: (json) => `(${json})::jsonb`,
  text: (expr) => `(${expr})::text`,
};

/** The canonical text of a 64-bit value held as a non-negative bigint expression. */
function euiText(value: string): string {
  const hex = `lpad(upper(to_hex(${value})), 16, '0')`;
  return Array.from({ length: 8 }, (_, i) => `substr(${hex}, ${i * 2 + 1}, 2)`).join(" || '-' || ");
}

/** The 32-bit hash of a bigint column, as a chain of SELECTs over `from` (columns carried). */
function hashed(d: Dialect, from: string, inputs: Record<string, string>): string {
  const carry = 's';
  const names = Object.keys(inputs);
  const step = (expr: (x: string) => string, inner: string): string =>
    `(SELECT ${carry}, ${names.map((n) => `${expr(n)} AS ${n}`).join(', ')} FROM ${inner} AS q${d.fence})`;
  let sql = `(SELECT ${carry}, ${names.map((n) => `${inputs[n] ?? n} AS ${n}`).join(', ')} FROM ${from} AS q${d.fence})`;
  sql = step((x) => d.xor(x, `(${x} >> 16)`), sql);
  sql = step((x) => `((${x} * 2146121005) & 4294967295)`, sql);
  sql = step((x) => d.xor(x, `(${x} >> 15)`), sql);
  sql = step((x) => `((${x} * 739982445) & 4294967295)`, sql);
  return step((x) => d.xor(x, `(${x} >> 16)`), sql);
}

/** `INSERT … SELECT` writing slots [from, to) of the trail. */
function insertSql(d: Dialect, shape: TrailShape, [from, to]: readonly [number, number]): string {
  const { slots, devices, busyDevices } = shape;
  const span = TRAIL_TO - TRAIL_FROM;
  const list = srvs();
  const pick = (values: readonly string[]): string =>
    `CASE v ${values.map((x, i) => `WHEN ${i} THEN '${x}'`).join(' ')} END`;
  const series = `(SELECT s FROM ${d.series(to - from)} AS r0 WHERE TRUE)`;
  const hashes = hashed(d, series, {
    h: `s + ${from}`,
    h2: `s + ${from} + 1000000000`,
  });
  const slotSql = `(SELECT s + ${from} AS s, h, h2,
      CASE WHEN h % ${BUSY_EVERY} = 0 THEN ${d.div('h', BUSY_EVERY)} % ${busyDevices}
        ELSE ${busyDevices} + ${d.div('h', BUSY_EVERY)} % ${devices - busyDevices} END AS d,
      ${TRAIL_FROM} + ${d.div(`(s + ${from}) * ${span}`, slots)} AS t,
      h2 % 20 AS o, ${d.div('h2', 20)} % ${list.length} AS v, ${d.div('h2', 100)} % 37 = 0 AS failed,
      ${d.div('h2', 3700)} % 20 = 0 AS alerted, 800 + ${d.div('h2', 74000)} % 1000 AS rtt
    FROM ${hashes} AS q${d.fence})`;
  const scrambled = `((d * ${DEVICE_MULTIPLIER}) & ${MASK40})`;
  const hexDigit = (x: string): string =>
    `substr('0123456789ABCDEF', CAST(${x} AS INTEGER) + 1, 1)`;
  const exchangeSql = `(SELECT s, d, t, o, v, failed, alerted, rtt,
      ${d.device(scrambled)} AS device,
      CASE o WHEN 0 THEN ${d.id(OPERATOR_BASE, `d % ${OPERATORS}`)}
        WHEN 1 THEN ${d.id(OTHER_USER)} ELSE ${d.id(SUPPLIER_BASE, `d % ${SUPPLIERS}`)} END AS originator,
      CASE o WHEN 0 THEN 'ElectricityDistributor' WHEN 1 THEN 'OtherUser'
        ELSE 'ImportSupplier' END AS role,
      CASE o WHEN 0 THEN '90-B3-D5-1F-30-02-00-0' || ${hexDigit(`d % ${OPERATORS}`)}
        WHEN 1 THEN '90-B3-D5-1F-30-03-00-01'
        ELSE '90-B3-D5-1F-30-01-00-0' || ${hexDigit(`d % ${SUPPLIERS}`)} END
        || ':' || ${euiText(`(${DEVICE_BASE} + ${scrambled})`)} || ':' || ${d.text('1000 + s')}
        AS rid,
      md5(${d.text('s')}) AS sig
    FROM ${slotSql} AS q${d.fence})`;
  const kindSql = `CASE k WHEN 0 THEN 'request' WHEN 1 THEN 'acknowledgement'
      WHEN 2 THEN CASE WHEN alerted THEN 'alert' ELSE 'response' END END`;
  const atSql = `t + CASE WHEN k < 2 THEN 0 WHEN alerted THEN 60000 ELSE rtt END`;
  const head = (root: string): string =>
    `'<sr:${root} xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.1"><sr:Header><sr:RequestID>' || rid || '</sr:RequestID>`;
  const payload = `CASE k
      WHEN 0 THEN ${head('Request')}<sr:CommandVariant>1</sr:CommandVariant><sr:ServiceReference>' || ${pick(list.map((x) => x.reference))} || '</sr:ServiceReference><sr:ServiceReferenceVariant>' || ${pick(list.map((x) => x.srv))} || '</sr:ServiceReferenceVariant></sr:Header><sr:Body/><ds:Signature>' || repeat(sig, 6) || '</ds:Signature></sr:Request>'
      WHEN 1 THEN ${head('Response')}<sr:ResponseCode>I99</sr:ResponseCode><sr:ResponseDateTime>' || ${d.text('t')} || '</sr:ResponseDateTime></sr:Header></sr:Response>'
      ELSE CASE WHEN alerted
        THEN ${head('DCCAlert')}<sr:DCCAlertCode>N13</sr:DCCAlertCode></sr:Header><sr:Body><sr:CommandFailure>' || repeat(sig, 4) || '</sr:CommandFailure></sr:Body></sr:DCCAlert>'
        ELSE ${head('Response')}<sr:ResponseCode>' || CASE WHEN failed THEN 'E040101' ELSE 'I0' END || '</sr:ResponseCode></sr:Header><sr:Body><sr:GBCSPayload>' || repeat(sig, 8) || '</sr:GBCSPayload></sr:Body></sr:Response>' END
    END`;
  return `INSERT INTO audit_trail (record_id, kind, recorded_at, request_id, device_id, mpxn,
      service_reference, srv, srv_name, code, outcome, originator_role, round_trip_ms,
      originator_id, recipient_id, format, payload, metadata)
    SELECT (t - ${AUDIT_ID_EPOCH_MS}) * 2097152 + k,
      (${kindSql})::audit_kind,
      ${d.time(atSql)},
      rid, device, ${d.mpxn('d')},
      ${pick(list.map((x) => x.reference))}, ${pick(list.map((x) => x.srv))},
      ${pick(list.map((x) => x.name.replaceAll("'", "''")))},
      CASE k WHEN 0 THEN NULL WHEN 1 THEN 'I99' ELSE CASE WHEN alerted THEN 'N13'
        WHEN failed THEN 'E040101' ELSE 'I0' END END,
      (CASE WHEN k < 2 THEN 'pending' WHEN alerted OR failed THEN 'failure'
        ELSE 'success' END)::audit_outcome,
      role::user_role,
      CASE k WHEN 0 THEN NULL WHEN 1 THEN 0 ELSE ${atSql} - t END,
      originator,
      CASE WHEN k = 0 THEN NULL ELSE originator END,
      'xml'::wire_format,
      ${payload},
      ${d.metadata(`CASE WHEN k = 0 THEN '{"commandVariant":1,"signer":"CN=Z1,OU=07|4711"}' ELSE '{}' END`)}
    FROM ${exchangeSql} AS e CROSS JOIN (VALUES (0), (1), (2)) AS kinds(k)`;
}

/** The INSERT statements writing the whole trail in `parts` slot ranges (run in any order). */
export function trailInserts(
  engine: 'duckdb' | 'postgres',
  shape: TrailShape,
  parts = 1,
): string[] {
  const dialect = engine === 'duckdb' ? duckdb : postgres;
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((shape.slots * i) / parts));
  return bounds
    .slice(0, -1)
    .map((from, i) => insertSql(dialect, shape, [from, bounds[i + 1] ?? shape.slots]))
    .filter((_, i) => (bounds[i + 1] ?? 0) > (bounds[i] ?? 0));
}

/**
 * One record on the first day of each month of the trail, appended through the store before
 * the SQL runs (on PostgreSQL this makes the store create its month partitions itself).
 */
export function monthRecords(): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let at = TRAIL_FROM, i = 0; at < TRAIL_TO; i++) {
    const month = new Date(at);
    const d = 1_000 + i;
    const device = deviceOf(d);
    const supplier = supplierOf(d);
    records.push({
      kind: 'request',
      // Low bits 3: the SQL's records use 0–2 at distinct milliseconds, so no ID repeats.
      id: (BigInt(at + 1 - AUDIT_ID_EPOCH_MS) << 21n) | 3n,
      at: new Date(at + 1),
      requestId: `${supplier}:${device}:${i + 1}`,
      deviceId: device,
      mpxn: mpxnOf(d),
      serviceReference: '4.1',
      srv: '4.1.1',
      srvName: 'Read Instantaneous Import Registers',
      code: null,
      outcome: 'pending',
      originatorRole: 'ImportSupplier',
      roundTripMs: null,
      originatorId: supplier,
      recipientId: null,
      format: 'xml',
      payload: `<sr:Request>${'x'.repeat(480)}</sr:Request>`,
      metadata: { commandVariant: 1 },
    });
    at = Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1);
  }
  return records;
}
