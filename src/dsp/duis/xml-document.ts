// Safe XML parsing for DUIS: size limit, no DTD/entities/processing instructions, located errors.
import { DOMParser, ParseError, type Document } from '@xmldom/xmldom';
import { sizeProblem, type Parsed, type Problem } from './problems.ts';

/** Options of {@link parseXmlDocument}. */
export interface XmlParseOptions {
  /** Largest message accepted, in bytes of UTF-8 (default 256 KiB). */
  readonly maxBytes: number;
}

/** The XML declaration is the only `<?…?>` allowed, and only at the very start. */
const XML_DECLARATION = /^\uFEFF?<\?xml\s[^?]*\?>/;
const HOSTILE = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST|<!NOTATION|<\?/gi;

function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

/**
 * Finds DTDs, entity declarations and processing instructions anywhere in the text (even in
 * comments or CDATA: a DUIS message has no reason to carry them), so billion-laughs and XXE
 * payloads are refused before any parser sees them.
 */
export function hostileConstructs(text: string): Problem[] {
  const start = XML_DECLARATION.exec(text)?.[0].length ?? 0;
  const problems: Problem[] = [];
  // The first one is enough: a hostile message gets one clear refusal.
  for (const match of text.slice(start).matchAll(HOSTILE)) {
    const index = start + match.index;
    const what =
      match[0] === '<?'
        ? 'a processing instruction'
        : `the ${match[0].slice(2).toUpperCase()} declaration`;
    problems.push({
      path: '(document)',
      message: `${what} at ${lineAndColumn(text, index)} is not allowed (DTDs, entities and processing instructions are refused)`,
    });
    break;
  }
  return problems;
}

/**
 * Parses with xmldom only, without the checks above. xmldom never reads a DTD's entity
 * declarations (it knows only the five XML entities), so entities cannot expand even here.
 */
export function parseDom(text: string): Parsed<Document> {
  const problems: Problem[] = [];
  const parser = new DOMParser({
    onError(level, message, context: { locator?: { lineNumber?: number; columnNumber?: number } }) {
      if (level === 'warning') return;
      const at = context.locator;
      const place = at?.lineNumber
        ? ` at line ${at.lineNumber}, column ${at.columnNumber ?? 0}`
        : '';
      problems.push({ path: '(document)', message: `not well-formed XML${place}: ${message}` });
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    // The onError handler has already recorded the fatal error with its place.
    if (problems.length === 0) problems.push({ path: '(document)', message: error.message });
    return { ok: false, problems: dedupe(problems) };
  }
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return { ok: true, value: doc };
}

function dedupe(problems: Problem[]): Problem[] {
  return problems.filter((p, i) => problems.findIndex((q) => q.message === p.message) === i);
}

/** Size check, hostile-construct check, then a well-formedness parse. */
export function parseXmlDocument(text: string, options: XmlParseOptions): Parsed<Document> {
  const tooBig = sizeProblem(text, options.maxBytes);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const hostile = hostileConstructs(text);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  return parseDom(text);
}
