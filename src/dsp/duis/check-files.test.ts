import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Eui64 } from '../../core/eui64.ts';
import { checkDuisFiles, renderCheckReport } from './check-files.ts';
import { dccAlertToXml, deviceAlertToXml, serviceResponseToXml } from './response-xml.ts';
import { jsonRequest, xmlRequest } from './test-requests.ts';

const SAMPLES = fileURLToPath(new URL('../../../test/fixtures/duis-samples/', import.meta.url));
const user = '90-B3-D5-1F-30-01-00-00' as Eui64;
const device = '00-DB-12-34-56-78-90-A4' as Eui64;
const at = new Date('2026-03-02T10:00:00.123Z');

describe('checkDuisFiles / renderCheckReport', () => {
  it('passes every real Smart DCC sample file: requests, responses, acknowledgement errors', async () => {
    const files = readdirSync(SAMPLES)
      .filter((f) => /\.xml$/i.test(f))
      .map((f) => join(SAMPLES, f));
    expect(files.length).toBeGreaterThanOrEqual(15);
    const results = await checkDuisFiles(files);
    const failed = results.filter((r) => !r.ok).map((r) => [r.file, r.problems]);
    expect(failed).toEqual([]);
    // Valid DUIS (the XSD takes any decimal), but older than the DSP accepts: a note, no failure.
    expect(results.flatMap((r) => r.notes ?? [])).toEqual([
      'schemaVersion 5.0: valid DUIS, but the DSP accepts only 5.1, 5.2, 5.3, 5.4',
    ]);
    const byName = (name: string) => results.find((r) => r.file.endsWith(name));
    expect(byName('dccboxed-signing-tool__readfw-response.xml')).toMatchObject({
      kind: 'response',
      summary: {
        requestId: '90-B3-D5-1F-30-01-00-00:88-73-84-57-00-2F-96-1E:1660751141087',
        responseId: '88-73-84-57-00-2F-96-1E:90-B3-D5-1F-30-01-00-00:1660751141087',
        responseCode: 'I0',
        srv: '11.2',
        bodyElement: 'GBCSPayload',
        signed: true,
        signer: { issuer: 'CN=Z1,OU=07', serial: '50669612984035780968362471400449834504' },
      },
    });
    expect(byName('acknowledgement-error.xml')).toMatchObject({
      kind: 'response',
      summary: { responseCode: 'E65', srv: '11.2', signed: false, schemaVersion: '5.1' },
    });
    expect(byName('read-inventory-response-5.4.xml')).toMatchObject({
      kind: 'response',
      summary: { srv: '8.2', bodyElement: 'DSPInventory', responseCode: 'I0' },
    });
    expect(byName('ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS-signed.XML')).toMatchObject({
      kind: 'request',
      summary: { srv: '4.1.1', commandVariant: 1, signed: true },
    });
    const report = renderCheckReport(results);
    expect(report).toContain('  Kind                     Service Response');
    expect(report).toContain('  ResponseCode             E65');
    expect(report).toContain(
      '  Signed                   yes, by issuer CN=Z1,OU=07 serial 50669612984035780968362471400449834504 (not verified here)',
    );
  });

  it("reads the DSP's own acknowledgements and alerts", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opendsp-duis-check-'));
    const requestId = { originator: user, target: device, counter: 7n };
    const files: Record<string, string> = {
      'ack.xml': serviceResponseToXml({
        kind: 'service-response',
        requestId,
        responseId: { originator: device, target: user, counter: 7n },
        responseCode: 'I99',
        at,
        serviceReference: '4.1',
        srv: '4.1.1',
      }),
      'n13.xml': dccAlertToXml({
        kind: 'dcc-alert',
        code: 'N13',
        at,
        recipient: user,
        requestId,
        payload: {
          element: 'CommandFailure',
          fields: { CommandRequestID: `${user}:${device}:7`, DeviceID: device },
        },
      }),
      'device-alert.xml': deviceAlertToXml({
        kind: 'device-alert',
        code: '8F35',
        at,
        recipient: user,
        deviceId: device,
        gbcsPayload: 'AAECAwQF',
      }),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const results = await checkDuisFiles(Object.keys(files).map((f) => join(dir, f)));
    expect(results.map((r) => [r.kind, r.ok, r.problems])).toEqual([
      ['acknowledgement', true, []],
      ['dcc-alert', true, []],
      ['device-alert', true, []],
    ]);
    expect(results[1]?.summary).toMatchObject({ alertCode: 'N13', bodyElement: 'CommandFailure' });
    expect(results[2]?.summary).toMatchObject({ alertCode: '8F35', responseCode: 'I0' });
  });

  it('prints every problem of bad files, schema ones with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opendsp-duis-check-'));
    const good = join(dir, 'good.xml');
    const json = join(dir, 'good.json');
    const bad = join(dir, 'bad.xml');
    const badResponse = join(dir, 'bad-response.xml');
    const notDuis = join(dir, 'other.xml');
    writeFileSync(good, xmlRequest());
    writeFileSync(json, JSON.stringify(jsonRequest()));
    writeFileSync(bad, xmlRequest({ cv: '9', srv: '8.8.9' }));
    writeFileSync(
      badResponse,
      serviceResponseToXml({
        kind: 'service-response',
        requestId: { originator: user, target: device, counter: 7n },
        responseId: { originator: device, target: user, counter: 8n },
        responseCode: 'I0',
        at,
        serviceReference: '4.1',
        srv: '11.2',
      }).replace('<sr:ResponseCode>I0', '\n<sr:ResponseCode>X9'),
    );
    writeFileSync(notDuis, '<html/>');
    const results = await checkDuisFiles([
      good,
      json,
      bad,
      badResponse,
      notDuis,
      join(dir, 'missing.xml'),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false, false, false]);
    expect(results[0]).toMatchObject({
      ok: true,
      kind: 'request',
      summary: {
        requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000',
        commandVariant: 1,
        srv: '8.8.2',
        bodyElement: 'UnjoinServiceNonCritical',
        format: 'xml',
        signed: false,
      },
    });
    const report = renderCheckReport(results);
    expect(report).toContain(`OK   ${good}`);
    expect(report).toContain('  ServiceReferenceVariant  8.8.2');
    expect(report).toContain(`FAIL ${bad}`);
    expect(report).toContain(
      '  sr:Request/sr:Header/sr:CommandVariant: Command Variant 9 is internal',
    );
    expect(report).toContain(
      '  sr:Request/sr:Header/sr:ServiceReferenceVariant: unknown Service Reference Variant "8.8.9"',
    );
    // The schema names the line; the catalogue checks name the element.
    expect(report).toMatch(
      / {2}line 7: Element 'sr:ServiceReferenceVariant': \[facet 'enumeration'\] The value '8\.8\.9' is not one of the \d+ values the XSD allows/,
    );
    expect(report).toMatch(
      /line 3: Element 'sr:ResponseCode': \[facet 'enumeration'\] The value 'X9' is not one of the \d+ values/,
    );
    expect(report).toContain('sr:Response/sr:Header/sr:ResponseCode: unknown response code X9');
    expect(report).toContain(
      'sr:Response/sr:Body/sr:ResponseMessage/sr:ServiceReference: SRV 11.2 belongs to Service Reference 11.2, not 4.1',
    );
    expect(report).toContain(`sr:Response/sr:Header/sr:ResponseID: expected ${device}:${user}:7`);
    expect(report).toContain('  Kind                     not a DUIS message');
    expect(report).toContain('(document): the root element must be Request, Response');
    expect(report).toContain('(file): cannot read the file');
    expect(report.trimEnd().split('\n').at(-1)).toBe('6 file(s) checked: 2 good, 4 with problems');
  });
});
