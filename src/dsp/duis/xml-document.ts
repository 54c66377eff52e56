// Safe XML parsing for DUIS: size limit, no DTD/entities/processing instructions, located errors.
import { DOMParser, ParseError, type Document } from '@xmldom/xmldom';
import {
  DEFAULT_MAX_DEPTH,
  depthProblem,
  lineAndColumn,
  sizeProblem,
  type Parsed,
  type Problem,
} from './problems.ts';

/** Options of {@link parseXmlDocument}. */
export interface XmlParseOptions {
  /** Largest message accepted, in bytes of UTF-8 (default 256 KiB). */
  readonly maxBytes: number;
  /** Deepest element nesting accepted (default {@link DEFAULT_MAX_DEPTH}). */
  readonly maxDepth?: number;
}

/** The XML declaration is the only `<?…?>` allowed, and only at the very start. */
const XML_DECLARATION = /^\uFEFF?<\?xml\s[^?]*\?>/;
const HOSTILE = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST|<!NOTATION|<\?/gi;

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

const TAG_NAME = /[^\s/>]+/y;

/** Index just past the next `end` from `from`, or -1 when the text stops first. */
function pastNext(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at === -1 ? -1 : at + end.length;
}

/**
 * The first place where elements nest deeper than `maxDepth`, or undefined. A plain scan of the
 * text (comments, CDATA and quoted attribute values skipped; no recursion), so a hostile message
 * is refused before xmldom, the DOM walkers or canonicalisation, which recurse, ever see it.
 * Malformed text is left to the parser to report.
 */
export function xmlDepthProblem(text: string, maxDepth: number): Problem | undefined {
  const open: string[] = [];
  let i = text.indexOf('<');
  while (i !== -1) {
    if (text.startsWith('<!--', i)) i = pastNext(text, '-->', i + 4);
    else if (text.startsWith('<![CDATA[', i)) i = pastNext(text, ']]>', i + 9);
    else if (text.startsWith('<!', i) || text.startsWith('<?', i)) i = pastNext(text, '>', i + 2);
    else if (text[i + 1] === '/') {
      open.pop();
      i = pastNext(text, '>', i + 2);
    } else {
      // A start tag: attribute values may hold '>' inside their quotes.
      let end = i + 1;
      let quote = '';
      for (; end < text.length; end += 1) {
        const c = text[end];
        if (quote !== '') {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      if (end >= text.length) return undefined;
      if (text[end - 1] !== '/') {
        TAG_NAME.lastIndex = i + 1;
        open.push(TAG_NAME.exec(text)?.[0] ?? '?');
        if (open.length > maxDepth) {
          return depthProblem({
            segments: open,
            separator: '/',
            place: lineAndColumn(text, i),
            maxDepth,
          });
        }
      }
      i = end + 1;
    }
    if (i === -1) return undefined;
    i = text.indexOf('<', i);
  }
  return undefined;
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

/** Size check, hostile-construct check, depth check, then a well-formedness parse. */
export function parseXmlDocument(text: string, options: XmlParseOptions): Parsed<Document> {
  const tooBig = sizeProblem(text, options.maxBytes);
  if (tooBig !== undefined) return { ok: false, problems: [tooBig] };
  const hostile = hostileConstructs(text);
  if (hostile.length > 0) return { ok: false, problems: hostile };
  const tooDeep = xmlDepthProblem(text, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (tooDeep !== undefined) return { ok: false, problems: [tooDeep] };
  return parseDom(text);
}
