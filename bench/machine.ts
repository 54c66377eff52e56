// The machine's own limits, measured in the same run as the benchmarks they sit beside.
import { randomFillSync } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';

/** Sequential write rate of the disk under `dir`, in bytes per second, including the final fsync. */
export async function diskSequentialWrite(
  dir: string,
  totalBytes = 512 * 2 ** 20,
): Promise<number> {
  const file = path.join(dir, `.bench-seq-${process.pid}`);
  const chunk = randomFillSync(Buffer.alloc(4 * 2 ** 20));
  const handle = await open(file, 'w');
  const started = performance.now();
  try {
    for (let written = 0; written < totalBytes; written += chunk.length) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const seconds = (performance.now() - started) / 1000;
  await rm(file, { force: true });
  return totalBytes / seconds;
}

/** Group-commit limit of the disk: small writes each followed by fsync, per second. */
export async function diskFsyncRate(dir: string, seconds = 2): Promise<number> {
  const file = path.join(dir, `.bench-fsync-${process.pid}`);
  const handle = await open(file, 'w');
  const record = Buffer.alloc(512, 1);
  let count = 0;
  const until = performance.now() + seconds * 1000;
  try {
    while (performance.now() < until) {
      await handle.write(record);
      await handle.datasync();
      count += 1;
    }
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
  return count / seconds;
}
