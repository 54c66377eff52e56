// Offline check of DUIS files (`opendsp duis check FILE…`): requests, responses, acknowledgements
// and alerts, against DUIS Schema V5.4 and the catalogue, with what each file holds.
import { readFile } from 'node:fs/promises';
import type { Element } from '@xmldom/xmldom';
import { loadCatalogue, type Catalogue } from '../../catalogue/index.ts';
import { formatRequestId, responseIdOf, type SignerReference } from '../messages.ts';
import { DS_NS, SR_NS, childElements, textOf } from './dom.ts';
import { parseServiceRequestJson } from './parse-request-json.ts';
import { parseServiceRequestXml, type RequestParseOptions } from './parse-request-xml.ts';
import { parseResponseXml } from './parse-response-xml.ts';
import { DEFAULT_MAX_BYTES, SUPPORTED_SCHEMA_VERSIONS, schemaVersionProblem } from './problems.ts';
import { loadDuisSchema, type DuisSchema } from './schema-validate.ts';
import { parseDom } from './xml-document.ts';

/** What kind of DUIS message a file holds (from its root element and body). */
export type DuisFileKind =
  | 'request'
  | 'response'
  | 'acknowledgement'
  | 'dcc-alert'
  | 'device-alert'
  | 'smets1-response'
  | 's1sp-alert'
  | 'unknown';

/** One problem: where (element path or line) and what. */
export interface CheckProblem {
  /** Element or JSON path, e.g. `sr:Request/sr:Header/sr:CommandVariant`; `(schema)` for the XSD. */
  readonly path: string;
  /** Line in the file, when known (schema problems). */
  readonly line?: number;
  readonly message: string;
}

/** What a file holds, in the terms the report prints; absent fields were not in the file. */
export interface CheckedFileSummary {
  readonly format: 'xml' | 'json';
  readonly schemaVersion?: string;
  readonly requestId?: string;
  readonly responseId?: string;
  readonly commandVariant?: number;
  readonly serviceReference?: string;
  readonly srv?: string;
  readonly bodyElement?: string;
  readonly responseCode?: string;
  readonly alertCode?: string;
  /** The certificate a `ds:Signature` names (not verified here); absent when unsigned. */
  readonly signer?: SignerReference;
  readonly signed: boolean;
}

/** The result for one file. */
export interface DuisFileCheck {
  readonly file: string;
  readonly ok: boolean;
  readonly kind: DuisFileKind;
  readonly summary?: CheckedFileSummary;
  readonly problems: readonly CheckProblem[];
  /** What is worth knowing but is no problem of the file (e.g. a schema version the DSP refuses). */
  readonly notes?: readonly string[];
}

/** Options of the check: the request parser's, and the schema (null: schema not checked). */
export interface DuisCheckOptions extends RequestParseOptions {
  readonly schema?: DuisSchema | null;
}

const ROOTS: Readonly<Record<string, DuisFileKind>> = {
  Request: 'request',
  Response: 'response',
  SMETS1SignedResponse: 'smets1-response',
  S1SPAlert: 's1sp-alert',
};

/** The certificate named by the root's `ds:Signature` (KeyInfo/X509IssuerSerial), if any. */
function signatureOf(root: Element): { signed: boolean; signer?: SignerReference } {
  const signature = childElements(root).find(
    (c) => c.namespaceURI === DS_NS && c.localName === 'Signature',
  );
  if (signature === undefined) return { signed: false };
  const first = (name: string) => signature.getElementsByTagNameNS(DS_NS, name).item(0);
  const issuer = first('X509IssuerName');
  const serial = first('X509SerialNumber');
  if (issuer === null || serial === null) return { signed: true };
  return { signed: true, signer: { issuer: textOf(issuer).trim(), serial: textOf(serial).trim() } };
}

function checkRequest(text: string, options: DuisCheckOptions, signed: boolean) {
  const result = text.trimStart().startsWith('{')
    ? parseServiceRequestJson(text, options)
    : parseServiceRequestXml(text, options);
  if (!result.ok) return { problems: result.problems };
  const r = result.request;
  const summary: Omit<CheckedFileSummary, 'format'> = {
    requestId: formatRequestId(r.requestId),
    commandVariant: r.commandVariant,
    serviceReference: r.serviceReference,
    srv: r.srv,
    bodyElement: r.body.element,
    signed: signed || r.signer !== undefined,
    ...(r.signer === undefined ? {} : { signer: r.signer }),
  };
  return { summary, problems: [] };
}

function checkResponse(text: string, catalogue: Catalogue) {
  const parsed = parseResponseXml(text, DEFAULT_MAX_BYTES);
  if (!parsed.ok) return { kind: 'response' as const, problems: [...parsed.problems] };
  const m = parsed.message;
  const problems: CheckProblem[] = [];
  const H = 'sr:Response/sr:Header';
  const requestId = m.requestId === undefined ? undefined : formatRequestId(m.requestId);
  if (m.kind === 'service-response') {
    if (!catalogue.allResponseCodes().some((c) => c.code === m.responseCode)) {
      problems.push({
        path: `${H}/sr:ResponseCode`,
        message: `unknown response code ${m.responseCode}`,
      });
    }
    const srv = m.srv === undefined ? undefined : catalogue.findSrv(m.srv);
    if (m.srv !== undefined && srv === undefined) {
      problems.push({
        path: 'sr:Response/sr:Body/sr:ResponseMessage/sr:ServiceReferenceVariant',
        message: `unknown Service Reference Variant "${m.srv}"`,
      });
    } else if (srv !== undefined && m.serviceReference !== srv.serviceReference) {
      problems.push({
        path: 'sr:Response/sr:Body/sr:ResponseMessage/sr:ServiceReference',
        message: `SRV ${srv.srv} belongs to Service Reference ${srv.serviceReference}, not ${m.serviceReference ?? '(none)'}`,
      });
    }
    // DUIS ResponseID = the request's target:originator:counter (fact sheet (e), real samples).
    if (m.requestId !== undefined && m.responseId !== undefined) {
      const expected = formatRequestId(responseIdOf(m.requestId));
      if (formatRequestId(m.responseId) !== expected) {
        problems.push({
          path: `${H}/sr:ResponseID`,
          message: `expected ${expected}: the RequestID's target, originator and counter`,
        });
      }
    }
    const kind = m.responseCode === 'I99' ? ('acknowledgement' as const) : ('response' as const);
    const summary: Omit<CheckedFileSummary, 'format'> = {
      ...(requestId === undefined ? {} : { requestId }),
      ...(m.responseId === undefined ? {} : { responseId: formatRequestId(m.responseId) }),
      ...(m.serviceReference === undefined ? {} : { serviceReference: m.serviceReference }),
      ...(m.srv === undefined ? {} : { srv: m.srv }),
      ...(m.payload === undefined ? {} : { bodyElement: m.payload.element }),
      responseCode: m.responseCode,
      signed: false,
    };
    return { kind, summary, problems };
  }
  const known = catalogue.allAlerts().some((a) => a.kind === m.kind && a.code === m.code);
  if (!known) {
    const where =
      m.kind === 'dcc-alert'
        ? 'DCCAlertMessage/sr:DCCAlertCode'
        : 'DeviceAlertMessage/sr:AlertCode';
    problems.push({
      path: `sr:Response/sr:Body/sr:${where}`,
      message: `unknown alert code ${m.code}`,
    });
  }
  const responseCode = /<sr:ResponseCode>\s*([^<\s]+)/.exec(text)?.[1];
  const summary: Omit<CheckedFileSummary, 'format'> = {
    ...(requestId === undefined ? {} : { requestId }),
    responseId: `${m.kind === 'device-alert' ? m.deviceId : '(DCC)'}:${m.recipient}`,
    ...(responseCode === undefined ? {} : { responseCode }),
    alertCode: m.code,
    ...(m.kind === 'dcc-alert' && m.payload !== undefined
      ? { bodyElement: m.payload.element }
      : {}),
    signed: false,
  };
  return { kind: m.kind, summary, problems };
}

/**
 * Checks one text without the schema: requests through the request parser (SRV known, Command
 * Variant allowed, …), responses and alerts through the response parser and the catalogue
 * (response and alert codes known, SRV and Service Reference agree, ResponseID mirrors RequestID).
 */
export function checkDuisText(
  file: string,
  text: string,
  options: DuisCheckOptions = {},
): DuisFileCheck {
  const catalogue = options.catalogue ?? loadCatalogue();
  if (text.trimStart().startsWith('{')) {
    const { summary, problems } = checkRequest(text, { ...options, catalogue }, false);
    const full = summary === undefined ? undefined : { ...summary, format: 'json' as const };
    return {
      file,
      ok: problems.length === 0,
      kind: 'request',
      ...(full ? { summary: full } : {}),
      problems,
    };
  }
  const dom = parseDom(text);
  const root = dom.ok ? dom.value.documentElement : null;
  if (!dom.ok || root === null) {
    return { file, ok: false, kind: 'unknown', problems: dom.ok ? [] : [...dom.problems] };
  }
  const name = root.localName ?? '';
  const kind = root.namespaceURI === SR_NS ? ROOTS[name] : undefined;
  if (kind === undefined) {
    const message = `the root element must be Request, Response, SMETS1SignedResponse or S1SPAlert in namespace ${SR_NS}; found ${root.tagName}`;
    return { file, ok: false, kind: 'unknown', problems: [{ path: '(document)', message }] };
  }
  const { signed, signer } = signatureOf(root);
  const schemaVersion = root.getAttribute('schemaVersion') ?? undefined;
  const base = { format: 'xml' as const, ...(schemaVersion ? { schemaVersion } : {}), signed };
  // Real DCC files carry older versions (the signing tool's signed 4.1.1 request says 5.0); the
  // XSD takes any xs:decimal. The file is checked as DUIS; that the DSP refuses it is a note.
  const supported = options.schemaVersions ?? SUPPORTED_SCHEMA_VERSIONS;
  const notes: string[] = [];
  let requestOptions: DuisCheckOptions = { ...options, catalogue };
  if (
    schemaVersion !== undefined &&
    /^\d+(\.\d+)?$/.test(schemaVersion.trim()) &&
    schemaVersionProblem(schemaVersion, supported) !== undefined
  ) {
    notes.push(
      `schemaVersion ${schemaVersion.trim()}: valid DUIS, but the DSP accepts only ${supported.join(', ')}`,
    );
    requestOptions = { ...requestOptions, schemaVersions: [...supported, schemaVersion.trim()] };
  }
  const checked =
    kind === 'request'
      ? { kind, ...checkRequest(text, requestOptions, signed) }
      : kind === 'response'
        ? checkResponse(text, catalogue)
        : { kind, summary: { signed }, problems: [] };
  const summary =
    checked.summary === undefined
      ? undefined
      : { ...checked.summary, ...base, ...(signer ? { signer } : {}) };
  const problems = checked.problems;
  return {
    file,
    ok: problems.length === 0,
    kind: checked.kind,
    ...(summary ? { summary } : {}),
    problems,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * Checks each file (XML or JSON); XML also against DUIS Schema V5.4 (all files in one run). An
 * unreadable file is a failed result, not an exception.
 */
export async function checkDuisFiles(
  paths: readonly string[],
  options: DuisCheckOptions = {},
): Promise<DuisFileCheck[]> {
  const texts = await Promise.all(
    paths.map(async (file) => {
      try {
        return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
      } catch (error) {
        return new Error(`cannot read the file: ${(error as Error).message}`);
      }
    }),
  );
  const results = paths.map((file, i): DuisFileCheck => {
    const text = texts[i];
    if (text instanceof Error || text === undefined) {
      const message = text?.message ?? 'cannot read the file';
      return { file, ok: false, kind: 'unknown', problems: [{ path: '(file)', message }] };
    }
    return checkDuisText(file, text, options);
  });
  const xml = results.flatMap((r, i) => {
    const text = texts[i];
    return typeof text === 'string' && !text.trimStart().startsWith('{') && r.kind !== 'unknown'
      ? [i]
      : [];
  });
  if (xml.length === 0 || options.schema === null) return results;
  let schema: DuisSchema;
  try {
    schema = options.schema ?? (await loadDuisSchema());
  } catch (error) {
    const message = `DUIS Schema V5.4 not available, schema not checked: ${(error as Error).message}`;
    return results.map((r, i) =>
      xml.includes(i)
        ? { ...r, ok: false, problems: [...r.problems, { path: '(schema)', message }] }
        : r,
    );
  }
  const found = await schema.validate(xml.map((i) => texts[i] as string));
  for (const [n, i] of xml.entries()) {
    const extra = (found[n] ?? []).map((p): CheckProblem => ({
      path: '(schema)',
      ...(p.line === null ? {} : { line: p.line }),
      message: p.message,
    }));
    const r = results[i];
    if (r === undefined || extra.length === 0) continue;
    results[i] = { ...r, ok: false, problems: [...r.problems, ...extra] };
  }
  return results;
}

const KIND_TEXT: Readonly<Record<DuisFileKind, string>> = {
  request: 'Service Request',
  response: 'Service Response',
  acknowledgement: 'Acknowledgement (I99)',
  'dcc-alert': 'DCC Alert',
  'device-alert': 'Device Alert',
  'smets1-response': 'SMETS1 Signed Response',
  's1sp-alert': 'S1SP Alert',
  unknown: 'not a DUIS message',
};

function renderOne(result: DuisFileCheck): string[] {
  const lines = [
    `${result.ok ? 'OK  ' : 'FAIL'} ${result.file}`,
    `  Kind                     ${KIND_TEXT[result.kind]}`,
  ];
  const s = result.summary;
  if (s !== undefined) {
    const row = (label: string, value: string | number | undefined) => {
      if (value !== undefined) lines.push(`  ${label.padEnd(25)}${value}`);
    };
    row('Format', s.format.toUpperCase());
    row('schemaVersion', s.schemaVersion);
    row('RequestID', s.requestId);
    row('ResponseID', s.responseId);
    row('CommandVariant', s.commandVariant);
    row('ResponseCode', s.responseCode);
    row('AlertCode', s.alertCode);
    row('ServiceReference', s.serviceReference);
    row('ServiceReferenceVariant', s.srv);
    row('Body element', s.bodyElement);
    row(
      'Signed',
      s.signer !== undefined
        ? `yes, by issuer ${s.signer.issuer} serial ${s.signer.serial} (not verified here)`
        : s.signed
          ? 'yes (no X509IssuerSerial)'
          : 'no',
    );
  }
  for (const note of result.notes ?? []) lines.push(`  note: ${note}`);
  for (const p of result.problems) {
    lines.push(
      p.line === undefined ? `  ${p.path}: ${p.message}` : `  line ${p.line}: ${p.message}`,
    );
  }
  return lines;
}

/** The report printed by `opendsp duis check`: each file, then a count line. */
export function renderCheckReport(results: readonly DuisFileCheck[]): string {
  const failed = results.filter((r) => !r.ok).length;
  const lines = results.flatMap(renderOne);
  lines.push(
    `${results.length} file(s) checked: ${results.length - failed} good, ${failed} with problems`,
  );
  return `${lines.join('\n')}\n`;
}
