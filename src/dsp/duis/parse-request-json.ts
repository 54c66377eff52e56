// Parses and checks the JSON form of a Service Request (same checks as XML, JSON paths in problems).
import { z } from 'zod';
import { loadCatalogue } from '../../catalogue/index.ts';
import type { ServiceRequest } from '../messages.ts';
import { checkBody } from './body.ts';
import { checkHeader } from './header.ts';
import { parseRequestIdText } from './request-id.ts';
import type { RequestParseOptions, RequestParseResult } from './parse-request-xml.ts';
import {
  DEFAULT_MAX_BYTES,
  SUPPORTED_SCHEMA_VERSIONS,
  schemaVersionProblem,
  sizeProblem,
  type Problem,
} from './problems.ts';

/**
 * The JSON Service Request: `{ schemaVersion, header: { requestId, commandVariant,
 * serviceReference, serviceReferenceVariant, firstInSequence?, precedingRequestId? },
 * body: { <SRV element>: { ...fields } }, executionDateTime? }`. The signature is a detached
 * JWS carried beside the body (HTTP header), never inside it.
 */
export const serviceRequestJsonSchema = z.strictObject({
  schemaVersion: z.string(),
  header: z.strictObject({
    requestId: z.string(),
    firstInSequence: z.boolean().optional(),
    precedingRequestId: z.string().optional(),
    commandVariant: z.number().int(),
    serviceReference: z.string(),
    serviceReferenceVariant: z.string(),
  }),
  body: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'expected a DUIS element name'),
      z.record(z.string(), z.json()),
    )
    .refine((b) => Object.keys(b).length === 1, 'body must hold exactly one SRV element'),
  executionDateTime: z.string().optional(),
});

/** The JSON Service Request as the schema accepts it. */
export type ServiceRequestJson = z.infer<typeof serviceRequestJsonSchema>;

const pathOf = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? '(message)'
    : path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');

function readJson(text: string): { value: unknown } | { problem: Problem } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      problem: { path: '(message)', message: `not valid JSON: ${(error as Error).message}` },
    };
  }
}

/** Parses a JSON Service Request; a rejection lists every problem with its JSON path. */
export function parseServiceRequestJson(
  text: string,
  options: RequestParseOptions = {},
): RequestParseResult {
  const tooBig = sizeProblem(text, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const json = readJson(text);
  if ('problem' in json) return { ok: false, problems: [json.problem] };
  const parsed = serviceRequestJsonSchema.safeParse(json.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message }));
    return { ok: false, problems };
  }
  const { schemaVersion, header, body, executionDateTime } = parsed.data;
  const problems: Problem[] = [];
  const versions = options.schemaVersions ?? SUPPORTED_SCHEMA_VERSIONS;
  const versionReason = schemaVersionProblem(schemaVersion, versions);
  if (versionReason !== undefined) problems.push({ path: 'schemaVersion', message: versionReason });
  const preceding = header.precedingRequestId;
  const precedingId = preceding === undefined ? undefined : parseRequestIdText(preceding);
  if (precedingId !== undefined && 'reason' in precedingId) {
    problems.push({ path: 'header.precedingRequestId', message: precedingId.reason });
  }
  const checked = checkHeader(
    { ...header, srv: header.serviceReferenceVariant },
    {
      requestId: 'header.requestId',
      commandVariant: 'header.commandVariant',
      serviceReference: 'header.serviceReference',
      srv: 'header.serviceReferenceVariant',
    },
    options.catalogue ?? loadCatalogue(),
  );
  if ('problems' in checked) return { ok: false, problems: [...problems, ...checked.problems] };
  const [element = '', fields = {}] = Object.entries(body)[0] ?? [];
  const bodyResult = checkBody(
    {
      srv: checked.header.srv,
      element,
      fields,
      ...(executionDateTime === undefined ? {} : { executionDateTime }),
    },
    {
      element: `body.${element}`,
      executionDateTime: 'executionDateTime',
      field: (f) => `body.${element}.${f}`,
    },
  );
  if ('problems' in bodyResult) problems.push(...bodyResult.problems);
  if (problems.length > 0 || 'problems' in bodyResult) return { ok: false, problems };
  const request: ServiceRequest = {
    kind: 'service-request',
    ...checked.header,
    body: { element, fields: bodyResult.fields },
    ...(bodyResult.executionDateTime === undefined
      ? {}
      : { executionDateTime: bodyResult.executionDateTime }),
    format: 'json',
    raw: text,
  };
  return { ok: true, request };
}
