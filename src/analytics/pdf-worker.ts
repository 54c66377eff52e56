// The body of a PDF worker thread: renders each document it is sent and returns the bytes.
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from './document.ts';
import { renderReportPdf } from './pdf/index.ts';

/** A job for the worker. */
export interface PdfJob {
  readonly id: number;
  readonly doc: ReportDocument;
  readonly generatedAt?: Date;
}

/** The worker's answer: the PDF, or why it failed. */
export type PdfResult =
  | { readonly id: number; readonly pdf: Uint8Array }
  | { readonly id: number; readonly error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: PdfJob) => {
    renderReportPdf(job.doc, job.generatedAt ? { generatedAt: job.generatedAt } : {})
      .then((pdf) => {
        const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
        port.postMessage({ id: job.id, pdf: bytes } satisfies PdfResult);
      })
      .catch((error: unknown) => {
        port.postMessage({
          id: job.id,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies PdfResult);
      });
  });
}
