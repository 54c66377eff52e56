// Parses and checks a DUIS XML Service Request into the format-neutral ServiceRequest.
import type { Element } from '@xmldom/xmldom';
import { loadCatalogue, type Catalogue } from '../../catalogue/index.ts';
import type { ServiceRequest } from '../messages.ts';
import { checkBody } from './body.ts';
import {
  DS_NS,
  SR_NS,
  childElements,
  displayName,
  elementToFields,
  hasMixedText,
  isSr,
  textOf,
} from './dom.ts';
import { checkHeader } from './header.ts';
import {
  DEFAULT_MAX_BYTES,
  SUPPORTED_SCHEMA_VERSIONS,
  schemaVersionProblem,
  type Problem,
} from './problems.ts';
import { matchSequence, type SequenceItem } from './sequence.ts';
import { readXmlHeader } from './request-header-xml.ts';
import { readSignerReference } from './signer.ts';
import type { Document } from '@xmldom/xmldom';
import { parseXmlDocument } from './xml-document.ts';

/** Options of the request parsers. */
export interface RequestParseOptions {
  /** Largest message accepted, in bytes (default 256 KiB). */
  readonly maxBytes?: number;
  /** Deepest nesting accepted, in elements (XML) or objects and arrays (JSON); default 64. */
  readonly maxDepth?: number;
  /** SRV catalogue (default: the bundled one). */
  readonly catalogue?: Catalogue;
  /** Accepted `schemaVersion` values (default 5.1–5.4). */
  readonly schemaVersions?: readonly string[];
  /**
   * Whether a Command Variant the SRV does not allow is a parse problem (default true, for
   * `duis check`). The DSP turns it off: DUIS answers it with response code E12, not as schema.
   */
  readonly checkCommandVariant?: boolean;
}

/** A parsed Service Request, or every problem found. */
export type RequestParseResult =
  | {
      readonly ok: true;
      readonly request: ServiceRequest;
      /** The parsed XML document, so the signature check need not parse the text again. */
      readonly document?: Document;
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

const ROOT = 'sr:Request';
const HEADER = `${ROOT}/sr:Header`;
const REQUEST_SEQUENCE: readonly SequenceItem[] = [
  { ns: SR_NS, name: 'Header', min: 1, max: 1 },
  { ns: SR_NS, name: 'Body', min: 1, max: 1 },
  { ns: DS_NS, name: 'Signature', min: 0, max: 1 },
];
function bodyElement(body: Element, problems: Problem[]): Element | undefined {
  const children = childElements(body);
  if (hasMixedText(body))
    problems.push({ path: `${ROOT}/sr:Body`, message: 'text is not allowed directly in Body' });
  if (children.length !== 1) {
    problems.push({
      path: `${ROOT}/sr:Body`,
      message: `Body must hold exactly one SRV element, found ${children.length}`,
    });
    return undefined;
  }
  const [element] = children;
  if (element !== undefined && element.namespaceURI !== SR_NS) {
    problems.push({
      path: `${ROOT}/sr:Body/${displayName(element)}`,
      message: `the SRV element must be in namespace ${SR_NS}`,
    });
    return undefined;
  }
  return element;
}

/** Parses a DUIS XML Service Request; a rejection lists every problem with its path. */
export function parseServiceRequestXml(
  text: string,
  options: RequestParseOptions = {},
): RequestParseResult {
  const parsed = parseXmlDocument(text, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth }),
  });
  if (!parsed.ok) return parsed;
  const root = parsed.value.documentElement;
  if (root === null || !isSr(root, 'Request')) {
    const found = root === null ? 'nothing' : displayName(root);
    return {
      ok: false,
      problems: [
        {
          path: '(document)',
          message: `the root element must be Request in namespace ${SR_NS}; found ${found}`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  if (!root.hasAttribute('schemaVersion')) {
    problems.push({
      path: `${ROOT}/@schemaVersion`,
      message: 'the schemaVersion attribute is required',
    });
  } else {
    const reason = schemaVersionProblem(
      root.getAttribute('schemaVersion') ?? '',
      options.schemaVersions ?? SUPPORTED_SCHEMA_VERSIONS,
    );
    if (reason !== undefined) problems.push({ path: `${ROOT}/@schemaVersion`, message: reason });
  }
  if (hasMixedText(root))
    problems.push({ path: ROOT, message: 'text is not allowed directly in Request' });
  const { found, problems: order } = matchSequence(childElements(root), REQUEST_SEQUENCE, ROOT);
  problems.push(...order);
  const [header] = found.get('Header') ?? [];
  const [body] = found.get('Body') ?? [];
  const [signature] = found.get('Signature') ?? [];
  const values = header === undefined ? undefined : readXmlHeader(header, problems);
  const element = body === undefined ? undefined : bodyElement(body, problems);
  const signer = signature === undefined ? undefined : readSignerReference(signature, problems);
  const catalogue = options.catalogue ?? loadCatalogue();
  const checked =
    values === undefined
      ? undefined
      : checkHeader(values, HEADER_PATHS, {
          catalogue,
          checkCommandVariant: options.checkCommandVariant,
        });
  if (checked !== undefined && 'problems' in checked) problems.push(...checked.problems);
  if (checked === undefined || 'problems' in checked || element === undefined) {
    return { ok: false, problems };
  }
  const name = element.localName ?? '';
  const elementPath = `${ROOT}/sr:Body/sr:${name}`;
  const [first] = childElements(element);
  const execution = first !== undefined && isSr(first, 'ExecutionDateTime') ? first : undefined;
  const bodyResult = checkBody(
    {
      srv: checked.header.srv,
      element: name,
      fields: elementToFields(element, execution),
      ...(execution === undefined ? {} : { executionDateTime: textOf(execution) }),
    },
    {
      element: elementPath,
      executionDateTime: `${elementPath}/sr:ExecutionDateTime`,
      field: (f) => `${elementPath}/sr:${f}`,
    },
  );
  if ('problems' in bodyResult) problems.push(...bodyResult.problems);
  if (problems.length > 0 || 'problems' in bodyResult) return { ok: false, problems };
  const request: ServiceRequest = {
    kind: 'service-request',
    ...checked.header,
    body: { element: name, fields: bodyResult.fields },
    ...(bodyResult.executionDateTime === undefined
      ? {}
      : { executionDateTime: bodyResult.executionDateTime }),
    format: 'xml',
    raw: text,
    ...(signer === undefined ? {} : { signer }),
  };
  return { ok: true, request, document: parsed.value };
}

const HEADER_PATHS = {
  requestId: `${HEADER}/sr:RequestID`,
  commandVariant: `${HEADER}/sr:CommandVariant`,
  serviceReference: `${HEADER}/sr:ServiceReference`,
  srv: `${HEADER}/sr:ServiceReferenceVariant`,
};
