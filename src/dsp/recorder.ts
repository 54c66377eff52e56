// Turns the pipeline's trail events into Service Audit Trail records.
import type { AuditIdSource, AuditRecord, JsonValue } from '../audit/index.ts';
import type { Catalogue } from '../catalogue/index.ts';
import { formatRequestId, type WireFormat } from './messages.ts';
import type { Renderer } from './render.ts';
import type { TrailEvent } from './trail.ts';

/** What the recorder needs. */
export interface RecorderOptions {
  readonly ids: AuditIdSource;
  readonly catalogue: Catalogue;
  readonly renderer: Renderer;
}

/** Converts trail events to audit records. */
export interface TrailRecorder {
  /** One record per event; `format` is the requester's wire format (replies use the same). */
  records(events: readonly TrailEvent[], format: WireFormat): AuditRecord[];
}

/** Creates the recorder. */
export function createTrailRecorder(options: RecorderOptions): TrailRecorder {
  const { ids, catalogue, renderer } = options;
  const names = new Map(catalogue.allSrvs().map((s) => [s.srv, s.name]));
  return {
    records(events, format) {
      const originatorRole = events.find((e) => e.kind === 'request')?.sender?.role ?? null;
      const originatorId = events.find((e) => e.kind === 'request')?.sender?.userId ?? null;
      return events.map((e): AuditRecord => {
        const metadata: Record<string, JsonValue> = {};
        if (e.reason !== undefined) metadata['reason'] = e.reason;
        let payload: string;
        if (e.message.kind === 'service-request') {
          payload = e.message.raw;
          metadata['commandVariant'] = e.message.commandVariant;
          if (e.message.signer)
            metadata['signer'] = `${e.message.signer.issuer}|${e.message.signer.serial}`;
        } else {
          payload = renderer.render(e.message, format).body;
        }
        return {
          kind: e.kind,
          id: ids.next(),
          at: e.at,
          requestId: e.requestId ? formatRequestId(e.requestId) : null,
          deviceId: e.deviceId ?? null,
          mpxn: e.mpxn ?? null,
          serviceReference: e.srv ? e.srv.split('.').slice(0, 2).join('.') : null,
          srv: e.srv ?? null,
          srvName: e.srv ? (names.get(e.srv) ?? null) : null,
          code: e.code ?? null,
          outcome: e.outcome,
          originatorRole,
          roundTripMs: e.kind === 'request' ? null : (e.rttMs ?? null),
          originatorId,
          recipientId: e.kind === 'request' ? null : (e.recipient ?? null),
          payload,
          format,
          metadata,
        };
      });
    },
  };
}
