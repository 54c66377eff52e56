import { describe, expect, it } from 'vitest';
import { NO_VALUE, formatCell, isNumericColumn } from './format.ts';
import { orderSeries, seriesColours } from './theme.ts';
import { fitText, textWidth, wrapText } from './text-metrics.ts';

describe('table cells', () => {
  it('print numbers with thousands separators and at most two decimals', () => {
    expect(formatCell(1234567)).toBe('1,234,567');
    expect(formatCell(98.7654)).toBe('98.77');
    expect(formatCell(0.5)).toBe('0.5');
    expect(formatCell(-1200.001)).toBe('-1,200');
  });

  it('print strings as given and null as an en dash', () => {
    expect(formatCell('12.3456%')).toBe('12.3456%');
    expect(formatCell(null)).toBe(NO_VALUE);
    expect(NO_VALUE).toBe('–');
  });

  it('right-align columns of numbers, numeric text and gaps, but not of words', () => {
    expect(isNumericColumn([1, null, 2.5])).toBe(true);
    expect(isNumericColumn(['98.5%', '1,204', null])).toBe(true);
    expect(isNumericColumn(['You', 3])).toBe(false);
    expect(isNumericColumn([null, null])).toBe(false);
  });
});

describe('series', () => {
  it('list You, then Industry, then the peers by letter, then anything else', () => {
    expect(orderSeries(['Peer C', 'Peers', 'Industry', 'Peer A', 'You', 'Peer A'])).toEqual([
      'You',
      'Industry',
      'Peer A',
      'Peer C',
      'Peers',
    ]);
  });

  it('give each peer the same colour in every chart, distinct from You and Industry', () => {
    const [you, industry, peerA, peerC] = seriesColours(['You', 'Industry', 'Peer A', 'Peer C']);
    expect(seriesColours(['Peer C'])[0]).toBe(peerC);
    expect(new Set([you, industry, peerA, peerC]).size).toBe(4);
  });
});

describe('Helvetica metrics', () => {
  it('measure wide and narrow letters differently, and bold wider', () => {
    expect(textWidth('WWW', 10)).toBeGreaterThan(textWidth('iii', 10) * 2);
    expect(textWidth('Industry', 10, true)).toBeGreaterThan(textWidth('Industry', 10));
  });

  it('cut text to a width with an ellipsis and wrap it at spaces', () => {
    const cut = fitText('Acme SMETS2 Comms Hub 4.5.6', 60, { size: 8 });
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 8)).toBeLessThanOrEqual(60);
    const lines = wrapText('one two three four five six', 40, { size: 10 });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('one two three four five six');
  });
});

describe('WinAnsi text', () => {
  it('keeps Latin-1 and the Windows-1252 extras, spells out common symbols, and marks the rest', async () => {
    const { toWinAnsi } = await import('./winansi.ts');
    expect(toWinAnsi('naïve – “quotes” · €5 …')).toBe('naïve – “quotes” · €5 …');
    expect(toWinAnsi('≥ 95% → ok')).toBe('>= 95% -> ok');
    expect(toWinAnsi('漢')).toBe('?');
  });
});
