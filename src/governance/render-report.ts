// Renders the Change Status Report as Markdown or HTML from the register.
import { frameSections, longDate, type Block, type ReportDocument } from './report-model.ts';
import { defineSection, opineSection, refineSection, releaseSection } from './report-sections.ts';
import type { Register } from './schema.ts';

/** The formats the report renders to (PDF is the CLI's job, from the HTML). */
export type ReportFormat = 'md' | 'html';

/** Builds the report document as at `asOf`, with the seed report's sections in its order. */
export function buildChangeStatusReport(all: Register, asOf: string): ReportDocument {
  // Proposals raised after the report date are not yet in the register the report reads.
  const proposals = all.proposals.filter((p) => p.raised === null || p.raised <= asOf);
  const register = { ...all, proposals };
  const { summary, appendix, data } = frameSections(register, asOf);
  return {
    title: `Change Status Report — ${longDate(data.reportMonth)}`,
    asOf: data.asOf,
    sections: [
      summary,
      defineSection(register, data),
      refineSection(register, data),
      opineSection(register, data),
      releaseSection(register, data),
      appendix,
    ],
  };
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'heading':
      return `### ${b.text}`;
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
    case 'table': {
      const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
      return [row(b.head), row(b.head.map(() => '---')), ...b.rows.map(row)].join('\n');
    }
  }
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escape(b.text)}</p>`;
    case 'heading':
      return `<h3>${escape(b.text)}</h3>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>`;
    case 'table': {
      const head = b.head.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`);
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
    }
  }
}

/** Renders a built report document. */
export function renderReportDocument(doc: ReportDocument, format: ReportFormat): string {
  if (format === 'md') {
    const parts = [`# ${doc.title}`, `Report date: ${longDate(doc.asOf)}`];
    doc.sections.forEach((s, i) => {
      parts.push(`## ${i + 1}. ${s.title}`, ...s.blocks.map(mdBlock));
    });
    return `${parts.join('\n\n')}\n`;
  }
  const body = doc.sections
    .map(
      (s, i) =>
        `<section><h2>${i + 1}. ${escape(s.title)}</h2>${s.blocks.map(htmlBlock).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head><body><h1>${escape(doc.title)}</h1><p>Report date: ${longDate(doc.asOf)}</p>\n${body}\n</body></html>\n`;
}

/** The Change Status Report as at `asOf` (YYYY-MM-DD) in Markdown or HTML. */
export function renderChangeStatusReport(
  register: Register,
  asOf: string,
  format: ReportFormat,
): string {
  return renderReportDocument(buildChangeStatusReport(register, asOf), format);
}
