import { describe, expect, it } from 'vitest';
import { parseServiceRequestXml } from './parse-request-xml.ts';
import { xmlRequest, type RequestParts } from './test-requests.ts';

const problemsOf = (parts: RequestParts) => {
  const result = parseServiceRequestXml(xmlRequest(parts));
  return result.ok ? [] : result.problems;
};
const H = 'sr:Request/sr:Header';

describe('parseServiceRequestXml', () => {
  it('parses a good request into the format-neutral ServiceRequest', () => {
    const text = xmlRequest();
    const result = parseServiceRequestXml(text);
    // The document is the text parsed, handed on so the signature check need not parse again.
    expect(result.ok && result.document?.documentElement?.localName).toBe('Request');
    expect({ ...result, document: undefined }).toEqual({
      ok: true,
      request: {
        kind: 'service-request',
        requestId: {
          originator: '90-B3-D5-1F-30-01-00-00',
          target: '00-DB-12-34-56-78-90-A4',
          counter: 1000n,
        },
        commandVariant: 1,
        serviceReference: '8.8',
        srv: '8.8.2',
        body: {
          element: 'UnjoinServiceNonCritical',
          fields: { OtherDeviceID: '00-DB-12-34-56-78-90-A5' },
        },
        format: 'xml',
        raw: text,
      },
    });
  });

  it('reads ExecutionDateTime from the SRV element and keeps nested and repeated fields', () => {
    const body = `<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>2030-01-15T09:00:00.00Z</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>`;
    const result = parseServiceRequestXml(xmlRequest({ sr: '4.1', srv: '4.1.1', body }));
    expect(result).toMatchObject({
      ok: true,
      request: { executionDateTime: new Date('2030-01-15T09:00:00Z'), body: { fields: {} } },
    });
    const nested = `<sr:UpdateHANDeviceLog><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID><sr:X><sr:Y a="1">2</sr:Y><sr:Y a="3">4</sr:Y></sr:X></sr:UpdateHANDeviceLog>`;
    const r2 = parseServiceRequestXml(xmlRequest({ sr: '8.11', srv: '8.11', body: nested }));
    expect(r2).toMatchObject({
      ok: true,
      request: {
        body: {
          fields: {
            X: {
              Y: [
                { '@a': '1', '#text': '2' },
                { '@a': '3', '#text': '4' },
              ],
            },
          },
        },
      },
    });
  });

  it('names the RequestID problems', () => {
    expect(problemsOf({ requestId: '90B3D51F30010000:00-DB-12-34-56-78-90-A4:1' })).toEqual([
      {
        path: `${H}/sr:RequestID`,
        message: expect.stringContaining('EUI64:EUI64:counter') as string,
      },
    ]);
    expect(
      problemsOf({ requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:01' })[0]?.message,
    ).toMatch(/leading zeros/);
    expect(
      problemsOf({
        requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:18446744073709551616',
      })[0]?.message,
    ).toMatch(/uint64/);
  });

  it('refuses CV 9, unknown CVs and a CV the SRV does not allow', () => {
    expect(problemsOf({ cv: '9' })[0]).toEqual({
      path: `${H}/sr:CommandVariant`,
      message: expect.stringMatching(/internal to DCC/) as string,
    });
    expect(problemsOf({ cv: '0' })[0]?.message).toMatch(/not 1–8/);
    expect(problemsOf({ cv: 'one' })[0]?.message).toMatch(/positive integer/);
    expect(problemsOf({ cv: '4' })[0]?.message).toMatch(
      /not allowed for SRV 8.8.2.*allowed: 1, 2, 3/,
    );
  });

  it('refuses unknown or inconsistent Service References', () => {
    expect(problemsOf({ srv: '8.8.9' })).toEqual([
      {
        path: `${H}/sr:ServiceReferenceVariant`,
        message: expect.stringMatching(/unknown Service Reference Variant "8.8.9"/) as string,
      },
    ]);
    expect(problemsOf({ sr: '8.7' })[0]).toEqual({
      path: `${H}/sr:ServiceReference`,
      message: expect.stringMatching(/does not match.*expected 8.8/) as string,
    });
  });

  it('checks the body element against the SRV and the Other Device ID', () => {
    const wrong =
      '<sr:JoinServiceNonCritical><sr:OtherDeviceID>00-DB-12-34-56-78-90-A5</sr:OtherDeviceID></sr:JoinServiceNonCritical>';
    expect(problemsOf({ body: wrong })[0]?.message).toMatch(
      /needs body element UnjoinServiceNonCritical/,
    );
    const bad =
      '<sr:UnjoinServiceNonCritical><sr:OtherDeviceID>nope</sr:OtherDeviceID></sr:UnjoinServiceNonCritical>';
    expect(problemsOf({ body: bad })[0]?.path).toBe(
      'sr:Request/sr:Body/sr:UnjoinServiceNonCritical/sr:OtherDeviceID',
    );
    expect(problemsOf({ body: '' })[0]?.message).toMatch(/exactly one SRV element, found 0/);
    expect(problemsOf({ body: wrong + wrong })[0]?.message).toMatch(/found 2/);
  });

  it('checks header element order and presence', () => {
    const swapped = xmlRequest().replace(
      /(<sr:CommandVariant>.*<\/sr:CommandVariant>)(\s*)(<sr:ServiceReference>.*<\/sr:ServiceReference>)/,
      '$3$2$1',
    );
    const result = parseServiceRequestXml(swapped);
    expect(result.ok ? [] : result.problems.map((p) => p.message).join(' ')).toMatch(
      /out of order/,
    );
    const missing = xmlRequest().replace(/<sr:CommandVariant>.*<\/sr:CommandVariant>/, '');
    expect(parseServiceRequestXml(missing)).toMatchObject({
      ok: false,
      problems: [{ path: `${H}/sr:CommandVariant`, message: 'CommandVariant is missing' }],
    });
    expect(
      problemsOf({ headerExtra: '<sr:FirstInSequence>maybe</sr:FirstInSequence>' })[0]?.message,
    ).toMatch(/true or false/);
  });

  it('requires schemaVersion and accepts only known versions', () => {
    expect(problemsOf({ schemaVersion: '' })[0]).toEqual({
      path: 'sr:Request/@schemaVersion',
      message: 'the schemaVersion attribute is required',
    });
    expect(problemsOf({ schemaVersion: 'schemaVersion="4.0"' })[0]?.message).toMatch(
      /supported versions: 5.1, 5.2, 5.3, 5.4/,
    );
    // xs:decimal: 5.10 is the same number as 5.1.
    expect(problemsOf({ schemaVersion: 'schemaVersion="5.10"' })).toEqual([]);
    expect(problemsOf({ schemaVersion: 'schemaVersion="5.3"' })).toEqual([]);
  });

  it('refuses the wrong root, namespace, extra elements and a misplaced signature', () => {
    const wrongNs = xmlRequest().replaceAll(
      'http://www.dccinterface.co.uk/ServiceUserGateway',
      'urn:other',
    );
    expect(parseServiceRequestXml(wrongNs)).toMatchObject({
      ok: false,
      problems: [{ path: '(document)' }],
    });
    const extra = xmlRequest().replace('</sr:Request>', '<sr:Extra/></sr:Request>');
    expect(parseServiceRequestXml(extra)).toMatchObject({
      ok: false,
      problems: [{ path: 'sr:Request/sr:Extra' }],
    });
  });

  it('reports the signer named by an enveloped signature, and a signature without one', () => {
    const sig = (inner: string) =>
      `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${inner}</ds:Signature></sr:Request>`;
    const named = sig(
      '<ds:KeyInfo><ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>CN=Z1, OU=07</ds:X509IssuerName><ds:X509SerialNumber>0123</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data></ds:KeyInfo>',
    );
    const result = parseServiceRequestXml(xmlRequest().replace('</sr:Request>', named));
    expect(result).toMatchObject({
      ok: true,
      request: { signer: { issuer: 'CN=Z1, OU=07', serial: '123' } },
    });
    const anonymous = parseServiceRequestXml(xmlRequest().replace('</sr:Request>', sig('')));
    expect(anonymous).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/X509IssuerSerial/) as string }],
    });
  });
});
