// The opendsp command line: parses arguments, runs a command, maps errors to exit codes.
import { Command, CommanderError, Option } from 'commander';
import { InvalidValueError, OpendspError } from '../core/errors.ts';
import { createContext, type Context, type GlobalOptions } from './context.ts';
import { demoCommand } from './commands/demo.ts';
import { inventoryShowCommand, inventoryStatsCommand } from './commands/inventory.ts';
import { seedCommand, type SeedCommandOptions } from './commands/seed.ts';

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the CLI writes; tests pass their own. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Plain progress lines instead of a live bar (default: when stderr is not a terminal). */
  readonly plainProgress?: boolean;
}

const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function buildProgram(io: Io): Command {
  const program = new Command('opendsp')
    .description(
      'An open model of the GB smart metering Data Service Provider and the SEC change process.',
    )
    .option('--data-dir <dir>', 'data directory (default: $OPENDSP_DATA_DIR or ./data)')
    .option(
      '--database-url <url>',
      'PostgreSQL URL for the server profile (default: $OPENDSP_DATABASE_URL)',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        io.out(s.trimEnd());
      },
      writeErr: (s) => {
        io.err(s.trimEnd());
      },
    })
    .showHelpAfterError('(run with --help for usage)');
  const context = (): Context => createContext(program.opts<GlobalOptions>(), io);

  program
    .command('demo')
    .description('seed a demo estate in <data-dir>/demo and show what it holds')
    .action(() => demoCommand(context()));

  program
    .command('seed')
    .description('create a plausible, reproducible estate in the store')
    .requiredOption('--devices <n>', 'number of devices to create')
    .option('--seed <s>', 'random seed (same seed, same estate)', '1')
    .option('--as-of <date>', 'the estate as it stands at this date', '2026-01-01')
    .addOption(new Option('--fresh', 'replace an estate already in the data directory'))
    .action((options: SeedCommandOptions) => seedCommand(context(), options));

  const inventory = program.command('inventory').description('the Smart Metering Inventory');
  inventory
    .command('show')
    .description('show a device (by EUI-64 device ID) or a supply point (by MPAN core or MPRN)')
    .argument('<device-id|mpxn>')
    .option('--at <date>', 'show who held each role on this date (default: now)')
    .option('--json', 'print JSON')
    .action((key: string, options: { at?: string; json?: boolean }) =>
      inventoryShowCommand(context(), key, options),
    );
  inventory
    .command('stats')
    .description('summarise the estate')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => inventoryStatsCommand(context(), options));
  return program;
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof InvalidValueError) {
      io.err(`opendsp: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof OpendspError) {
      io.err(`opendsp: ${error.message}`);
      return EXIT.failed;
    }
    io.err(
      `opendsp: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.failed;
  }
}
