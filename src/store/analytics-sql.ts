// Engine-neutral SQL of the Customer Analytics Reporting queries (DuckDB and PostgreSQL).
//
// Every query aggregates inside the database. Days are UK calendar days (Europe/London), as
// the reports are monthly in UK time. SRVs and codes come from validated definitions and are
// inlined as literals; times are bind values. Each engine supplies a Dialect for the few
// places they differ (the device view, and how IDs and MPxNs turn into text).
import { eui64FromBigInt } from '../core/eui64.ts';
import { StorageError } from '../core/errors.ts';
import { SqlParams, type SqlValue } from './audit-sql.ts';

/** What differs between engines. */
export interface Dialect {
  /** A relation with device_id, type, manufacturer, model, firmware_version, smets, region, mpxn, status, status_since. */
  readonly devices: string;
  /** SQL giving the unsigned decimal text of an EUI-64 column. */
  idText(column: string): string;
  /** SQL giving the text of an MPxN column. */
  mpxnText(column: string): string;
  /** SQL giving milliseconds since the epoch of a timestamp column, as a number. */
  epochMs(column: string): string;
  /** SQL giving the 16 upper-case hex digits of an EUI-64 column. */
  idHex(column: string): string;
  /** SQL giving a timestamp as ISO 8601 UTC text with milliseconds. */
  isoText(column: string): string;
}

/** A query ready for an engine: its text and bind values. */
export interface BuiltQuery {
  readonly text: string;
  readonly values: readonly SqlValue[];
}

/** A named analytics query; `build` writes it in an engine's dialect. */
export interface AnalyticsQuery {
  readonly name: string;
  build(dialect: Dialect): BuiltQuery;
}

/**
 * A query whose rows go straight into CSV files, one per value of its leading `partitionBy`
 * columns (which the files leave out): large data sets never cross into JavaScript.
 */
export interface ExportQuery extends AnalyticsQuery {
  readonly partitionBy: readonly string[];
}

/** The text of a query with its bind values written in as literals (COPY takes none). */
export function inlineValues(built: BuiltQuery, literal: (value: SqlValue) => string): string {
  return built.text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = built.values[Number(n) - 1];
    if (value === undefined) throw new Error(`no bind value $${n}`);
    return literal(value);
  });
}

/** An EUI-64 column as its text form, `0A-1B-…`. */
function euiText(d: Dialect, column: string): string {
  const h = d.idHex(column);
  return `CASE WHEN ${column} IS NULL THEN NULL ELSE ${[1, 3, 5, 7, 9, 11, 13, 15]
    .map((i) => `substr(${h}, ${i}, 2)`)
    .join(" || '-' || ")} END`;
}

/** A time window, `from` inclusive, `to` exclusive. */
export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** Which requests of an SRV a process counts (see src/analytics/schema.ts SRV_CONTEXTS). */
export interface ProcessSrv {
  readonly processId: string;
  readonly srv: string;
  readonly context: 'any' | 'install' | 'cos-gain' | 'routine' | 'not-install';
}

/** The install and Change of Supplier windows that decide an SRV's context. */
export interface ContextRules {
  readonly installSrvs: readonly string[];
  readonly installHours: number;
  readonly cosDays: number;
}

/** The month and process map a tagged outcome set is built from. */
interface TagSpec {
  readonly w: Window;
  readonly map: readonly ProcessSrv[];
  readonly rules: ContextRules;
}

/** A SQL string literal. */
export function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const list = (values: readonly string[]): string =>
  values.length === 0 ? '(NULL)' : `(${values.map(lit).join(', ')})`;
/** Starts and ends of British Summer Time (01:00 UTC on the last Sundays of March and October). */
function summerTimes(from: Date, to: Date): [number, number][] {
  const lastSunday = (year: number, month: number): number => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 86_400_000;
  };
  const spans: [number, number][] = [];
  for (let y = from.getUTCFullYear() - 1; y <= to.getUTCFullYear() + 1; y++) {
    spans.push([lastSunday(y, 2), lastSunday(y, 9)]);
  }
  return spans;
}

/**
 * The UK calendar day of a timestamp as a day number (days since 1970-01-01), by arithmetic on
 * epoch milliseconds: a time-zone conversion per row costs several times more on a month of
 * records. The port turns day numbers into `YYYY-MM-DD`.
 */
function ukDay(d: Dialect, column: string, w: Window): string {
  const e = d.epochMs(column);
  const bst = summerTimes(w.from, w.to)
    .map(([a, b]) => `WHEN ${e} >= ${a} AND ${e} < ${b} THEN 3600000`)
    .join(' ');
  return `CAST(floor((${e} + CASE ${bst} ELSE 0 END) / 86400000.0) AS INTEGER)`;
}
const int = (expr: string): string => `CAST(${expr} AS INTEGER)`;
const num = (expr: string): string => `CAST(${expr} AS DOUBLE PRECISION)`;
/** Milliseconds since the epoch of a timestamp, as a number. */

function query(name: string, write: (d: Dialect, p: SqlParams) => string): AnalyticsQuery {
  return {
    name,
    build(dialect) {
      const params = new SqlParams();
      const text = write(dialect, params);
      return { text, values: params.values };
    },
  };
}

function windowParams(p: SqlParams, w: Window): { from: string; to: string } {
  return { from: p.add({ kind: 'time', value: w.from }), to: p.add({ kind: 'time', value: w.to }) };
}

/**
 * The final outcome of each Service Request in the window, tagged with the processes that
 * count it: the Service Response (I0 or a failure code), or the N13 / N55 DCC Alert that
 * took its place. A request belongs to the month its outcome was recorded in.
 */
function tagged(d: Dialect, p: SqlParams, spec: TagSpec): string {
  const { w, map, rules } = spec;
  const { from, to } = windowParams(p, w);
  const srvs = [...new Set(map.map((m) => m.srv))];
  const ctxSrvs = [...new Set(map.filter((m) => m.context !== 'any').map((m) => m.srv))];
  const values = map
    .map((m) => `(${lit(m.processId)}, ${lit(m.srv)}, ${lit(m.context)})`)
    .join(', ');
  return `map (process_id, srv, context) AS (VALUES ${values}),
  f AS (
    SELECT a.originator_id, u.party_id, CAST(a.originator_role AS VARCHAR) AS role, a.srv,
      a.code, CAST(a.outcome AS VARCHAR) AS outcome, a.round_trip_ms AS rtt, a.device_id, a.mpxn,
      a.recorded_at
    FROM audit_trail a JOIN users u ON u.user_id = a.originator_id
    WHERE a.recorded_at >= ${from} AND a.recorded_at < ${to}
      AND a.originator_id IS NOT NULL AND a.srv IN ${list(srvs)}
      AND (a.kind = 'response' OR (a.kind = 'alert' AND a.code IN ('N13', 'N55')))),
  inst AS (
    SELECT DISTINCT i.device_id, i.mpxn, i.recorded_at FROM audit_trail i
    WHERE i.kind = 'request' AND i.srv IN ${list(rules.installSrvs)}
      AND i.recorded_at >= ${from} - INTERVAL '${rules.installHours} hours' AND i.recorded_at < ${to}),
  gains AS (
    SELECT r.mpxn, r.user_id, r.valid_from FROM registrations r
    WHERE r.valid_from >= ${from} - INTERVAL '${rules.cosDays} days' AND r.valid_from < ${to}
      AND EXISTS (SELECT 1 FROM registrations o WHERE o.mpxn = r.mpxn AND o.role = r.role
        AND o.valid_to = r.valid_from AND o.user_id <> r.user_id)),
  fc AS (
    SELECT f.*,
      (EXISTS (SELECT 1 FROM inst WHERE inst.mpxn = f.mpxn AND inst.recorded_at <= f.recorded_at
          AND inst.recorded_at >= f.recorded_at - INTERVAL '${rules.installHours} hours')
        OR EXISTS (SELECT 1 FROM inst WHERE inst.device_id = f.device_id
          AND inst.recorded_at <= f.recorded_at
          AND inst.recorded_at >= f.recorded_at - INTERVAL '${rules.installHours} hours')) AS in_install,
      EXISTS (SELECT 1 FROM gains g WHERE g.mpxn = f.mpxn AND g.user_id = f.originator_id
        AND g.valid_from <= f.recorded_at
        AND g.valid_from >= f.recorded_at - INTERVAL '${rules.cosDays} days') AS in_cos
    FROM f WHERE f.srv IN ${list(ctxSrvs)}),
  fa AS (
    SELECT f.*, FALSE AS in_install, FALSE AS in_cos FROM f WHERE f.srv NOT IN ${list(ctxSrvs)}
    UNION ALL SELECT * FROM fc),
  t AS (
    SELECT fa.*, map.process_id FROM fa JOIN map ON map.srv = fa.srv
    WHERE map.context = 'any'
      OR (map.context = 'install' AND fa.in_install)
      OR (map.context = 'cos-gain' AND fa.in_cos)
      OR (map.context = 'routine' AND NOT fa.in_install AND NOT fa.in_cos)
      OR (map.context = 'not-install' AND NOT fa.in_install))`;
}

/**
 * Per process: each User's and each role's volumes, successes, and round-trip times of
 * successful requests (best, worst, mean, median). `party_id` is null on the role rows (one row per SEC Party, whatever its number of User IDs).
 */
export function processStatsQuery(
  w: Window,
  map: readonly ProcessSrv[],
  rules: ContextRules,
): AnalyticsQuery {
  return query('process statistics', (d, p) => {
    const ok = "t.outcome = 'success'";
    return `WITH ${tagged(d, p, { w, map, rules })}
    SELECT t.process_id, t.role, CASE WHEN GROUPING(t.party_id) = 0 THEN t.party_id END AS party_id,
      ${int('count(*)')} AS requests,
      ${int(`count(*) FILTER (WHERE ${ok})`)} AS successes,
      ${num(`min(t.rtt) FILTER (WHERE ${ok})`)} AS rtt_best,
      ${num(`max(t.rtt) FILTER (WHERE ${ok})`)} AS rtt_worst,
      ${num(`avg(t.rtt) FILTER (WHERE ${ok})`)} AS rtt_mean,
      ${num(`percentile_cont(0.5) WITHIN GROUP (ORDER BY t.rtt) FILTER (WHERE ${ok})`)} AS rtt_median
    FROM t GROUP BY GROUPING SETS ((t.process_id, t.role, t.party_id), (t.process_id, t.role))`;
  });
}

/**
 * Per process, party, UK day, meter type, region and SMETS version: volumes, successes and
 * round-trip time sums of successful requests. The caller rolls these up into daily totals and
 * each split (one fine grouping costs less than grouping sets over the same rows).
 */
export function processDailyQuery(
  w: Window,
  map: readonly ProcessSrv[],
  rules: ContextRules,
): AnalyticsQuery {
  return query('process daily', (d, p) => {
    const ok = "t.outcome = 'success'";
    return `WITH ${tagged(d, p, { w, map, rules })}
    SELECT t.process_id, t.role, t.party_id, ${ukDay(d, 't.recorded_at', w)} AS day,
      CAST(dv.type AS VARCHAR) AS meter_type, CAST(dv.region AS VARCHAR) AS region,
      CAST(dv.smets AS VARCHAR) AS smets,
      ${int('count(*)')} AS requests,
      ${int(`count(*) FILTER (WHERE ${ok})`)} AS successes,
      ${num(`sum(t.rtt) FILTER (WHERE ${ok})`)} AS rtt_sum,
      ${int(`count(t.rtt) FILTER (WHERE ${ok})`)} AS rtt_count
    FROM t LEFT JOIN ${d.devices} dv ON dv.device_id = t.device_id
    GROUP BY t.process_id, t.role, t.party_id, ${ukDay(d, 't.recorded_at', w)}, dv.type, dv.region, dv.smets`;
  });
}

/** Per process and User: every failure by SRV, code and the device's signifiers. */
export function processFailuresQuery(
  w: Window,
  map: readonly ProcessSrv[],
  rules: ContextRules,
): AnalyticsQuery {
  return query('process failures', (d, p) => {
    return `WITH ${tagged(d, p, { w, map, rules })}
    SELECT t.process_id, t.role, t.party_id, t.srv, t.code,
      CAST(dv.type AS VARCHAR) AS meter_type, dv.manufacturer, dv.model, dv.firmware_version,
      CAST(dv.region AS VARCHAR) AS region, CAST(dv.smets AS VARCHAR) AS smets,
      ${int('count(*)')} AS failures
    FROM t LEFT JOIN ${d.devices} dv ON dv.device_id = t.device_id
    WHERE t.outcome = 'failure'
    GROUP BY t.process_id, t.role, t.party_id, t.srv, t.code, dv.type, dv.manufacturer,
      dv.model, dv.firmware_version, dv.region, dv.smets`;
  });
}

/** Service Requests sent per User, SRV and UK day (request records), over a window. */
export function dailyRequestsQuery(w: Window, srvs: readonly string[]): AnalyticsQuery {
  return query('daily requests', (d, p) => {
    const { from, to } = windowParams(p, w);
    return `SELECT u.party_id, CAST(a.originator_role AS VARCHAR) AS role, a.srv,
      ${ukDay(d, 'a.recorded_at', w)} AS day, ${int('count(*)')} AS requests
    FROM audit_trail a JOIN users u ON u.user_id = a.originator_id
    WHERE a.kind = 'request' AND a.recorded_at >= ${from} AND a.recorded_at < ${to}
      AND a.originator_id IS NOT NULL AND a.srv IN ${list(srvs)}
    GROUP BY u.party_id, a.originator_role, a.srv, ${ukDay(d, 'a.recorded_at', w)}`;
  });
}

/**
 * Successful trigger requests (e.g. 8.14.1) in the window, each with the first successful
 * read of the same supply point in the `days` after it (null when there was none).
 */
export function readsAfterQuery(
  w: Window,
  spec: {
    readonly triggerSrvs: readonly string[];
    readonly readSrvs: readonly string[];
    readonly days: number;
  },
): AnalyticsQuery {
  return query('reads after trigger', (d, p) => {
    const { from, to } = windowParams(p, w);
    return `WITH trig AS (
      SELECT u.party_id, CAST(a.originator_role AS VARCHAR) AS role, a.mpxn, a.recorded_at
      FROM audit_trail a JOIN users u ON u.user_id = a.originator_id
      WHERE a.kind = 'response' AND CAST(a.outcome AS VARCHAR) = 'success'
        AND a.srv IN ${list(spec.triggerSrvs)} AND a.mpxn IS NOT NULL
        AND a.recorded_at >= ${from} AND a.recorded_at < ${to}),
    rd AS (
      SELECT a.mpxn, a.recorded_at FROM audit_trail a
      WHERE a.kind = 'response' AND CAST(a.outcome AS VARCHAR) = 'success'
        AND a.srv IN ${list(spec.readSrvs)} AND a.mpxn IN (SELECT mpxn FROM trig)
        AND a.recorded_at >= ${from} AND a.recorded_at < ${to} + INTERVAL '${spec.days} days')
    SELECT trig.party_id, trig.role,
      ${d.mpxnText('trig.mpxn')} AS mpxn, ${ukDay(d, 'trig.recorded_at', w)} AS day,
      ${num(d.epochMs('trig.recorded_at'))} AS at_ms,
      ${num(`min(${d.epochMs('rd.recorded_at')})`)} AS read_ms
    FROM trig LEFT JOIN rd ON rd.mpxn = trig.mpxn AND rd.recorded_at >= trig.recorded_at
      AND rd.recorded_at < trig.recorded_at + INTERVAL '${spec.days} days'
    GROUP BY trig.party_id, trig.role, trig.mpxn, trig.recorded_at`;
  });
}

/**
 * Change of Supplier gains in the window (a registration that replaced another User's in the
 * same role), each with one check: `read-before`, whether a successful read of the supply
 * point happened in the `days` before (column `read_before`, 1 or 0); or `old-install`, which
 * of `srvs` the old supplier sent for it in the `days` before (column `old_install_srv`).
 */
export function cosGainsQuery(
  w: Window,
  check: {
    readonly kind: 'read-before' | 'old-install';
    readonly srvs: readonly string[];
    readonly days: number;
  },
): AnalyticsQuery {
  return query('change of supplier gains', (d, p) => {
    const { from, to } = windowParams(p, w);
    const before = `a.mpxn = g.mpxn AND a.srv IN ${list(check.srvs)} AND a.recorded_at < g.valid_from
        AND a.recorded_at >= g.valid_from - INTERVAL '${check.days} days'`;
    const column =
      check.kind === 'read-before'
        ? `${int(`EXISTS (SELECT 1 FROM audit_trail a WHERE ${before} AND a.kind = 'response'
        AND CAST(a.outcome AS VARCHAR) = 'success')`)} AS read_before`
        : `(SELECT min(a.srv) FROM audit_trail a WHERE ${before} AND a.kind = 'request'
        AND a.originator_id = g.old_user_id) AS old_install_srv`;
    return `WITH g AS (
      SELECT r.mpxn, CAST(r.role AS VARCHAR) AS role, u.party_id, o.user_id AS old_user_id,
        r.valid_from FROM registrations r JOIN users u ON u.user_id = r.user_id
      JOIN registrations o ON o.mpxn = r.mpxn AND o.role = r.role AND o.valid_to = r.valid_from
        AND o.user_id <> r.user_id
      WHERE r.valid_from >= ${from} AND r.valid_from < ${to})
    SELECT g.party_id, g.role, ${d.mpxnText('g.mpxn')} AS mpxn,
      ${ukDay(d, 'g.valid_from', w)} AS day, ${column}
    FROM g`;
  });
}

/** Alerts sent to each User per UK day and code: volumes, failures, delivery-time sums. */
export function alertDailyQuery(w: Window): AnalyticsQuery {
  return query('alerts daily', (d, p) => {
    const { from, to } = windowParams(p, w);
    return `SELECT u.party_id, CAST(u.role AS VARCHAR) AS role,
      a.code, ${ukDay(d, 'a.recorded_at', w)} AS day, ${int('count(*)')} AS alerts,
      ${int("count(*) FILTER (WHERE CAST(a.outcome AS VARCHAR) = 'failure')")} AS failures,
      ${num('sum(a.round_trip_ms)')} AS delivery_sum, ${int('count(a.round_trip_ms)')} AS delivery_count,
      ${num('min(a.round_trip_ms)')} AS delivery_best, ${num('max(a.round_trip_ms)')} AS delivery_worst
    FROM audit_trail a JOIN users u ON u.user_id = a.recipient_id
    WHERE a.kind = 'alert' AND a.recorded_at >= ${from} AND a.recorded_at < ${to}
    GROUP BY u.party_id, u.role, a.code, ${ukDay(d, 'a.recorded_at', w)}`;
  });
}

/**
 * Alerts with these codes about devices on each Electricity Distributor's network (its
 * registration on the device's supply point when the alert was sent), by meter type, model
 * and firmware version. Counts only: who received them is not shown.
 */
export function networkAlertBreakdownQuery(w: Window, codes: readonly string[]): AnalyticsQuery {
  return query('network alert breakdown', (d, p) => {
    const { from, to } = windowParams(p, w);
    return `SELECT u.party_id, a.code, CAST(dv.type AS VARCHAR) AS meter_type,
      dv.manufacturer, dv.model, dv.firmware_version, ${int('count(*)')} AS alerts
    FROM audit_trail a JOIN ${d.devices} dv ON dv.device_id = a.device_id
    JOIN registrations r ON r.mpxn = a.mpxn AND r.role = 'ElectricityDistributor'
      AND r.valid_from <= a.recorded_at AND (r.valid_to IS NULL OR r.valid_to > a.recorded_at)
    JOIN users u ON u.user_id = r.user_id
    WHERE a.kind = 'alert' AND a.code IN ${list(codes)}
      AND a.recorded_at >= ${from} AND a.recorded_at < ${to}
    GROUP BY u.party_id, a.code, dv.type, dv.manufacturer, dv.model, dv.firmware_version`;
  });
}

/**
 * `first` alerts sent to each User in the window, each with the first `then` alert for the
 * same device to the same User after it (any time up to `seen`), and the device's import
 * supplier when the first alert was sent.
 */
export function followUpQuery(
  w: Window,
  spec: { readonly first: string; readonly then: string; readonly seen: Date },
): AnalyticsQuery {
  return query('alert follow-up', (d, p) => {
    const { from, to } = windowParams(p, w);
    const seen = p.add({ kind: 'time', value: spec.seen });
    return `WITH f AS (
      SELECT a.recipient_id, a.device_id, a.mpxn, a.recorded_at FROM audit_trail a
      WHERE a.kind = 'alert' AND a.code = ${lit(spec.first)}
        AND a.recorded_at >= ${from} AND a.recorded_at < ${to})
    SELECT u.party_id, ${d.idText('f.device_id')} AS device_id, sp.party_id AS supplier_party,
      ${num(d.epochMs('f.recorded_at'))} AS at_ms,
      ${num(`min(${d.epochMs('n.recorded_at')})`)} AS then_ms
    FROM f
    LEFT JOIN audit_trail n ON n.kind = 'alert' AND n.code = ${lit(spec.then)}
      AND n.device_id = f.device_id AND n.recipient_id = f.recipient_id
      AND n.recorded_at >= f.recorded_at AND n.recorded_at < ${seen}
    LEFT JOIN registrations s ON s.mpxn = f.mpxn AND s.role = 'ImportSupplier'
      AND s.valid_from <= f.recorded_at AND (s.valid_to IS NULL OR s.valid_to > f.recorded_at)
    JOIN users u ON u.user_id = f.recipient_id
    LEFT JOIN users sp ON sp.user_id = s.user_id
    GROUP BY u.party_id, f.device_id, sp.party_id, f.recorded_at`;
  });
}

/** Outage alerts sent to each User in the window with no restoration alert for the device after them (before `to`). */
export function unrestoredOutagesQuery(
  w: Window,
  spec: { readonly outage: readonly string[]; readonly restoration: readonly string[] },
): AnalyticsQuery {
  return query('unrestored outages', (d, p) => {
    const { from, to } = windowParams(p, w);
    return `SELECT u.party_id, ${d.idText('o.device_id')} AS device_id,
      ${d.mpxnText('o.mpxn')} AS mpxn, ${num(d.epochMs('o.recorded_at'))} AS at_ms
    FROM audit_trail o JOIN users u ON u.user_id = o.recipient_id
    WHERE o.kind = 'alert' AND o.code IN ${list(spec.outage)}
      AND o.recorded_at >= ${from} AND o.recorded_at < ${to}
      AND NOT EXISTS (SELECT 1 FROM audit_trail r WHERE r.kind = 'alert'
        AND r.code IN ${list(spec.restoration)} AND r.device_id = o.device_id
        AND r.recorded_at >= o.recorded_at AND r.recorded_at < ${to})
    ORDER BY u.party_id, o.recorded_at`;
  });
}

/** CTE `e`: each party's estate at instant `t` (a bind placeholder), with SMI status then. */
function estateAt(d: Dialect, t: string, roles: readonly string[]): string {
  return `h AS (
      SELECT device_id, CAST(to_status AS VARCHAR) AS status,
        row_number() OVER (PARTITION BY device_id ORDER BY changed_at DESC, seq DESC) AS rn
      FROM device_status_history WHERE changed_at <= ${t}),
    e AS (
      SELECT u.party_id, CAST(r.role AS VARCHAR) AS role, dv.device_id,
        CAST(dv.type AS VARCHAR) AS device_type, dv.manufacturer, dv.model, dv.firmware_version,
        CAST(dv.smets AS VARCHAR) AS smets, ${int('dv.region')} AS region, dv.mpxn,
        COALESCE(h.status, CASE WHEN dv.status_since <= ${t} THEN CAST(dv.status AS VARCHAR) END) AS status
      FROM registrations r JOIN users u ON u.user_id = r.user_id
      JOIN ${d.devices} dv ON dv.mpxn = r.mpxn
      LEFT JOIN h ON h.device_id = dv.device_id AND h.rn = 1
      WHERE r.valid_from <= ${t} AND (r.valid_to IS NULL OR r.valid_to > ${t})
        AND CAST(r.role AS VARCHAR) IN ${list(roles)}
        AND COALESCE(h.status, CASE WHEN dv.status_since <= ${t} THEN CAST(dv.status AS VARCHAR) END) IS NOT NULL)`;
}

/** The inventory data file: every device in each party's estate at `at`, by party and role. */
export function estateExportQuery(at: Date, roles: readonly string[]): ExportQuery {
  return {
    ...query('inventory export', (d, p) => {
      const t = p.add({ kind: 'time', value: at });
      return `WITH ${estateAt(d, t, roles)}
      SELECT e.party_id, e.role, ${euiText(d, 'e.device_id')} AS device_id, e.device_type,
        e.manufacturer, e.model, e.firmware_version, e.smets, e.region,
        ${d.mpxnText('e.mpxn')} AS mpxn, e.status
      FROM e ORDER BY e.party_id, e.role, e.device_id`;
    }),
    partitionBy: ['party_id', 'role'],
  };
}

/** Each party's estate at `at` counted by device type, model and firmware version. */
export function estateCountsQuery(at: Date, roles: readonly string[]): AnalyticsQuery {
  return query('estate counts', (d, p) => {
    const t = p.add({ kind: 'time', value: at });
    return `WITH ${estateAt(d, t, roles)}
    SELECT e.party_id, e.role, e.device_type, e.manufacturer, e.model, e.firmware_version,
      ${int('count(*)')} AS devices
    FROM e GROUP BY e.party_id, e.role, e.device_type, e.manufacturer, e.model, e.firmware_version`;
  });
}

/** The alert data files: every alert sent to each party in the window, by party, role and code. */
export function alertExportQuery(w: Window): ExportQuery {
  return {
    ...query('alert export', (d, p) => {
      const { from, to } = windowParams(p, w);
      return `SELECT u.party_id, CAST(u.role AS VARCHAR) AS role, a.code,
        ${d.isoText('a.recorded_at')} AS sent_at, a.request_id, a.srv,
        ${euiText(d, 'dv.device_id')} AS device_id, ${d.mpxnText('a.mpxn')} AS mpxn,
        CAST(a.outcome AS VARCHAR) AS outcome, a.round_trip_ms AS delivery_ms,
        CAST(dv.type AS VARCHAR) AS meter_type, dv.manufacturer, dv.model, dv.firmware_version,
        dv.region, CAST(dv.smets AS VARCHAR) AS smets
      FROM audit_trail a JOIN users u ON u.user_id = a.recipient_id
      LEFT JOIN ${d.devices} dv ON dv.device_id = a.device_id
      WHERE a.kind = 'alert' AND a.recorded_at >= ${from} AND a.recorded_at < ${to}
      ORDER BY u.party_id, u.role, a.code, a.recorded_at, a.record_id`;
    }),
    partitionBy: ['party_id', 'role', 'code'],
  };
}

/** How many audit records fall in the window (a month with none has nothing to report). */
export function recordCountQuery(w: Window): AnalyticsQuery {
  return query('record count', (_d, p) => {
    const { from, to } = windowParams(p, w);
    return `SELECT ${int('count(*)')} AS records FROM audit_trail
      WHERE recorded_at >= ${from} AND recorded_at < ${to}`;
  });
}

/** Result columns that hold EUI-64s (as unsigned decimal text from the engine). */
const ID_COLUMNS: ReadonlySet<string> = new Set(['user_id', 'device_id', 'supplier_id']);

/** A row as the port returns it: EUI-64 columns as EUI-64 text, numbers as numbers. */
export function decodeAnalyticsRow(
  row: Readonly<Record<string, unknown>>,
  queryName: string,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[column] = null;
    else if (column === 'day' && typeof value === 'number')
      out[column] = new Date(value * 86_400_000).toISOString().slice(0, 10);
    else if (ID_COLUMNS.has(column)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
        throw new StorageError('analytics', `query "${queryName}" returned no ID in ${column}`);
      }
      const n = BigInt(value);
      out[column] = n === 0n ? null : eui64FromBigInt(n);
    } else if (typeof value === 'number' || typeof value === 'string') out[column] = value;
    else if (typeof value === 'bigint') out[column] = Number(value);
    else if (typeof value === 'boolean') out[column] = value ? 1 : 0;
    else
      throw new StorageError(
        'analytics',
        `query "${queryName}" returned a ${typeof value} in column ${column}`,
      );
  }
  return out;
}
