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
  DEFAULT_MAX_DEPTH,
  SUPPORTED_SCHEMA_VERSIONS,
  depthProblem,
  lineAndColumn,
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

/**
 * The first place where `text` nests objects and arrays deeper than `maxDepth`, or undefined.
 * A plain scan of the text (no parse, no recursion), so a hostile message is refused before
 * zod's recursive JSON check could overflow the stack; malformed text is left to JSON.parse.
 */
export function jsonDepthProblem(text: string, maxDepth: number): Problem | undefined {
  // One frame per open container: its segment in the path, and for arrays the current index.
  const stack: { segment: string; array: boolean; index: number }[] = [];
  let lastString = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      // In an object, the string read just before a container opens is that container's key.
      lastString = text.slice(i + 1, end);
      i = end;
    } else if (c === '{' || c === '[') {
      const parent = stack.at(-1);
      const segment = parent === undefined ? '' : parent.array ? `[${parent.index}]` : lastString;
      stack.push({ segment, array: c === '[', index: 0 });
      if (stack.length > maxDepth) {
        return depthProblem({
          segments: stack.slice(1).map((f) => f.segment),
          separator: '.',
          place: lineAndColumn(text, i),
          maxDepth,
        });
      }
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.array === true) top.index += 1;
    }
  }
  return undefined;
}

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
  const tooDeep = jsonDepthProblem(text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (tooDeep !== undefined) return { ok: false, problems: [tooDeep] };
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
    {
      catalogue: options.catalogue ?? loadCatalogue(),
      checkCommandVariant: options.checkCommandVariant,
    },
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
