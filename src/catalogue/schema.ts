// Zod schemas for the SRV catalogue data file (src/catalogue/data/catalogue.json).
import { z } from 'zod';
import { DEVICE_TYPES } from '../core/devices.ts';
import { USER_ROLES } from '../core/roles.ts';

const oneOf = (what: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  `unknown ${what} ${JSON.stringify(issue.input)}; expected one of ${values.join(', ')}`;

/** How a Service Request is carried out (see README: mapping from the DUIS matrix columns). */
export const SRV_KINDS = ['on-demand', 'future-dated', 'dcc-only', 'non-device'] as const;
/** Who holds a future-dated request: nobody, the Device, the DSP, or both (matrix column). */
export const FUTURE_DATING = ['none', 'device', 'dsp', 'dsp-and-device'] as const;
/** The registration relationship a sender in a role must have to the Business Target Device. */
export const OWNERSHIP_REQUIREMENTS = [
  'responsible-supplier',
  'network-operator',
  'any-eligible',
] as const;
/** Who receives an alert: a User Role, or the User that sent the related Service Request. */
export const AUDIENCES = [...USER_ROLES, 'Originator'] as const;
/**
 * Refusals DUIS answers with a response code (DUIS "DCC Systems Response Codes", fact sheet (b)):
 * each maps to the one code whose DUIS text fits the check that failed.
 */
export const DUIS_REFUSAL_REASONS = [
  'wrong-url',
  'role-not-eligible',
  'not-responsible',
  'device-status',
  'target-type',
  'command-variant',
  'device-unknown',
  'join-not-found',
] as const;
/**
 * Refusals DUIS handles before response codes (fact sheet (b): schema, signature and replay
 * failures are treated at the transport level): each gets an HTTP status and an error code.
 */
export const HTTP_REFUSAL_REASONS = [
  'schema',
  'too-large',
  'signature',
  'unknown-signer',
  'replay',
] as const;
/** Every reason opendsp refuses a Service Request for. */
export const REJECTION_REASONS = [...HTTP_REFUSAL_REASONS, ...DUIS_REFUSAL_REASONS] as const;

const roleSchema = z.enum(USER_ROLES, { error: oneOf('role', USER_ROLES) });
const deviceTypeSchema = z.enum(DEVICE_TYPES, { error: oneOf('device type', DEVICE_TYPES) });
const audienceSchema = z.array(z.enum(AUDIENCES, { error: oneOf('audience', AUDIENCES) }));
const text = z.string().min(1);
const srvRef = z.string().regex(/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/, 'expected an SRV like "8.8.1"');
const dccAlertCode = z.string().regex(/^(N\d{1,3}|AD\d)$/, 'expected a DCC alert code like "N24"');
const deviceAlertCode = z.string().regex(/^[0-9A-F]{4}$/, 'expected 4 upper-case hex digits');

/** One alert an SRV may cause. */
export const raisedAlertSchema = z.strictObject({
  code: z.union([dccAlertCode, deviceAlertCode]),
  type: z.enum(['dcc', 'device']),
  inferred: z.boolean().optional(),
  note: text.optional(),
});

/** One Service Reference Variant. */
export const srvSchema = z.strictObject({
  srv: srvRef,
  serviceReference: z.string().regex(/^\d{1,2}\.\d{1,2}$/, 'expected a Service Reference'),
  name: text,
  kind: z.enum(SRV_KINDS),
  critical: z.boolean(),
  onDemand: z.boolean(),
  futureDating: z.enum(FUTURE_DATING),
  dccSchedulable: z.boolean(),
  eligibleRoles: z.array(roleSchema),
  eligibleRolesNote: text.optional(),
  ownership: z.partialRecord(roleSchema, z.enum(OWNERSHIP_REQUIREMENTS)),
  ownershipNote: text.optional(),
  targetDeviceTypes: z.array(deviceTypeSchema),
  targetDeviceTypesInferred: z.boolean().optional(),
  targetNote: text.optional(),
  commandVariants: z.array(z.number().int().min(1).max(9)).min(1),
  gbcsUseCases: z.array(text),
  targetResponseTime: z.strictObject({
    seconds: z.number().positive().nullable(),
    note: text.optional(),
  }),
  raisesAlerts: z.array(raisedAlertSchema),
});

/** One DUIS response code. */
export const responseCodeSchema = z.strictObject({
  code: z.string().regex(/^[IEW]\d+$/, 'expected a response code like "E080801"'),
  serviceReference: z.string().nullable(),
  severity: z.enum(['information', 'warning', 'error']),
  description: text.nullable(),
  descriptionKnown: z.boolean(),
  source: text.optional(),
  evidence: text.optional(),
});

/**
 * One refusal: the check and its answer, either a DUIS response code (`code`, with the `source`
 * whose text fits the check) or an HTTP answer (`http`, with the `assumption` opendsp makes where
 * no public source gives one). Which reasons take which is checked across entries (check-codes).
 */
export const rejectionCodeSchema = z.strictObject({
  reason: z.enum(REJECTION_REASONS, { error: oneOf('rejection reason', REJECTION_REASONS) }),
  check: text,
  code: z
    .string()
    .regex(/^E\d+$/, 'expected an error response code like "E4"')
    .optional(),
  http: z
    .strictObject({
      status: z.number().int().min(400).max(499),
      error: z.string().regex(/^[A-Z_]+$/, 'expected an error code like "DUIS_INVALID"'),
    })
    .optional(),
  source: text.optional(),
  assumption: text.optional(),
});

const alertFields = {
  meaning: text.nullable(),
  meaningKnown: z.boolean(),
  source: text.optional(),
  audience: audienceSchema.nullable(),
  audienceNote: text.optional(),
  inferred: z.boolean().optional(),
  note: text.optional(),
};

/** One DCC Alert code (DUIS `DCCAlertCode`). */
export const dccAlertSchema = z.strictObject({
  code: dccAlertCode,
  payload: text.optional(),
  ...alertFields,
});

/** One Device Alert code (GBCS alert code, hex without 0x). */
export const deviceAlertSchema = z.strictObject({
  code: deviceAlertCode,
  useCases: z.array(text).optional(),
  critical: z.boolean().optional(),
  ...alertFields,
});

/** Power outage and restoration alerts, as MP176's outage reporting needs them. */
export const powerEventsSchema = z.strictObject({
  powerOutage: z.strictObject({
    alertType: z.literal('dcc'),
    payload: text,
    dccAlertCode: dccAlertCode.nullable(),
    codeKnown: z.boolean(),
    opendspCode: dccAlertCode,
    opendspChoice: z.boolean(),
    audience: audienceSchema,
    audienceInferred: z.boolean(),
    note: text,
  }),
  powerRestoration: z.strictObject({
    alertType: z.literal('device'),
    deviceAlertCodes: z.array(deviceAlertCode).min(1),
    useCase: text,
    audience: audienceSchema,
    audienceInferred: z.boolean(),
    note: text,
  }),
});

/** The whole catalogue file. */
export const catalogueFileSchema = z.strictObject({
  version: text,
  source: z.strictObject({
    summary: text,
    documents: z.array(text),
    conventions: z.record(z.string(), text),
  }),
  commandVariantTable: z.array(
    z.strictObject({
      cv: z.number().int(),
      input: text,
      output: text,
      critical: z.boolean(),
      mode: text,
    }),
  ),
  srvs: z.array(srvSchema).min(1),
  responseCodes: z.array(responseCodeSchema).min(1),
  refusals: z.array(rejectionCodeSchema),
  dccAlerts: z.array(dccAlertSchema),
  deviceAlerts: z.array(deviceAlertSchema),
  powerEvents: powerEventsSchema,
});
