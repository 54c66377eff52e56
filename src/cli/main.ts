// The opendsp command line: parses arguments, runs a command, maps errors to exit codes.
import { Command, CommanderError, Option } from 'commander';
import { InvalidValueError, OpendspError } from '../core/errors.ts';
import { createContext, type Context, type GlobalOptions } from './context.ts';
import { demoCommand } from './commands/demo.ts';
import { inventoryShowCommand, inventoryStatsCommand } from './commands/inventory.ts';
import { duisCheckCommand } from './commands/duis.ts';
import { advanceCommand, listCommand, reportCommand, showCommand } from './commands/governance.ts';
import { seedCommand, type SeedCommandOptions } from './commands/seed.ts';
import { serveCommand, type ServeCommandOptions } from './commands/serve.ts';
import { analyticsCommand, type AnalyticsCommandOptions } from './commands/report.ts';
import { simulateCommand, type SimulateCommandOptions } from './commands/simulate.ts';
import { addAdminCommand, addPersonCommand, type AccountOptions } from './commands/ssi.ts';
import { addCertCommand, newCertCommand, type AddCertOptions } from './commands/users.ts';

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
  program
    .command('simulate')
    .description(
      "drive realistic traffic from the estate's Users through the DSP pipeline in process",
    )
    .option('--days <n>', 'simulated days', '30')
    .option('--rate <r>', 'Service Requests per device per day (GB average about 0.6)', '0.6')
    .option('--seed <s>', 'random seed (same seed, same traffic)', '1')
    .option('--from <date>', 'first simulated day', '2026-01-01')
    .action((options: SimulateCommandOptions) => simulateCommand(context(), options));

  program
    .command('serve')
    .description('run the DSP over HTTP: POST /duis, GET /users/:id/messages, /admin')
    .option('--port <port>', 'TCP port (0 picks a free one)', '8400')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--seed <s>', 'seed of the device simulation', '1')
    .action((options: ServeCommandOptions) => serveCommand(context(), options));

  const duis = program.command('duis').description('DUIS message tools');
  duis
    .command('check')
    .description('validate DUIS XML request files offline; print the header or every problem')
    .argument('<files...>')
    .action(async (files: string[]) => {
      if (!(await duisCheckCommand(context(), files))) throw new DuisCheckFailed();
    });

  const users = program.command('users').description('DCC Users and their signing certificates');
  users
    .command('add-cert')
    .description("register a User's ECDSA P-256 signing certificate (PEM) with the DSP")
    .requiredOption('--user-id <eui64>', 'the User ID the certificate signs for')
    .requiredOption('--role <role>', 'the User Role (e.g. ImportSupplier or IS)')
    .option('--server <url>', 'register through a running opendsp serve instead of the store')
    .argument('<file>')
    .action((file: string, options: AddCertOptions) => addCertCommand(context(), file, options));
  users
    .command('new-cert')
    .description('create a test key pair and self-signed certificate for a User')
    .requiredOption('--subject <dn>', 'distinguished name, e.g. "CN=Z1,OU=07"')
    .option('--out <dir>', 'directory to write the PEM files to', '.')
    .action((options: { subject: string; out: string }) => newCertCommand(context(), options));
  const governance = program.command('governance').description('the SEC Modification Register');
  governance
    .command('list')
    .description('proposals in the register, filtered by stage, path or text')
    .option('--stage <stage>', 'e.g. refinement, change-board, implemented')
    .option('--path <path>', 'e.g. Self-Governance, Authority-determined')
    .option('--text <text>', 'words in the reference, title, proposer or organisation')
    .action((options: { stage?: string; path?: string; text?: string }) => {
      listCommand(context(), options);
    });
  governance
    .command('show')
    .description('one proposal with its timeline of events')
    .argument('<id>', 'e.g. MP141, DP108, SECMP0007')
    .action((id: string) => {
      showCommand(context(), id);
    });
  governance
    .command('advance')
    .description('move a proposal one lifecycle step, refusing steps the SEC does not allow')
    .argument('<id>')
    .requiredOption('--to <stage>', 'the next stage')
    .requiredOption('--date <date>', 'the date of the step (YYYY-MM-DD)')
    .action((id: string, options: { to: string; date: string }) =>
      advanceCommand(context(), id, options),
    );
  governance
    .command('report')
    .description('the monthly Change Status Report')
    .requiredOption('--as-of <date>', 'the report date, e.g. 2020-02-07')
    .option('--format <format>', 'md, html or pdf (pdf needs --out)', 'md')
    .option('--out <file>', 'write to a file instead of printing')
    .action((options: { asOf: string; format: string; out?: string }) =>
      reportCommand(context(), options),
    );

  const report = program
    .command('report')
    .description('reports over the inventory and the audit trail');
  report
    .command('analytics')
    .description(
      'the monthly Customer Analytics Reports (MP176), CSV and PDF, per SEC Party and role',
    )
    .requiredOption('--month <YYYY-MM>', 'the reporting month (UK time)')
    .option(
      '--user <id>',
      'one DCC User ID (EUI-64) or SEC Party ID; default every reporting party',
    )
    .option('--out <dir>', 'where to write (default <data-dir>/reports, which the SSI serves)')
    .option(
      '--definitions <file>',
      'a metric definitions file (default the newest bundled version)',
    )
    .option('--incidents <file>', 'an incident register (default the bundled one)')
    .action((options: AnalyticsCommandOptions) => analyticsCommand(context(), options));

  const ssi = program.command('ssi').description('Self Service Interface accounts');
  ssi
    .command('add-admin')
    .description('create an organisation (SEC Party, by its party ID) and its first administrator')
    .requiredOption('--org <party-id>', 'the SEC Party ID its DCC Users carry, e.g. BWE')
    .requiredOption('--org-name <name>', 'the organisation name')
    .requiredOption('--name <name>', "the administrator's name")
    .requiredOption('--email <email>', "the administrator's email (the login)")
    .option(
      '--password-env <var>',
      'environment variable holding the password',
      'OPENDSP_SSI_PASSWORD',
    )
    .action((options: AccountOptions & { orgName: string }) => addAdminCommand(context(), options));
  ssi
    .command('add-person')
    .description('add a person with SSI roles to an organisation')
    .requiredOption('--org <party-id>', 'the organisation')
    .requiredOption('--name <name>', "the person's name")
    .requiredOption('--email <email>', "the person's email (the login)")
    .requiredOption(
      '--roles <roles>',
      'viewer, senior-responsible-officer, authorised-responsible-officer, organisation-administrator (comma separated)',
    )
    .option(
      '--password-env <var>',
      'environment variable holding the password',
      'OPENDSP_SSI_PASSWORD',
    )
    .action((options: AccountOptions & { roles: string }) => addPersonCommand(context(), options));
  return program;
}

/** `duis check` found invalid files (its report says which); exit code 1. */
class DuisCheckFailed extends Error {}

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
    if (error instanceof DuisCheckFailed) return EXIT.failed;
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
