// Progress reporting for long CLI jobs: a live bar on a terminal, sparse lines otherwise.
import cliProgress from 'cli-progress';

/** Reports progress of one job. */
export interface Progress {
  /** Sets how much is done (same unit as the total). */
  update(done: number): void;
  /** Ends the bar; further updates are ignored. */
  stop(): void;
}

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  readonly unit: string;
  readonly stream?: NodeJS.WriteStream;
  /** Force the plain-line form (used by tests and when output is not a terminal). */
  readonly plain?: boolean;
  /** Where plain lines go (default: the stream). */
  readonly write?: (line: string) => void;
}

/** Starts a progress display on stderr. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  if (!options.plain && stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {rate}/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(options.total, 0, { rate: 0 });
    return {
      update(done) {
        const seconds = (performance.now() - started) / 1000;
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
      },
      stop: () => {
        bar.stop();
      },
    };
  }
  const write = options.write ?? ((line: string) => stream.write(`${line}\n`));
  let shownTenths = 0;
  let stopped = false;
  return {
    update(done) {
      if (stopped || options.total <= 0) return;
      const tenths = Math.min(10, Math.floor((done * 10) / options.total));
      if (tenths > shownTenths) {
        shownTenths = tenths;
        write(`${options.label}: ${tenths * 10}% (${done}/${options.total} ${options.unit})`);
      }
    },
    stop() {
      stopped = true;
    },
  };
}
