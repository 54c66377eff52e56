// Runs one bench script in a child process (its own event loop and heap) and reads its figures.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Node flags for a bench child: tsx, plus a CPU profile per child when OPENDSP_BENCH_PROFILE
 * names a directory (open the .cpuprofile files in Chrome DevTools or speedscope).
 */
export function childFlags(): string[] {
  const profileDir = process.env['OPENDSP_BENCH_PROFILE'];
  if (profileDir === undefined || profileDir === '') return ['--import', 'tsx'];
  mkdirSync(profileDir, { recursive: true });
  return ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)];
}

/** Path of a script beside this file. */
export const benchScript = (name: string): string => path.join(import.meta.dirname, name);

/** Runs `script args…` to completion and parses the last line of its stdout as JSON. */
export async function runJsonChild<T>(script: string, args: readonly string[]): Promise<T> {
  const { stdout } = await run(process.execPath, [...childFlags(), benchScript(script), ...args], {
    maxBuffer: 2 ** 24,
    env: process.env,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T;
}

/** A long-running child (a server) that announced itself with one JSON line. */
export interface RunningChild<T> {
  readonly ready: T;
  /** Sends SIGTERM and waits for the child to exit. */
  stop(): Promise<void>;
}

/** Starts `script args…` and resolves with the first JSON line it prints on stdout. */
export async function startJsonChild<T>(
  script: string,
  args: readonly string[],
): Promise<RunningChild<T>> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...childFlags(), benchScript(script), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const stdout = child.stdout;
  if (stdout === null) throw new Error(`${script}: no stdout`);
  const lines = createInterface({ input: stdout });
  const ready = await new Promise<T>((resolve, reject) => {
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line) as T);
      } catch (error) {
        reject(new Error(`${script} printed ${line.slice(0, 200)}`, { cause: error }));
      }
    });
    child.once('exit', (code) => {
      reject(new Error(`${script} exited with ${String(code)}`));
    });
  });
  return {
    ready,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
