// Keeps report text within WinAnsi, the only encoding PDFKit's standard Helvetica fonts can show.
//
// The standard fonts are not embedded, which keeps each PDF small and fast to write, but a
// character outside WinAnsi prints as garbage. Common symbols become ASCII; the rest a "?".
import type { DocBlock, DocSection, ReportDocument } from '../document.ts';

/** Characters outside Latin-1 that WinAnsi (Windows-1252) still has. */
const WINANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const SUBSTITUTES: Readonly<Record<string, string>> = {
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '→': '->',
  '←': '<-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '✓': 'yes',
  '✔': 'yes',
  '✗': 'no',
  '\u2009': ' ',
  '\u202f': ' ',
};

function printable(char: string): boolean {
  const code = char.charCodeAt(0);
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WINANSI_EXTRA.has(char)
  );
}

/** `text` with every character the standard PDF fonts cannot show replaced. */
export function toWinAnsi(text: string): string {
  let plain = true;
  for (const char of text) {
    if (!printable(char)) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  return Array.from(text, (char) => (printable(char) ? char : (SUBSTITUTES[char] ?? '?'))).join('');
}

/** A block with all of its text within WinAnsi. */
export function winAnsiBlock<B extends DocBlock>(block: B): B {
  const t = toWinAnsi;
  const b: DocBlock = block;
  switch (b.kind) {
    case 'paragraph':
      return { ...block, text: t(b.text) };
    case 'figures':
      return { ...block, items: b.items.map((i) => ({ label: t(i.label), value: t(i.value) })) };
    case 'bar-chart':
      return {
        ...block,
        title: t(b.title),
        xTitle: t(b.xTitle),
        yTitle: t(b.yTitle),
        data: b.data.map((d) => ({ ...d, category: t(d.category), series: t(d.series) })),
      };
    case 'line-chart':
      return {
        ...block,
        title: t(b.title),
        yTitle: t(b.yTitle),
        data: b.data.map((d) => ({ ...d, series: t(d.series) })),
        ...(b.bands === undefined
          ? {}
          : { bands: b.bands.map((x) => ({ ...x, label: t(x.label) })) }),
      };
    case 'table':
      return {
        ...block,
        ...(b.title === undefined ? {} : { title: t(b.title) }),
        ...(b.footnote === undefined ? {} : { footnote: t(b.footnote) }),
        columns: b.columns.map((c) => ({ ...c, header: t(c.header) })),
        rows: b.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? t(cell) : cell))),
      };
  }
}

function winAnsiSection(section: DocSection): DocSection {
  return {
    ...section,
    title: toWinAnsi(section.title),
    blocks: section.blocks.map(winAnsiBlock),
    ...(section.subsections === undefined
      ? {}
      : { subsections: section.subsections.map(winAnsiSection) }),
  };
}

/** The report with all of its text within WinAnsi (metadata too, for consistency). */
export function winAnsiReport(report: ReportDocument): ReportDocument {
  return {
    title: toWinAnsi(report.title),
    subtitle: toWinAnsi(report.subtitle),
    coverLines: report.coverLines.map(toWinAnsi),
    author: toWinAnsi(report.author),
    sections: report.sections.map(winAnsiSection),
  };
}
