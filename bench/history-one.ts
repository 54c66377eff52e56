// Child process of the bench: device-history latency on one engine, printed as JSON.
//   history-one.ts '{"engine":"duckdb","records":10000000}' (the HistoryOptions)
import { benchHistory, type HistoryOptions } from './history.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as HistoryOptions;
process.stdout.write(`${JSON.stringify(await benchHistory(options))}\n`);
