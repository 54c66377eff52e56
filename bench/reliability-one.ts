// Child process of the reliability bench: runs the kill harness on one engine, prints it as JSON.
//   reliability-one.ts ENGINE KILLS DEVICES USERS MIN_UP_MS MAX_UP_MS
import { runKillHarness } from '../test/support/kill-harness.ts';
import type { Engine } from '../src/store/index.ts';

const [engine = 'duckdb', kills = '20', devices = '2000', users = '8', minUp, maxUp] =
  process.argv.slice(2);
const report = await runKillHarness({
  engine: engine as Engine,
  kills: Number(kills),
  devices: Number(devices),
  users: Number(users),
  uptimeMs: [Number(minUp ?? '1000'), Number(maxUp ?? '4000')],
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(report)}\n`);
