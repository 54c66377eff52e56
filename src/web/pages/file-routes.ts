// The downloads page (report files) and the SRO/ARO Anomaly Detection Threshold upload page.
import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AuditViewDeps } from '../api/audit-views.ts';
import { listReports, reportPath } from './downloads.ts';
import { downloadsBody, thresholdsBody, type ThresholdsView } from './files-view.ts';
import { guard, sendNotFound, sendPage, sendSigned, type PageContext } from './respond.ts';
import {
  checkThresholdFile,
  listThresholds,
  saveThresholds,
  THRESHOLD_LIMITS,
} from './thresholds.ts';
import { page } from './layout.ts';

/** What the file pages need. */
export interface FilePagesOptions {
  readonly deps: AuditViewDeps;
  /** The data directory: reports under `reports/<partyId>/`, thresholds under `thresholds/`. */
  readonly dataDir: string;
}

/** An uploaded file: its name, and its bytes (null when it was larger than allowed). */
interface Upload {
  readonly filename: string;
  readonly bytes: Buffer | null;
}

/** The `file` field of a multipart body, if it holds an upload. */
function uploadedFile(body: unknown): Upload | null {
  if (typeof body !== 'object' || body === null) return null;
  const file: unknown = (body as Record<string, unknown>)['file'];
  if (typeof file !== 'object' || file === null || !('filename' in file)) return null;
  return file as Upload;
}

async function thresholdsPage(
  reply: FastifyReply,
  context: PageContext,
  view: Omit<ThresholdsView, 'history' | 'csrfToken'> & {
    readonly status: number;
    readonly dataDir: string;
  },
): Promise<FastifyReply> {
  const history = await listThresholds(view.dataDir, context.session.person.organisationId);
  const body = thresholdsBody({ ...view, csrfToken: context.session.csrfToken, history });
  return sendPage(
    reply,
    page({ title: 'Anomaly Detection Thresholds', signedIn: context.frame }, body),
    view.status,
  );
}

/** Registers the file pages (in their own scope: multipart parsing stays here). */
export async function registerFilePages(
  app: FastifyInstance,
  options: FilePagesOptions,
): Promise<void> {
  const { deps, dataDir } = options;
  // Fields land in the body as plain values before the auth plugin's CSRF check reads them.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { files: 1, fileSize: THRESHOLD_LIMITS.bytes, fields: 5, parts: 6 },
    async onFile(part) {
      const bytes = await part.toBuffer().catch(() => null);
      const upload: Upload = { filename: part.filename, bytes };
      (part as { value?: unknown }).value = upload;
    },
  });
  app.get('/ssi/downloads', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'download-reports' });
    if (context === null) return reply;
    const files = await listReports(dataDir, context.session.person.organisationId);
    return sendSigned(reply, context, { title: 'Downloads', html: downloadsBody(files) });
  });

  app.get<{ Params: { name: string } }>('/ssi/downloads/:name', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'download-reports' });
    if (context === null) return reply;
    const file = await reportPath(
      dataDir,
      context.session.person.organisationId,
      request.params.name,
    );
    if (file === null) return sendNotFound(reply, context.frame);
    const type = request.params.name.endsWith('.csv')
      ? 'text/csv; charset=utf-8'
      : request.params.name.endsWith('.pdf')
        ? 'application/pdf'
        : 'application/octet-stream';
    return reply
      .type(type)
      .header('content-disposition', `attachment; filename="${request.params.name}"`)
      .send(createReadStream(file));
  });

  app.get('/ssi/thresholds', async (request, reply) => {
    const context = await guard(request, reply, { deps, action: 'submit-adt-file' });
    if (context === null) return reply;
    return thresholdsPage(reply, context, { problems: [], accepted: null, status: 200, dataDir });
  });

  app.post('/ssi/thresholds', async (request, reply) => {
    // The auth plugin's CSRF check has already read the form's `csrf` field (see uploadedFile).
    const context = await guard(request, reply, { deps, action: 'submit-adt-file' });
    if (context === null) return reply;
    const refuse = (problems: string[], status = 400) =>
      thresholdsPage(reply, context, { problems, accepted: null, status, dataDir });
    const upload = uploadedFile(request.body);
    if (upload === null || upload.filename === '') return refuse(['Choose a CSV file to submit.']);
    if (upload.bytes === null) {
      return refuse([`The file is larger than ${THRESHOLD_LIMITS.bytes} bytes.`], 413);
    }
    const checked = checkThresholdFile(upload.bytes.toString('utf8'));
    if (!checked.ok) return refuse([...checked.problems]);
    const accepted = await saveThresholds(dataDir, {
      organisationId: context.session.person.organisationId,
      submittedBy: { personId: context.session.person.id, name: context.session.person.name },
      submittedAt: deps.now().toISOString(),
      fileName: upload.filename,
      thresholds: checked.thresholds,
    });
    return thresholdsPage(reply, context, { problems: [], accepted, status: 201, dataDir });
  });
}
