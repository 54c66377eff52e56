// Report files an organisation may download: `<dataDir>/reports/<partyId>/`, written by `opendsp report`.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** One downloadable report file. */
export interface ReportFile {
  readonly name: string;
  readonly bytes: number;
  readonly modified: Date;
}

/** The folder holding a party's reports. */
export function reportFolder(dataDir: string, partyId: string): string {
  return path.join(dataDir, 'reports', encodeURIComponent(partyId));
}

/** A report file name is one plain name: no folders, no dot files. */
export function isReportName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(name) && !name.includes('..');
}

/** The party's report files, newest first; none when the folder does not exist. */
export async function listReports(dataDir: string, partyId: string): Promise<ReportFile[]> {
  const dir = reportFolder(dataDir, partyId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const files = await Promise.all(
    names.filter(isReportName).map(async (name) => {
      const info = await stat(path.join(dir, name));
      return info.isFile() ? { name, bytes: info.size, modified: info.mtime } : null;
    }),
  );
  return files
    .filter((f): f is ReportFile => f !== null)
    .sort((a, b) => b.modified.getTime() - a.modified.getTime() || a.name.localeCompare(b.name));
}

/** The path of one of the party's reports, or null when the name is not one of its files. */
export async function reportPath(
  dataDir: string,
  partyId: string,
  name: string,
): Promise<string | null> {
  if (!isReportName(name)) return null;
  const files = await listReports(dataDir, partyId);
  return files.some((f) => f.name === name)
    ? path.join(reportFolder(dataDir, partyId), name)
    : null;
}
