// Validates DUIS XML against Smart DCC's published DUIS Schema V5.4 (libxml2 as WebAssembly).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * Where the schema files are kept: test fixtures copied from Smart DCC's dccboxed-signing-tool
 * (their README says which commit and under which licence).
 */
export const DEFAULT_XSD_DIR = fileURLToPath(
  new URL('../../../test/fixtures/duis-xsd/', import.meta.url),
);

/** The main schema and the files it imports (DUIS imports MMC and xmldsig; xmldsig names DTDs). */
const MAIN = 'DUIS Schema V5.4.xsd';
const IMPORTED = [
  'MMC Schema V5.4.xsd',
  'xmldsig-core-schema.xsd',
  'XMLSchema.dtd',
  'datatypes.dtd',
];

/** One schema problem of a document: its line (when libxml2 gives one) and libxml2's message. */
export interface SchemaProblem {
  readonly line: number | null;
  readonly message: string;
}

/** The compiled-once inputs of validation; `validate` takes many documents in one run. */
export interface DuisSchema {
  readonly dir: string;
  /** The problems of each document, in order; an empty list means the document is valid. */
  validate(texts: readonly string[]): Promise<SchemaProblem[][]>;
}

/**
 * libxml2 reads `schemaLocation` as a URI, so the space in "MMC Schema V5.4.xsd" reaches its
 * file system as "%20" and the import silently fails (every `ra:` type is then unresolved). The
 * schema is kept byte for byte as published; only the in-memory copies get space-free names.
 */
const memoryName = (file: string): string => file.replaceAll(' ', '_');

/** Reads the schema files from `dir` (default {@link DEFAULT_XSD_DIR}). */
export async function loadDuisSchema(dir: string = DEFAULT_XSD_DIR): Promise<DuisSchema> {
  const read = (file: string) => readFile(join(dir, file), 'utf8');
  let main = await read(MAIN);
  for (const file of IMPORTED) {
    main = main.replaceAll(`schemaLocation="${file}"`, `schemaLocation="${memoryName(file)}"`);
  }
  const schema: XMLFileInfo = { fileName: memoryName(MAIN), contents: main };
  const preload: XMLFileInfo[] = await Promise.all(
    IMPORTED.map(async (file) => ({ fileName: memoryName(file), contents: await read(file) })),
  );
  return {
    dir,
    async validate(texts) {
      if (texts.length === 0) return [];
      const names = texts.map((_, i) => `message-${i}.xml`);
      const input = texts.map((contents, i) => ({ fileName: names[i] ?? '', contents }));
      let output: string;
      try {
        output = (await validateXML({ xml: input, schema, preload })).rawOutput;
      } catch (error) {
        // xmllint exits 1 when a document is not well-formed; its report is the error's text.
        if ((error as { code?: unknown }).code !== 1) throw error;
        output = (error as Error).message;
      }
      return problemsByDocument(output, names.length);
    },
  };
}

/**
 * Splits xmllint's report (`message-N.xml:LINE: ...`) by document. Lines without that prefix are
 * the source excerpt and caret libxml2 prints under a parser error, and the per-file summary
 * ("message-N.xml validates" / "fails to validate"); they say nothing new.
 */
function problemsByDocument(output: string, count: number): SchemaProblem[][] {
  const byDocument = Array.from({ length: count }, (): SchemaProblem[] => []);
  for (const line of output.split('\n')) {
    const match = /^message-(\d+)\.xml:(\d+): (.*)$/.exec(line);
    if (match === null) continue;
    byDocument[Number(match[1])]?.push({ line: Number(match[2]), message: tidy(match[3] ?? '') });
  }
  // A document xmllint failed always reports at least one problem.
  for (const [i, list] of byDocument.entries()) {
    if (list.length === 0 && output.includes(`message-${i}.xml fails to validate`)) {
      list.push({ line: null, message: 'does not validate against DUIS Schema V5.4' });
    }
  }
  return byDocument;
}

/** Shortens libxml2's `{namespace}Name` to the `sr:`/`ra:`/`ds:` prefixes DUIS files use. */
function tidy(message: string): string {
  return (
    message
      // An enumeration failure lists every allowed value (194 response codes, 129 SRVs): say how many.
      .replace(
        /is not an element of the set \{([^}]*)\}/,
        (_all, set: string) => `is not one of the ${set.split(',').length} values the XSD allows`,
      )
      .replace(/^(?:element \S+: )?Schemas validity error : /, '')
      .replaceAll('{http://www.dccinterface.co.uk/ServiceUserGateway}', 'sr:')
      .replaceAll('{http://www.dccinterface.co.uk/ResponseAndAlert}', 'ra:')
      .replaceAll('{http://www.w3.org/2000/09/xmldsig#}', 'ds:')
      .trim()
  );
}

let shared: Promise<DuisSchema> | undefined;

/** Validates one DUIS XML text against the V5.4 schema in {@link DEFAULT_XSD_DIR}. */
export async function validateDuisXml(text: string): Promise<SchemaProblem[]> {
  shared ??= loadDuisSchema().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  const [problems] = await (await shared).validate([text]);
  return problems ?? [];
}
