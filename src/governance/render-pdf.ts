// The Change Status Report as PDF: the Markdown report laid out with headings, lists and tables.
import PDFDocument from 'pdfkit';
import type { Register } from './schema.ts';
import { renderChangeStatusReport } from './render-report.ts';

const SIZES = { title: 18, heading: 14, subheading: 11.5, text: 10, table: 7.5 } as const;

function write(doc: PDFKit.PDFDocument, line: string): void {
  if (line.startsWith('# ')) {
    doc.font('Helvetica-Bold').fontSize(SIZES.title).text(line.slice(2)).moveDown(0.5);
  } else if (line.startsWith('## ')) {
    doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(SIZES.heading)
      .text(line.slice(3))
      .moveDown(0.3);
  } else if (line.startsWith('### ')) {
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .fontSize(SIZES.subheading)
      .text(line.slice(4))
      .moveDown(0.2);
  } else if (line.startsWith('|')) {
    if (/^\|\s*-/.test(line)) return; // the Markdown rule under a table header
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    doc
      .font('Courier')
      .fontSize(SIZES.table)
      .text(cells.map((c) => c.padEnd(18)).join(' '));
  } else if (line.startsWith('- ')) {
    doc
      .font('Helvetica')
      .fontSize(SIZES.text)
      .text(`•  ${line.slice(2)}`, { indent: 10 });
  } else if (line.trim() === '') {
    doc.moveDown(0.4);
  } else {
    doc.font('Helvetica').fontSize(SIZES.text).text(line.replaceAll('**', ''));
  }
}

/** Renders the report as of a date to a PDF (A4), resolving to its bytes. */
export function renderChangeStatusReportPdf(register: Register, asOf: string): Promise<Buffer> {
  const markdown = renderChangeStatusReport(register, asOf, 'md');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `SEC Change Status Report as of ${asOf}`, Creator: 'opendsp' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  for (const line of markdown.split('\n')) write(doc, line);
  doc.end();
  return done;
}
