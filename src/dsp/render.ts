// Turns outbound messages into DUIS text: XML (signed by the DSP when it has a key) or JSON.
import {
  dccAlertToJson,
  dccAlertToXml,
  deviceAlertToJson,
  deviceAlertToXml,
  serviceResponseToJson,
  serviceResponseToXml,
} from './duis/index.ts';
import type { OutboundMessage, WireFormat } from './messages.ts';

/** A rendered message with its HTTP content type. */
export interface Rendered {
  readonly body: string;
  readonly contentType: string;
}

/** Renders outbound messages; XML is passed through `signXml` when given. */
export interface Renderer {
  render(message: OutboundMessage, format: WireFormat): Rendered;
}

/** Options for {@link createRenderer}. */
export interface RendererOptions {
  /** Adds the DSP's enveloped signature to XML messages. */
  readonly signXml?: (xml: string) => string;
  /** Write opendsp's readable rejection reason (default true). */
  readonly includeReason?: boolean;
  /**
   * Remember each message's text (default true). Needed wherever a message is rendered more
   * than once (reply, outbox, audit), since signatures differ from one signing to the next;
   * a caller that renders each message once (the in-process simulation) can skip the
   * bookkeeping, which costs a WeakMap entry per message.
   */
  readonly memo?: boolean;
}

/**
 * Creates a renderer; `signXml` adds the DSP's enveloped signature to XML messages. Messages are
 * immutable, so each is rendered (and signed) once: the reply, the outbox copy and the audit
 * payload are the same text.
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const sign = options.signXml ?? ((xml: string) => xml);
  const reason = { includeReason: options.includeReason ?? true };
  const cache = new WeakMap<OutboundMessage, Partial<Record<WireFormat, Rendered>>>();
  const renderOnce = (message: OutboundMessage, format: WireFormat): Rendered => {
    let entry = cache.get(message);
    if (!entry) {
      entry = {};
      cache.set(message, entry);
    }
    return (entry[format] ??= render(message, format));
  };
  return { render: options.memo === false ? render : renderOnce };

  function render(message: OutboundMessage, format: WireFormat): Rendered {
    if (format === 'json') {
      const body =
        message.kind === 'service-response'
          ? serviceResponseToJson(message, reason)
          : message.kind === 'dcc-alert'
            ? dccAlertToJson(message)
            : deviceAlertToJson(message);
      return { body, contentType: 'application/json' };
    }
    const xml =
      message.kind === 'service-response'
        ? serviceResponseToXml(message, reason)
        : message.kind === 'dcc-alert'
          ? dccAlertToXml(message)
          : deviceAlertToXml(message);
    return { body: sign(xml), contentType: 'application/xml' };
  }
}
