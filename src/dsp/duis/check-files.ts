// Offline check of DUIS request files (`opendsp duis check FILE…`): parsed header or every problem.
import { readFile } from 'node:fs/promises';
import { formatRequestId, type SignerReference } from '../messages.ts';
import { parseServiceRequestJson } from './parse-request-json.ts';
import { parseServiceRequestXml, type RequestParseOptions } from './parse-request-xml.ts';
import type { Problem } from './problems.ts';

/** What a good file holds, in the terms the report prints. */
export interface CheckedFileHeader {
  readonly requestId: string;
  readonly commandVariant: number;
  readonly serviceReference: string;
  readonly srv: string;
  readonly bodyElement: string;
  readonly format: 'xml' | 'json';
  readonly signer?: SignerReference;
}

/** The result for one file. */
export type DuisFileCheck =
  | { readonly file: string; readonly ok: true; readonly header: CheckedFileHeader }
  | { readonly file: string; readonly ok: false; readonly problems: readonly Problem[] };

/** Checks one request text; JSON when it starts with `{`, else DUIS XML. */
export function checkDuisText(
  file: string,
  text: string,
  options: RequestParseOptions = {},
): DuisFileCheck {
  const json = text.trimStart().startsWith('{');
  const result = json
    ? parseServiceRequestJson(text, options)
    : parseServiceRequestXml(text, options);
  if (!result.ok) return { file, ok: false, problems: result.problems };
  const r = result.request;
  const header: CheckedFileHeader = {
    requestId: formatRequestId(r.requestId),
    commandVariant: r.commandVariant,
    serviceReference: r.serviceReference,
    srv: r.srv,
    bodyElement: r.body.element,
    format: r.format,
    ...(r.signer === undefined ? {} : { signer: r.signer }),
  };
  return { file, ok: true, header };
}

/** Checks each file (XML or JSON); an unreadable file is a failed result, not an exception. */
export async function checkDuisFiles(
  paths: readonly string[],
  options: RequestParseOptions = {},
): Promise<DuisFileCheck[]> {
  return Promise.all(
    paths.map(async (file): Promise<DuisFileCheck> => {
      let text: string;
      try {
        text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
      } catch (error) {
        const message = `cannot read the file: ${(error as Error).message}`;
        return { file, ok: false, problems: [{ path: '(file)', message }] };
      }
      return checkDuisText(file, text, options);
    }),
  );
}

function renderOne(result: DuisFileCheck): string[] {
  if (!result.ok) {
    return [`FAIL ${result.file}`, ...result.problems.map((p) => `  ${p.path}: ${p.message}`)];
  }
  const h = result.header;
  const signed =
    h.signer === undefined
      ? 'no'
      : `yes, by issuer ${h.signer.issuer} serial ${h.signer.serial} (not verified here)`;
  return [
    `OK   ${result.file}`,
    `  RequestID                ${h.requestId}`,
    `  CommandVariant           ${h.commandVariant}`,
    `  ServiceReference         ${h.serviceReference}`,
    `  ServiceReferenceVariant  ${h.srv}`,
    `  Body element             ${h.bodyElement} (${h.format.toUpperCase()})`,
    `  Signed                   ${signed}`,
  ];
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
