// Reads bundled JSON data files, reporting where a broken file breaks (line and column).
import { readFileSync } from 'node:fs';
import { DataFileError } from './errors.ts';

/** True when the text cut at `length` is valid JSON or fails only because it ends early. */
function parsesSoFar(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return true;
  } catch (error) {
    const message = String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    if (position !== undefined) return Number(position) >= length;
    return /Unexpected end|Unterminated string/.test(message);
  }
}

/** Line and column of the first character that makes the JSON invalid, found by bisection. */
function errorPlace(text: string): string {
  let good = 0;
  let bad = text.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (parsesSoFar(text, middle)) good = middle;
    else bad = middle;
  }
  const before = text.slice(0, bad - 1);
  const line = before.split('\n').length;
  const column = bad - 1 - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Reads and parses a JSON data file; a DataFileError names the file and the place it breaks. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new DataFileError(file, [problem], { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = errorPlace(text);
    throw new DataFileError(file, [`not valid JSON at ${where}: ${message}`], { cause: error });
  }
}
