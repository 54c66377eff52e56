import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/index.ts';
import { DataFileError } from '../core/errors.ts';
import {
  DEFINITIONS_DIR,
  latestDefinitionsFile,
  loadDefinitions,
  parseDefinitions,
} from './definitions.ts';

const catalogue = loadCatalogue();
let dir: string;
let bundled: Record<string, unknown> & { metrics: Record<string, unknown>[] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-defs-'));
  bundled = JSON.parse(await readFile(latestDefinitionsFile(), 'utf8')) as typeof bundled;
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** The problems a variant of the bundled file is refused with. */
function problems(change: (file: typeof bundled) => void, name = '1.0.0.json'): readonly string[] {
  const copy = structuredClone(bundled);
  change(copy);
  try {
    parseDefinitions(copy, path.join(dir, name), catalogue);
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as DataFileError).problems;
  }
  throw new Error('the variant was accepted');
}

describe('metric definitions', () => {
  it('loads the bundled file: every Table 1 process, the derived measures and the alert metrics', () => {
    const defs = loadDefinitions(catalogue);
    expect(defs.version).toBe('1.0.0');
    expect(defs.metrics.filter((m) => m.kind === 'process').map((m) => m.name)).toEqual([
      'Install and Commission',
      'Change of Supplier (Gain)',
      'Change of Tenancy',
      'Tariff Updates',
      'Prepayment',
      'Security and Key Management',
      'Update Device Firmware',
      'Logistics (Communications Hub Ordering and Returns)',
      'Distribution Networks post-I&C Activity',
      'Meter Reads',
      'Read Registers',
      'Scheduling',
      'Read Device Information',
      'Maximum Demand',
      'Auxiliary Load',
      'Other SRVs',
    ]);
    expect(defs.metrics.filter((m) => m.kind === 'derived')).toHaveLength(5);
    expect(defs.metrics.filter((m) => m.kind === 'alert').map((m) => m.id)).toEqual([
      'alerts',
      'ed-n13-n55-by-device',
      'ed-n42-after-n16',
      'ed-unrestored-outages',
    ]);
  });

  it('refuses an unknown SRV, naming where it is', () => {
    expect(
      problems((f) => {
        (f.metrics[0] as { srvs: { srv: string }[] }).srvs[0]!.srv = '8.99';
      }),
    ).toEqual(['metrics[0].srvs[0].srv: unknown SRV 8.99 (not in the DUIS catalogue)']);
  });

  it('refuses a duplicate metric ID', () => {
    expect(
      problems((f) => {
        f.metrics[2]!['id'] = f.metrics[0]!['id'];
      }),
    ).toContain('metrics[2].id: duplicate metric ID install-and-commission (first at metrics[0])');
  });

  it('refuses a bad version and a version that does not match the file name', () => {
    expect(problems((f) => (f['version'] = '1.0'))).toContain(
      'version: expected a version such as "1.2.0"',
    );
    expect(problems((f) => (f['version'] = '1.0.1'))).toEqual([
      'version: 1.0.1 does not match the file name 1.0.0.json',
      'changes: the last entry must describe version 1.0.1',
    ]);
  });

  it('refuses unknown alert codes, fields, measures and process references', () => {
    expect(
      problems((f) => {
        const outage = f.metrics.find((m) => m['id'] === 'ed-unrestored-outages') as {
          params: { outage: string[] };
        };
        outage.params.outage = ['N1234'];
      }),
    ).toEqual([expect.stringMatching(/params\.outage\[0\]: unknown alert code N1234/)]);
    expect(problems((f) => (f.metrics[0]!['colour'] = 'red'))).toEqual([
      expect.stringMatching(/^metrics\[0\]: .*colour/),
    ]);
    expect(
      problems((f) => {
        f.metrics[1]!['process'] = 'no-such-process';
      }),
    ).toEqual(['metrics[1].process: no process metric no-such-process']);
  });

  it('reports a file that is not JSON with its line and column', async () => {
    const file = path.join(dir, '9.9.9.json');
    await writeFile(file, '{\n  "name": "x",\n  oops\n}');
    expect(() => loadDefinitions(catalogue, file)).toThrow(
      /9\.9\.9\.json is invalid:\n {2}- not valid JSON at line 3/,
    );
  });

  it('takes a new metric through the file alone: a new version, picked as the newest', async () => {
    const next = structuredClone(bundled);
    next['version'] = '1.1.0';
    (next['changes'] as unknown[]).push({
      version: '1.1.0',
      date: '2024-01-10',
      summary: 'Adds Decommissioning.',
    });
    next.metrics.push({
      kind: 'process',
      id: 'decommissioning',
      name: 'Decommissioning',
      roles: ['ImportSupplier', 'GasSupplier'],
      srvs: [{ srv: '8.3', label: 'Decommission Device' }],
    });
    const folder = path.join(dir, 'versions');
    await import('node:fs/promises').then((fs) => fs.mkdir(folder, { recursive: true }));
    await writeFile(path.join(folder, '1.0.0.json'), JSON.stringify(bundled));
    await writeFile(path.join(folder, '1.1.0.json'), JSON.stringify(next));
    const file = latestDefinitionsFile(folder);
    expect(path.basename(file)).toBe('1.1.0.json');
    const defs = loadDefinitions(catalogue, file);
    expect(defs.version).toBe('1.1.0');
    expect(defs.metrics.find((m) => m.id === 'decommissioning')?.name).toBe('Decommissioning');
    expect(latestDefinitionsFile(DEFINITIONS_DIR)).toMatch(/1\.0\.0\.json$/);
  });
});
