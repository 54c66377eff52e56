import { describe, expect, it } from 'vitest';
import { parseServiceRequestJson } from './parse-request-json.ts';
import { parseServiceRequestXml } from './parse-request-xml.ts';
import { jsonRequest, xmlRequest } from './test-requests.ts';

const parse = (value: unknown) => parseServiceRequestJson(JSON.stringify(value));

describe('parseServiceRequestJson', () => {
  it('gives the same ServiceRequest as the XML form, apart from format and raw', () => {
    const json = parse(jsonRequest());
    const xml = parseServiceRequestXml(xmlRequest());
    if (!json.ok || !xml.ok) throw new Error('both should parse');
    expect({ ...json.request, raw: '', format: 'xml' }).toEqual({ ...xml.request, raw: '' });
    expect(json.request.format).toBe('json');
  });

  it('names problems by JSON path', () => {
    const request = jsonRequest();
    request.header['commandVariant'] = 9;
    request.header['requestId'] = 'nope';
    const result = parse(request);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      'header.requestId',
      'header.commandVariant',
    ]);
    const typed = jsonRequest();
    typed.header['commandVariant'] = '1';
    expect(parse(typed)).toMatchObject({
      ok: false,
      problems: [{ path: 'header.commandVariant' }],
    });
    const extra = { ...jsonRequest(), signature: 'x' };
    expect(parse(extra)).toMatchObject({ ok: false, problems: [{ path: '(message)' }] });
  });

  it('needs exactly one body element of the right name and a valid Other Device ID', () => {
    const two = jsonRequest();
    two.body['Other'] = {};
    expect(parse(two)).toMatchObject({
      ok: false,
      problems: [{ path: 'body', message: 'body must hold exactly one SRV element' }],
    });
    const bad = jsonRequest();
    bad.body = { UnjoinServiceNonCritical: { OtherDeviceID: 'x' } };
    expect(parse(bad)).toMatchObject({
      ok: false,
      problems: [{ path: 'body.UnjoinServiceNonCritical.OtherDeviceID' }],
    });
  });

  it('reads executionDateTime and refuses a bad one', () => {
    const request = { ...jsonRequest(), executionDateTime: '2030-01-15T09:00:00Z' };
    expect(parse(request)).toMatchObject({
      ok: true,
      request: { executionDateTime: new Date('2030-01-15T09:00:00Z') },
    });
    expect(parse({ ...request, executionDateTime: 'soon' })).toMatchObject({
      ok: false,
      problems: [{ path: 'executionDateTime' }],
    });
  });

  it('refuses invalid JSON and oversized bodies', () => {
    expect(parseServiceRequestJson('{"schemaVersion":')).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/not valid JSON/) as string }],
    });
    expect(parseServiceRequestJson(JSON.stringify(jsonRequest()), { maxBytes: 50 })).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/limit is 50 bytes/) as string }],
    });
  });
});
