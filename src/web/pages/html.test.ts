// Templates escape every value; CSV follows RFC 4180; ADT files are checked line by line.
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, parseCsv } from '../api/csv.ts';
import { escapeHtml, html, queryString } from './html.ts';
import { checkThresholdFile } from './thresholds.ts';

describe('html templates', () => {
  it('escapes interpolated text, attributes and arrays, and keeps nested templates', () => {
    const evil = `<script>alert("x")</script>'&`;
    const out = html`<p title="${evil}">${evil}${[evil, html`<b>ok</b>`]}</p>`.text;
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;');
    expect(out).toContain('<b>ok</b>');
    expect(escapeHtml('a"b')).toBe('a&quot;b');
  });

  it('leaves out null, undefined and false', () => {
    expect(html`[${null}${undefined}${false}${0}]`.text).toBe('[0]');
  });

  it('builds query strings without empty fields', () => {
    expect(queryString({ a: 'x y', b: '', c: undefined })).toBe('?a=x+y');
    expect(queryString({})).toBe('');
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and ends rows with CRLF', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'x\ny', null, 3])).toBe(
      'a,"b,c","say ""hi""","x\ny",,3\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('reads back what it writes', () => {
    const text = csvRow(['a', 'b,c', 'say "hi"', 'x\r\ny']) + csvRow(['1', '', '3', '4']);
    expect(parseCsv(text)).toEqual([
      ['a', 'b,c', 'say "hi"', 'x\r\ny'],
      ['1', '', '3', '4'],
    ]);
  });
});

describe('Anomaly Detection Threshold files', () => {
  it('accepts a well-formed file', () => {
    const checked = checkThresholdFile(
      'srv,period,threshold\r\n4.1.1,day,5000\r\n8.8.1,hour,20\r\n',
    );
    expect(checked).toEqual({
      ok: true,
      thresholds: [
        { srv: '4.1.1', period: 'day', threshold: 5000 },
        { srv: '8.8.1', period: 'hour', threshold: 20 },
      ],
    });
  });

  it.each([
    ['a wrong header', 'srv,threshold\n4.1.1,5', /header must be exactly/],
    ['no rows', 'srv,period,threshold\n', /no thresholds/],
    ['a non-number', 'srv,period,threshold\n4.1.1,day,lots', /line 2: threshold "lots"/],
    ['a negative number', 'srv,period,threshold\n4.1.1,day,-1', /line 2: threshold/],
    ['a bad SRV', 'srv,period,threshold\nfour,day,1', /line 2: srv "four"/],
    ['a bad period', 'srv,period,threshold\n4.1.1,week,1', /period "week"/],
    ['a missing field', 'srv,period,threshold\n4.1.1,day', /expected 3 fields/],
    ['a repeat', 'srv,period,threshold\n4.1.1,day,1\n4.1.1,day,2', /line 3: .*repeated/],
  ])('refuses %s, naming the line', (_what, text, problem) => {
    const checked = checkThresholdFile(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problems.join('\n')).toMatch(problem);
  });
});
