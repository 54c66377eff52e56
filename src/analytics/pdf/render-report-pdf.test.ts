import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocBlock, ReportDocument } from '../document.ts';
import { formatCell } from './format.ts';
import { renderReportPdf } from './index.ts';
import { createSampleReport } from './sample-report.ts';

const hasPoppler = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPoppler) {
  console.warn(
    'pdftotext/pdftoppm/pdfinfo (poppler-utils) not found: skipping the PDF text and image checks',
  );
}

const generatedAt = new Date('2023-07-03T06:00:00Z');

function writePdf(pdf: Buffer, name: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'opendsp-car-')), name);
  writeFileSync(file, pdf);
  return file;
}

/** The text of each page, from pdftotext (pages are separated by form feeds). */
function pageTexts(file: string): string[] {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1);
}

/** Share of pixels that are not white in an 8-bit greyscale PGM (P5) image. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (header === null) throw new Error('not a binary PGM image');
  const pixels = pgm.subarray(header[0].length);
  let ink = 0;
  for (const value of pixels) if (value < 240) ink++;
  return ink / pixels.length;
}

function findBlock<K extends DocBlock['kind']>(
  report: ReportDocument,
  kind: K,
): Extract<DocBlock, { kind: K }> {
  const blocks = report.sections.flatMap((s) => [
    ...s.blocks,
    ...(s.subsections ?? []).flatMap((x) => x.blocks),
  ]);
  const found = blocks.find((b): b is Extract<DocBlock, { kind: K }> => b.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} block in the sample`);
  return found;
}

describe('Customer Analytics Report as PDF', () => {
  const report = createSampleReport();
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await renderReportPdf(report, { generatedAt });
  });

  it('is an A4 PDF carrying the report metadata', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(raw).toContain('(Customer Analytics Report)');
    expect(raw).toContain('/Outlines');
    expect(raw).toContain('/S /GoTo'); // contents lines link to their sections
    expect(raw).toContain('/D (section-summary)');
  });

  it.skipIf(!hasPoppler)('sets the document information, dated generatedAt', () => {
    const info = execFileSync('pdfinfo', ['-isodates', writePdf(pdf, 'report.pdf')], {
      encoding: 'utf8',
    });
    expect(info).toMatch(/^Title:\s+Customer Analytics Report$/m);
    expect(info).toMatch(/^Subject:\s+June 2023 · Import Supplier$/m);
    expect(info).toMatch(/^Author:\s+DCC Data Service Provider \(opendsp\)$/m);
    expect(info).toMatch(/^Creator:\s+opendsp$/m);
    expect(info).toMatch(/^CreationDate:\s+2023-07-03T06:00:00(Z|\+00)/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
  });

  it('is byte for byte the same when rendered again with the same generatedAt', async () => {
    const again = await renderReportPdf(report, { generatedAt });
    expect(again.equals(pdf)).toBe(true);
  });

  it.skipIf(!hasPoppler)(
    'opens with the cover and a contents page giving each section’s page',
    () => {
      const pages = pageTexts(writePdf(pdf, 'report.pdf'));
      expect(pages[0]).toContain('Customer Analytics Report');
      expect(pages[0]).toContain('June 2023 · Import Supplier');
      expect(pages[0]).toContain('User ID 90-B3-D5-1F-30-01-00-00');
      const contents = pages[1] ?? '';
      expect(contents).toContain('Contents');
      const titles = report.sections.flatMap((s) => [
        s.title,
        ...(s.subsections ?? []).map((x) => x.title),
      ]);
      for (const title of titles) {
        const entry = new RegExp(
          `${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)\\s*$`,
          'm',
        ).exec(contents);
        expect(entry, title).not.toBeNull();
        const page = Number(entry?.[1]);
        expect(pages[page - 1], `${title} on page ${page}`).toContain(title);
      }
    },
  );

  it.skipIf(!hasPoppler)(
    'numbers every page after the cover "page N of M" beside the title',
    () => {
      const pages = pageTexts(writePdf(pdf, 'report.pdf'));
      expect(pages.length).toBeGreaterThan(6);
      expect(pages[0]).not.toMatch(/page 1 of/);
      pages.slice(1).forEach((text, i) => {
        expect(text).toMatch(
          new RegExp(`Customer Analytics Report\\s+page ${i + 2} of ${pages.length}`),
        );
      });
    },
  );

  it.skipIf(!hasPoppler)(
    'prints table figures, en dashes for gaps, and repeats the header on each page',
    () => {
      const text = pageTexts(writePdf(pdf, 'report.pdf')).join('\n');
      const table = findBlock(report, 'table');
      const first = table.rows[0] ?? [];
      expect(text).toContain(formatCell(first[2] ?? null));
      expect(text).toMatch(/\d,\d{3},\d{3}/);
      expect(text).toContain('–');
      expect(text).toContain('Showing 212 of 212 rows; all rows are in file daily-detail.csv.');
      const headers =
        text.match(/Date\s+SRV\s+Requests\s+On time \(%\)\s+Median response \(s\)/g) ?? [];
      expect(headers.length).toBeGreaterThan(3);
    },
  );

  it.skipIf(!hasPoppler)(
    'carries chart titles, axis titles, legends and band labels as real text',
    () => {
      const text = pageTexts(writePdf(pdf, 'report.pdf')).join('\n');
      expect(text).toContain('SRV 4.1: Service Responses within target time, per day');
      expect(text).toContain('SRV 4.2: Service Requests by outcome');
      expect(text).toContain('% within target');
      expect(text).toContain('Alerts per 1,000 devices');
      expect(text).toContain('Acme SMETS2 Comms Hub 4.5.6');
      expect(text).toMatch(/You\s+Industry\s+Peer A\s+Peer B\s+Peer C/);
      expect(text).toContain('INC0042 Category 2');
      expect(text).toContain('No data for this month');
      expect(text).toContain('Peer group withheld');
    },
  );

  it.skipIf(!hasPoppler)('draws every page (nothing blank)', () => {
    const file = writePdf(pdf, 'report.pdf');
    const prefix = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-r', '20', '-gray', file, prefix]);
    const images = readdirSync(path.dirname(file)).filter((f) => f.endsWith('.pgm'));
    expect(images.length).toBe(pageTexts(file).length);
    for (const image of images) {
      expect(inkShare(readFileSync(path.join(path.dirname(file), image))), image).toBeGreaterThan(
        0.002,
      );
    }
  });

  it.skipIf(!hasPoppler)('reserves enough contents pages for a long contents', async () => {
    const long: ReportDocument = {
      ...report,
      sections: Array.from({ length: 12 }, (_, s) => ({
        id: `s${s}`,
        title: `Section ${s + 1}`,
        blocks: [{ kind: 'paragraph', text: 'Text.' }],
        subsections: Array.from({ length: 6 }, (_, x) => ({
          id: `s${s}-${x}`,
          title: `Subsection ${s + 1}.${x + 1}`,
          blocks: [{ kind: 'paragraph', text: 'More text.' }],
        })),
      })),
    };
    const pages = pageTexts(writePdf(await renderReportPdf(long, { generatedAt }), 'long.pdf'));
    // 84 lines: three contents pages (2 to 4), so Section 1 starts on page 5.
    const contents = pages.slice(1, 4).join('\n');
    expect(pages[4]).toContain('Section 1');
    expect(contents).toMatch(/^Section 1\s+5\s*$/m);
    for (const title of ['Section 7', 'Subsection 12.6']) {
      const entry = new RegExp(`^\\s*${title.replace('.', '\\.')}\\s+(\\d+)\\s*$`, 'm').exec(
        contents,
      );
      expect(entry, title).not.toBeNull();
      expect(pages[Number(entry?.[1]) - 1]).toContain(title);
    }
  });
});
