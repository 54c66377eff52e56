// Turns the pipeline's trail events into Service Audit Trail records.
//
// Every SRV passes through here (3–4 records each), so the per-record work is kept small: the
// RequestID is formatted once per request, the Service Reference and SRV name come from a table
// per SRV, and records without metadata share one frozen empty object.
import type { AuditIdSource, AuditRecord, JsonValue } from '../audit/index.ts';
import type { Catalogue } from '../catalogue/index.ts';
import type { UserRole } from '../core/roles.ts';
import type { Eui64 } from '../core/eui64.ts';
import { formatRequestId, type RequestId, type WireFormat } from './messages.ts';
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

/** What a record says about its SRV: the DUIS Service Reference and the catalogue's name. */
interface SrvTitle {
  readonly serviceReference: string;
  readonly srvName: string | null;
}

const NO_METADATA: { readonly [key: string]: JsonValue } = Object.freeze({});

/** Creates the recorder. */
export function createTrailRecorder(options: RecorderOptions): TrailRecorder {
  const { ids, catalogue, renderer } = options;
  const names = new Map(catalogue.allSrvs().map((s) => [s.srv, s.name]));
  const titles = new Map<string, SrvTitle>();
  const titleOf = (srv: string): SrvTitle => {
    let title = titles.get(srv);
    if (title === undefined) {
      title = {
        serviceReference: srv.split('.').slice(0, 2).join('.'),
        srvName: names.get(srv) ?? null,
      };
      titles.set(srv, title);
    }
    return title;
  };
  return {
    records(events, format) {
      let originatorRole: UserRole | null = null;
      let originatorId: Eui64 | null = null;
      for (const e of events) {
        if (e.kind !== 'request') continue;
        originatorRole = e.sender?.role ?? null;
        originatorId = e.sender?.userId ?? null;
        break;
      }
      // The events of one request share its RequestID object: format it once.
      let lastId: RequestId | undefined;
      let lastText: string | null = null;
      const out: AuditRecord[] = [];
      for (const e of events) {
        let metadata = NO_METADATA;
        let payload: string;
        if (e.message.kind === 'service-request') {
          payload = e.message.raw;
          const m: Record<string, JsonValue> = {};
          if (e.reason !== undefined) m['reason'] = e.reason;
          if (e.http !== undefined) {
            m['refusal'] = e.http.refusal;
            m['httpStatus'] = e.http.status;
            m['error'] = e.http.code;
          }
          m['commandVariant'] = e.message.commandVariant;
          if (e.message.signer)
            m['signer'] = `${e.message.signer.issuer}|${e.message.signer.serial}`;
          metadata = m;
        } else {
          payload = renderer.render(e.message, format).body;
          if (e.reason !== undefined) metadata = { reason: e.reason };
        }
        let requestId: string | null = null;
        if (e.requestId !== undefined) {
          if (e.requestId !== lastId) {
            lastId = e.requestId;
            lastText = formatRequestId(e.requestId);
          }
          requestId = lastText;
        }
        const title = e.srv ? titleOf(e.srv) : undefined;
        out.push({
          kind: e.kind,
          id: ids.next(),
          at: e.at,
          requestId,
          deviceId: e.deviceId ?? null,
          mpxn: e.mpxn ?? null,
          serviceReference: title?.serviceReference ?? null,
          srv: e.srv ?? null,
          srvName: title?.srvName ?? null,
          code: e.code ?? null,
          outcome: e.outcome,
          originatorRole,
          roundTripMs: e.kind === 'request' ? null : (e.rttMs ?? null),
          originatorId,
          recipientId: e.kind === 'request' ? null : (e.recipient ?? null),
          payload,
          format,
          metadata,
        });
      }
      return out;
    },
  };
}
