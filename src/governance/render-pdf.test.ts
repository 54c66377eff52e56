import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegister } from './load-register.ts';
import { renderChangeStatusReportPdf } from './render-pdf.ts';

const hasPdftotext = ((): boolean => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('Change Status Report as PDF', () => {
  it('is a PDF of several A4 pages', async () => {
    const pdf = await renderChangeStatusReportPdf(loadRegister(), '2020-02-07');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(3_000);
  });

  it.skipIf(!hasPdftotext)(
    'carries the report text and Appendix A figures (pdftotext from poppler-utils)',
    async () => {
      const pdf = await renderChangeStatusReportPdf(loadRegister(), '2020-02-07');
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'opendsp-csr-')), 'csr.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Change Status Report');
      expect(text).toContain('DP108');
      expect(text).toMatch(/SECMP0007\s+IA\s+30 July 2019\s+40 WD\s+134 WD/);
    },
  );
});
