// The nesting-depth limit of DUIS messages: refused on the text, before anything recursive runs.
import { describe, expect, it } from 'vitest';
import { jsonDepthProblem, parseServiceRequestJson } from './parse-request-json.ts';
import { parseServiceRequestXml } from './parse-request-xml.ts';
import { DEFAULT_MAX_DEPTH } from './problems.ts';
import { jsonRequest, xmlRequest } from './test-requests.ts';
import { parseXmlDocument, xmlDepthProblem } from './xml-document.ts';

/** A JSON request whose one body field holds `levels` nested objects. */
function deepJson(levels: number): string {
  const request = JSON.stringify(jsonRequest());
  const deep = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return request.replace('"OtherDeviceID":', `"Deep":${deep},"OtherDeviceID":`);
}

/** An XML request whose SRV element holds `levels` nested elements. */
function deepXml(levels: number): string {
  return xmlRequest({
    body: `<sr:UnjoinServiceNonCritical>${'<sr:a>'.repeat(levels)}x${'</sr:a>'.repeat(levels)}</sr:UnjoinServiceNonCritical>`,
  });
}

describe('nesting depth', () => {
  it('is 64 levels, far above the deepest real DUIS message', () => {
    expect(DEFAULT_MAX_DEPTH).toBe(64);
    expect(xmlDepthProblem(xmlRequest(), 5)).toBeUndefined();
    expect(xmlDepthProblem(xmlRequest(), 4)).toBeUndefined();
    expect(xmlDepthProblem(xmlRequest(), 3)).toBeDefined();
  });

  it.each([2_000, 20_000])(
    'refuses JSON nested %i levels with the depth and the place',
    (levels) => {
      const result = parseServiceRequestJson(deepJson(levels));
      expect(result.ok).toBe(false);
      const [problem] = result.ok ? [] : result.problems;
      expect(problem?.path).toBe('body.UnjoinServiceNonCritical.Deep.a.a.a.…');
      expect(problem?.message).toMatch(
        /nests deeper than 64 levels \(the limit\) at line 1, column \d+/,
      );
    },
  );

  it.each([6_000, 15_000])(
    'refuses XML nested %i levels with the depth and the place',
    (levels) => {
      const result = parseServiceRequestXml(deepXml(levels));
      expect(result.ok).toBe(false);
      const [problem] = result.ok ? [] : result.problems;
      expect(problem?.path).toBe('sr:Request/sr:Body/sr:UnjoinServiceNonCritical/sr:a/sr:a/sr:a/…');
      expect(problem?.message).toMatch(
        /nests deeper than 64 levels \(the limit\) at line 9, column \d+/,
      );
    },
  );

  it('accepts nesting up to the limit and counts exactly', () => {
    // The root object, body and the SRV element: 3 levels before the nested ones.
    expect(jsonDepthProblem(deepJson(61), 64)).toBeUndefined();
    expect(jsonDepthProblem(deepJson(62), 64)).toBeDefined();
    // Request, Body, SRV element: 3 levels before the nested ones.
    expect(parseXmlDocument(deepXml(61), { maxBytes: 1e6 }).ok).toBe(true);
    expect(parseXmlDocument(deepXml(62), { maxBytes: 1e6 }).ok).toBe(false);
  });

  it('counts only real nesting: brackets in strings, attributes, comments and CDATA do not count', () => {
    const brackets = JSON.stringify({ a: '{'.repeat(100), b: [[['x']]], c: '\\"[[[' });
    expect(jsonDepthProblem(brackets, 4)).toBeUndefined();
    expect(jsonDepthProblem(brackets, 3)).toBeDefined();
    const xml = `<r a="<b><b>" c='>'><!-- <b><b><b> --><![CDATA[<b><b><b>]]><s/><s/><k><k/></k></r>`;
    expect(xmlDepthProblem(xml, 2)).toBeUndefined();
    expect(xmlDepthProblem(xml, 1)?.path).toBe('r/k');
  });

  it('leaves malformed text to the parsers', () => {
    expect(jsonDepthProblem('{"a": [1, 2', 64)).toBeUndefined();
    expect(xmlDepthProblem('<r><a b="', 64)).toBeUndefined();
    expect(parseServiceRequestJson('{"a": [1, 2').ok).toBe(false);
  });
});
