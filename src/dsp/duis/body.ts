// Checks a Service Request body (element name per SRV, ExecutionDateTime, Other Device ID).
import { isEui64, parseEui64 } from '../../core/eui64.ts';
import { bodyRuleOf } from './bodies.ts';
import type { Problem } from './problems.ts';

/** A body as found in XML or JSON, before checking. */
export interface BodyInput {
  readonly srv: string;
  readonly element: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly executionDateTime?: string;
}

/** Where the body parts sit, for problem paths. */
export interface BodyPaths {
  readonly element: string;
  readonly executionDateTime: string;
  readonly field: (name: string) => string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses an xs:dateTime; a value without a time zone is taken as UTC. */
export function parseDateTimeText(text: string): Date | undefined {
  const trimmed = text.trim();
  const match = DATE_TIME.exec(trimmed);
  if (match === null) return undefined;
  const date = new Date(match[2] === undefined ? `${trimmed}Z` : trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Checks the body; returns the Other Device ID in canonical form when the SRV has one. */
export function checkBody(
  input: BodyInput,
  paths: BodyPaths,
): { executionDateTime?: Date; fields: Record<string, unknown> } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const rule = bodyRuleOf(input.srv);
  if (rule !== undefined && rule.element !== input.element) {
    problems.push({
      path: paths.element,
      message: `SRV ${input.srv} needs body element ${rule.element}, found ${input.element}`,
    });
  }
  let executionDateTime: Date | undefined;
  if (input.executionDateTime !== undefined) {
    executionDateTime = parseDateTimeText(input.executionDateTime);
    if (executionDateTime === undefined) {
      problems.push({
        path: paths.executionDateTime,
        message: `${JSON.stringify(input.executionDateTime)} is not an xs:dateTime (e.g. 2030-01-15T09:00:00.00Z)`,
      });
    }
  }
  const fields: Record<string, unknown> = { ...input.fields };
  const other = rule?.otherDeviceField;
  if (other !== undefined && rule?.element === input.element) {
    const value = fields[other];
    if (typeof value !== 'string' || !isEui64(value.trim())) {
      problems.push({
        path: paths.field(other),
        message:
          value === undefined
            ? `${other} is missing`
            : `${other} must be an EUI-64 (XX-XX-XX-XX-XX-XX-XX-XX)`,
      });
    } else {
      fields[other] = parseEui64(value);
    }
  }
  if (problems.length > 0) return { problems };
  return executionDateTime === undefined ? { fields } : { executionDateTime, fields };
}
