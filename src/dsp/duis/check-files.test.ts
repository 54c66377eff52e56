import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDuisFiles, renderCheckReport } from './check-files.ts';
import { jsonRequest, xmlRequest } from './test-requests.ts';

describe('checkDuisFiles / renderCheckReport', () => {
  it('prints the header of good files and every problem of bad ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opendsp-duis-check-'));
    const good = join(dir, 'good.xml');
    const json = join(dir, 'good.json');
    const bad = join(dir, 'bad.xml');
    writeFileSync(good, xmlRequest());
    writeFileSync(json, JSON.stringify(jsonRequest()));
    writeFileSync(bad, xmlRequest({ cv: '9', srv: '8.8.9' }));
    const results = await checkDuisFiles([good, json, bad, join(dir, 'missing.xml')]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, false]);
    expect(results[0]).toMatchObject({
      ok: true,
      header: {
        requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A4:1000',
        commandVariant: 1,
        srv: '8.8.2',
        bodyElement: 'UnjoinServiceNonCritical',
        format: 'xml',
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
    expect(report).toContain('(file): cannot read the file');
    expect(report.trimEnd().split('\n').at(-1)).toBe('4 file(s) checked: 2 good, 2 with problems');
  });
});
