// Renders report PDFs on worker threads, so a month's reports use every core.
import { Worker } from 'node:worker_threads';
import type { ReportDocument } from './document.ts';
import type { PdfJob, PdfResult } from './pdf-worker.ts';

/** A pool of PDF workers with the renderer's own signature. */
export interface PdfPool {
  readonly size: number;
  readonly render: (
    doc: ReportDocument,
    options?: { readonly generatedAt?: Date },
  ) => Promise<Buffer>;
  /** Stops the workers (pending renders are refused). */
  close(): Promise<void>;
}

const SCRIPT = new URL('../../bin/pdf-worker.js', import.meta.url);

interface Pending {
  readonly resolve: (pdf: Buffer) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Starts `size` workers. Each job goes to the worker with the fewest jobs in hand; a worker
 * that fails takes its jobs down with a clear error rather than hanging the run.
 */
export function createPdfPool(size: number): PdfPool {
  const pending = new Map<number, Pending>();
  const load = new Map<Worker, Set<number>>();
  let next = 0;
  const fail = (worker: Worker, error: Error): void => {
    for (const id of load.get(worker) ?? []) {
      pending.get(id)?.reject(error);
      pending.delete(id);
    }
    load.delete(worker);
  };
  for (let i = 0; i < size; i++) {
    const worker = new Worker(SCRIPT);
    load.set(worker, new Set());
    worker.on('message', (result: PdfResult) => {
      load.get(worker)?.delete(result.id);
      const job = pending.get(result.id);
      pending.delete(result.id);
      if (!job) return;
      if ('error' in result) job.reject(new Error(`PDF rendering failed: ${result.error}`));
      else
        job.resolve(Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength));
    });
    worker.on('error', (error) => {
      fail(worker, error);
    });
    worker.on('exit', (code) => {
      if (load.has(worker)) fail(worker, new Error(`a PDF worker stopped (exit code ${code})`));
    });
  }
  return {
    size,
    render: (doc, options) => {
      const workers = [...load.entries()].sort((a, b) => a[1].size - b[1].size);
      const chosen = workers[0];
      if (!chosen) return Promise.reject(new Error('no PDF worker is running'));
      const id = next++;
      const job: PdfJob = {
        id,
        doc,
        ...(options?.generatedAt ? { generatedAt: options.generatedAt } : {}),
      };
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        chosen[1].add(id);
        chosen[0].postMessage(job);
      });
    },
    async close() {
      const workers = [...load.keys()];
      load.clear();
      for (const job of pending.values()) job.reject(new Error('the PDF pool was closed'));
      pending.clear();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
