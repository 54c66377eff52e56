// Schema of the metric definitions file (MP176's change process: a new metric is a new version).
import { z } from 'zod';
import { USER_ROLES } from '../core/roles.ts';

/** The User Roles MP176 reports to. */
export const REPORTING_ROLES = [
  'ImportSupplier',
  'ExportSupplier',
  'GasSupplier',
  'ElectricityDistributor',
] as const;
/** One reporting role. */
export type ReportingRole = (typeof REPORTING_ROLES)[number];

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case id such as "meter-reads"');
const srvRef = z.string().regex(/^\d+(\.\d+){1,2}$/, 'expected an SRV such as "8.14.1"');
const srvList = z.array(srvRef).min(1);
const roles = z.array(z.enum(REPORTING_ROLES)).min(1);

/**
 * Which requests of an SRV belong to a process when the SRV serves several (Table 1 lists
 * 1.1.1 under Install and Commission, Change of Supplier and Tariff Updates): `install` and
 * `cos-gain` are the file's `contexts`; `routine` is neither; `not-install` is anything but
 * install. Without a context every request of the SRV counts.
 */
export const SRV_CONTEXTS = ['install', 'cos-gain', 'routine', 'not-install'] as const;
/** One SRV context. */
export type SrvContext = (typeof SRV_CONTEXTS)[number];

const processSrv = z.strictObject({
  srv: srvRef,
  label: z.string().min(1),
  context: z.enum(SRV_CONTEXTS).optional(),
  qualifierNote: z.string().min(1).optional(),
});

const processMetric = z.strictObject({
  kind: z.literal('process'),
  id,
  name: z.string().min(1),
  roles,
  note: z.string().min(1).optional(),
  srvs: z.array(processSrv).min(1),
});

const derivedCommon = {
  kind: z.literal('derived'),
  id,
  /** The process whose section shows the measure. */
  process: id,
  name: z.string().min(1),
};
const days = z.number().int().min(1).max(366);
const volume = z.strictObject({ label: z.string().min(1), srvs: srvList });

const derivedMetric = z.discriminatedUnion('measure', [
  z.strictObject({
    ...derivedCommon,
    measure: z.literal('no-read-within'),
    params: z.strictObject({ triggerSrvs: srvList, readProcess: id, days }),
  }),
  z.strictObject({
    ...derivedCommon,
    measure: z.literal('install-forecast'),
    params: z.strictObject({ srvs: srvList, historyDays: z.number().int().min(7).max(366) }),
  }),
  z.strictObject({
    ...derivedCommon,
    measure: z.literal('volume-comparison'),
    params: z.strictObject({ a: volume, b: volume }),
  }),
  z.strictObject({
    ...derivedCommon,
    measure: z.literal('read-before-cos-gain'),
    params: z.strictObject({ readProcess: id, days }),
  }),
  z.strictObject({
    ...derivedCommon,
    measure: z.literal('old-supplier-install-before-cos-gain'),
    params: z.strictObject({ srvs: srvList, lookbackDays: days }),
  }),
]);

const alertCode = z.string().regex(/^(N\d+|AD\d+|[0-9A-F]{4})$/, 'expected an alert code');
const alertCommon = { kind: z.literal('alert'), id, name: z.string().min(1), roles };

const alertMetric = z.discriminatedUnion('measure', [
  z.strictObject({
    ...alertCommon,
    measure: z.literal('alert-summary'),
    params: z.strictObject({}),
  }),
  z.strictObject({
    ...alertCommon,
    measure: z.literal('alert-breakdown'),
    params: z.strictObject({ codes: z.array(alertCode).min(1) }),
  }),
  z.strictObject({
    ...alertCommon,
    measure: z.literal('alert-follow-up'),
    params: z.strictObject({ first: alertCode, then: alertCode, days }),
  }),
  z.strictObject({
    ...alertCommon,
    measure: z.literal('unrestored-outage'),
    params: z.strictObject({
      outage: z.array(alertCode).min(1),
      restoration: z.array(alertCode).min(1),
    }),
  }),
]);

/** The whole definitions file. */
export const definitionsFileSchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as "1.2.0"'),
  /** First month reported with this version. */
  effectiveFrom: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  source: z.string().min(1),
  changes: z
    .array(
      z.strictObject({
        version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as "1.2.0"'),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
        summary: z.string().min(1),
      }),
    )
    .min(1),
  anonymity: z.strictObject({
    /** Other parties in the role needed to show each one as an anonymised peer. */
    minimumPeers: z.number().int().min(2).max(20),
    /** Other parties needed to show them merged as one "Other Users" figure (and the industry). */
    minimumGroup: z.number().int().min(2).max(20),
    rule: z.string().min(1),
  }),
  contexts: z.strictObject({
    install: z.strictObject({
      description: z.string().min(1),
      afterSrvs: srvList,
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31),
    }),
    'cos-gain': z.strictObject({ description: z.string().min(1), days }),
  }),
  metrics: z.array(z.union([processMetric, derivedMetric, alertMetric])).min(1),
});

/** The definitions file as read. */
export type DefinitionsFile = z.infer<typeof definitionsFileSchema>;
/** One metric of any kind. */
export type MetricDefinition = DefinitionsFile['metrics'][number];
/** A business process (Table 1 row group). */
export type ProcessMetric = z.infer<typeof processMetric>;
/** A derived measure shown in a process's section. */
export type DerivedMetric = z.infer<typeof derivedMetric>;
/** An alert metric. */
export type AlertMetric = z.infer<typeof alertMetric>;

/** Every User Role name, for messages. */
export const ALL_ROLES: readonly string[] = USER_ROLES;
