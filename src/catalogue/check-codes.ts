// Cross-entry checks on response codes, refusals, alerts and power events.
import type { z } from 'zod';
import { findDuplicates, type Located } from './entries.ts';
import { ERROR_CODES, type ErrorCode } from '../core/errors.ts';
import {
  DUIS_REFUSAL_REASONS,
  REJECTION_REASONS,
  type dccAlertSchema,
  type deviceAlertSchema,
  type powerEventsSchema,
  type rejectionCodeSchema,
  type responseCodeSchema,
} from './schema.ts';

type ResponseCodeData = z.infer<typeof responseCodeSchema>;
type RejectionData = z.infer<typeof rejectionCodeSchema>;
type AlertData = z.infer<typeof dccAlertSchema> | z.infer<typeof deviceAlertSchema>;

/** The parts of the file these checks look at; lists hold only schema-valid entries. */
export interface CodeSections {
  readonly responseCodes: readonly Located<ResponseCodeData>[];
  readonly rejections: readonly Located<RejectionData>[];
  readonly dccAlerts: readonly Located<AlertData>[];
  readonly deviceAlerts: readonly Located<AlertData>[];
  readonly powerEvents: z.infer<typeof powerEventsSchema> | undefined;
  /** Service References of the valid SRV entries. */
  readonly serviceReferences: ReadonlySet<string>;
}

const SEVERITY = { I: 'information', W: 'warning', E: 'error' } as const;

/** The Service Reference a 6-digit code belongs to (E080801 -> 8.8); null for generic codes. */
export function serviceReferenceOf(code: string): string | null {
  const digits = /^[IEW](\d{6})$/.exec(code)?.[1];
  if (digits === undefined) return null;
  return `${Number(digits.slice(0, 2))}.${Number(digits.slice(2, 4))}`;
}

function checkResponseCode(at: string, rc: ResponseCodeData, refs: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const letter = rc.code.charAt(0) as keyof typeof SEVERITY;
  if (SEVERITY[letter] !== rc.severity) {
    problems.push(`${at}.severity: "${rc.severity}" but a ${letter} code is "${SEVERITY[letter]}"`);
  }
  const expected = serviceReferenceOf(rc.code);
  if (expected !== rc.serviceReference) {
    problems.push(`${at}.serviceReference: expected ${JSON.stringify(expected)} from the code`);
  } else if (expected !== null && refs.size > 0 && !refs.has(expected)) {
    problems.push(`${at}.serviceReference: no SRV has Service Reference ${expected}`);
  }
  if (rc.descriptionKnown !== (rc.description !== null)) {
    problems.push(`${at}.descriptionKnown: must be true exactly when description is given`);
  }
  return problems;
}

/** The checks on one DUIS refusal: a real error code whose DUIS text is known, and its source. */
function checkDuisRefusal(
  at: string,
  r: RejectionData,
  known: ReadonlyMap<string, boolean>,
): string[] {
  const problems: string[] = [];
  if (r.code === undefined) problems.push(`${at}.code: a DUIS refusal needs its response code`);
  else if (!known.has(r.code))
    problems.push(`${at}.code: ${r.code} is not among the response codes`);
  else if (known.get(r.code) !== true) {
    // No code may carry a meaning DUIS does not give it: only codes whose DUIS text is known.
    problems.push(`${at}.code: the DUIS text of ${r.code} is not known, so no check may use it`);
  }
  if (r.http !== undefined)
    problems.push(`${at}.http: a DUIS refusal has a response code, not an HTTP answer`);
  if (r.source === undefined) problems.push(`${at}.source: name where the code's text is from`);
  return problems;
}

/** The checks on one refusal DUIS handles before response codes: an HTTP answer and why. */
function checkHttpRefusal(at: string, r: RejectionData): string[] {
  const problems: string[] = [];
  if (r.http === undefined) problems.push(`${at}.http: this refusal is answered at the HTTP level`);
  else if (!(r.http.error in ERROR_CODES)) {
    problems.push(`${at}.http.error: ${r.http.error} is not in the error registry`);
  } else if (ERROR_CODES[r.http.error as ErrorCode].status !== r.http.status) {
    problems.push(
      `${at}.http.status: ${r.http.status}, but ${r.http.error} is ${ERROR_CODES[r.http.error as ErrorCode].status}`,
    );
  }
  if (r.code !== undefined) problems.push(`${at}.code: DUIS gives this failure no response code`);
  if (r.assumption === undefined) problems.push(`${at}.assumption: say what opendsp assumes`);
  return problems;
}

function checkRejections(s: CodeSections): string[] {
  const known = new Map(s.responseCodes.map((e) => [e.value.code, e.value.descriptionKnown]));
  const duis = new Set<string>(DUIS_REFUSAL_REASONS);
  const problems = findDuplicates(s.rejections, (r) => r.reason, 'reason');
  for (const { at, value } of s.rejections) {
    problems.push(
      ...(duis.has(value.reason)
        ? checkDuisRefusal(at, value, known)
        : checkHttpRefusal(at, value)),
    );
  }
  const present = new Set(s.rejections.map((e) => e.value.reason));
  const missing = REJECTION_REASONS.filter((reason) => !present.has(reason));
  if (missing.length > 0) {
    problems.push(`refusals: no entry for reason(s) ${missing.join(', ')}`);
  }
  return problems;
}

function checkAlerts(list: readonly Located<AlertData>[]): string[] {
  const problems = findDuplicates(list, (a) => a.code, 'code');
  for (const { at, value } of list) {
    if (value.meaningKnown !== (value.meaning !== null)) {
      problems.push(`${at}.meaningKnown: must be true exactly when meaning is given`);
    }
  }
  return problems;
}

function checkPowerEvents(s: CodeSections): string[] {
  const p = s.powerEvents;
  if (p === undefined) return [];
  const dcc = new Set(s.dccAlerts.map((e) => e.value.code));
  const device = new Set(s.deviceAlerts.map((e) => e.value.code));
  const problems: string[] = [];
  if (!dcc.has(p.powerOutage.opendspCode)) {
    problems.push(`powerEvents.powerOutage.opendspCode: ${p.powerOutage.opendspCode} is unknown`);
  }
  const real = p.powerOutage.dccAlertCode;
  if (real !== null && !dcc.has(real)) {
    problems.push(`powerEvents.powerOutage.dccAlertCode: ${real} is not among the DCC alerts`);
  }
  p.powerRestoration.deviceAlertCodes.forEach((code, i) => {
    if (!device.has(code)) {
      problems.push(`powerEvents.powerRestoration.deviceAlertCodes[${i}]: ${code} is unknown`);
    }
  });
  return problems;
}

/** Every cross-entry problem of the code sections (duplicates, severities, references). */
export function checkCodes(s: CodeSections): string[] {
  return [
    ...findDuplicates(s.responseCodes, (rc) => rc.code, 'code'),
    ...s.responseCodes.flatMap(({ at, value }) =>
      checkResponseCode(at, value, s.serviceReferences),
    ),
    ...checkRejections(s),
    ...checkAlerts(s.dccAlerts),
    ...checkAlerts(s.deviceAlerts),
    ...checkPowerEvents(s),
  ];
}
