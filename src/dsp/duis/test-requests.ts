// Test helpers: DUIS XML and JSON Service Requests built from a few parts.

/** Parts of a test request; each has a sensible default (an 8.8.2 Unjoin, CV 1). */
export interface RequestParts {
  readonly schemaVersion?: string;
  readonly requestId?: string;
  readonly cv?: string;
  readonly sr?: string;
  readonly srv?: string;
  readonly body?: string;
  readonly headerExtra?: string;
}

/** A DUIS XML request. */
export function xmlRequest(parts: RequestParts = {}): string {
  const version = parts.schemaVersion === undefined ? 'schemaVersion="5.4"' : parts.schemaVersion;
  return `<?xml version="1.0" encoding="UTF-8"?>
<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" ${version}>
  <sr:Header>
    <sr:RequestID>${parts.requestId ?? '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000'}</sr:RequestID>${parts.headerExtra ?? ''}
    <sr:CommandVariant>${parts.cv ?? '1'}</sr:CommandVariant>
    <sr:ServiceReference>${parts.sr ?? '8.8'}</sr:ServiceReference>
    <sr:ServiceReferenceVariant>${parts.srv ?? '8.8.2'}</sr:ServiceReferenceVariant>
  </sr:Header>
  <sr:Body>${parts.body ?? '<sr:UnjoinServiceNonCritical><sr:OtherDeviceID>00-db-12-34-56-78-90-a5</sr:OtherDeviceID></sr:UnjoinServiceNonCritical>'}</sr:Body>
</sr:Request>
`;
}

/** A JSON request as an object (tests change it, then stringify). */
export function jsonRequest(): {
  schemaVersion: string;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  executionDateTime?: string;
} {
  return {
    schemaVersion: '5.4',
    header: {
      requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000',
      commandVariant: 1,
      serviceReference: '8.8',
      serviceReferenceVariant: '8.8.2',
    },
    body: { UnjoinServiceNonCritical: { OtherDeviceID: '00-DB-12-34-56-78-90-A5' } },
  };
}
