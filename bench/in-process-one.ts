// Child process of the bench: the in-process SRV throughput on one engine, printed as JSON.
//   in-process-one.ts '{"engine":"duckdb","devices":200000,…}' (the InProcessOptions)
import { benchInProcess, type InProcessOptions } from './in-process.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as InProcessOptions;
process.stdout.write(`${JSON.stringify(await benchInProcess(options))}\n`);
