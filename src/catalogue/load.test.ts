import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../core/errors.ts';
import { DEFAULT_CATALOGUE_PATH, loadCatalogue } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'opendsp-catalogue-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { srvs: Record<string, unknown>[] };
const bundled = (): Json => JSON.parse(readFileSync(DEFAULT_CATALOGUE_PATH, 'utf8')) as Json;

let count = 0;
function write(content: string): string {
  const file = join(dir, `catalogue-${++count}.json`);
  writeFileSync(file, content);
  return file;
}

function failure(file: string): DataFileError {
  try {
    loadCatalogue(file);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error(`${file} loaded without error`);
}

function indexOf(data: Json, srv: string): number {
  return data.srvs.findIndex((s) => s['srv'] === srv);
}

function indexOfReason(refusals: readonly Record<string, unknown>[], reason: string): number {
  return refusals.findIndex((r) => r['reason'] === reason);
}

describe('loadCatalogue on bad files', () => {
  it('says when the file does not exist', () => {
    const file = join(dir, 'absent.json');
    const error = failure(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('the file does not exist');
  });

  it('gives line and column of invalid JSON', () => {
    const file = write('{\n  "version": "1",\n  "srvs": [,]\n}\n');
    const error = failure(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON at line 3, column 12/);
  });

  it('names both places of a duplicate SRV', () => {
    const data = bundled();
    const i = indexOf(data, '8.8.1');
    data.srvs.push(data.srvs[i]!);
    const file = write(JSON.stringify(data));
    const error = failure(file);
    expect(error.message).toContain(file);
    const last = data.srvs.length - 1;
    expect(error.problems).toContain(
      `srvs[${last}] (8.8.1).srv: duplicate "8.8.1", already at srvs[${i}] (8.8.1)`,
    );
  });

  it('names the entry and field of an unknown role', () => {
    const data = bundled();
    const i = indexOf(data, '8.8.2');
    data.srvs[i]!['eligibleRoles'] = ['ImportSupplier', 'Plumber'];
    const error = failure(write(JSON.stringify(data)));
    expect(error.message).toMatch(
      new RegExp(`srvs\\[${i}\\] \\(8\\.8\\.2\\)\\.eligibleRoles\\[1\\]: unknown role "Plumber"`),
    );
  });

  it('names the entry and field of a missing field', () => {
    const data = bundled();
    const i = indexOf(data, '4.1.1');
    delete data.srvs[i]!['critical'];
    const file = write(JSON.stringify(data));
    const error = failure(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([
      expect.stringMatching(/^srvs\[\d+\] \(4\.1\.1\)\.critical: is missing/),
    ]);
  });

  it('collects every problem, semantic ones included', () => {
    const data = bundled();
    const critical = data.srvs[indexOf(data, '1.1.1')]!;
    critical['commandVariants'] = [5];
    critical['serviceReference'] = '1.2';
    data.srvs[indexOf(data, '8.2')]!['targetDeviceTypes'] = ['Toaster'];
    const refusals = data['refusals'] as Record<string, unknown>[];
    refusals[indexOfReason(refusals, 'device-unknown')]!['code'] = 'E9999';
    const error = failure(write(JSON.stringify(data)));
    const text = error.problems.join('\n');
    expect(text).toMatch(
      /\(1\.1\.1\)\.commandVariants: a critical SRV must allow Command Variant 4/,
    );
    expect(text).toMatch(
      /\(1\.1\.1\)\.serviceReference: "1\.2" does not match the SRV prefix "1\.1"/,
    );
    expect(text).toMatch(/\(8\.2\)\.targetDeviceTypes\[0\]: unknown device type "Toaster"/);
    expect(text).toMatch(/refusals\[\d+\] \(device-unknown\)\.code: E9999 is not among/);
    expect(error.problems).toHaveLength(4);
  });
});
