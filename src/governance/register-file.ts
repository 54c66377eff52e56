// Where a data directory keeps its own copy of the register, and the rules that follow from it.
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRulesInForce, type RulesInForce } from '../rules/index.ts';
import { DEFAULT_REGISTER_PATH, loadRegister } from './load-register.ts';
import { rulesFromRegister } from './rules-from-register.ts';
import type { Register } from './schema.ts';

/** The register file of a data directory (written by `governance advance`). */
export function registerFileOf(dataDir: string): string {
  return path.join(dataDir, 'governance', 'register.json');
}

/** The data directory's register if it has one, else the bundled register (7 February 2020 + MP141/176/178). */
export function loadRegisterFor(dataDir: string): Register {
  const own = registerFileOf(dataDir);
  return loadRegister(existsSync(own) ? own : DEFAULT_REGISTER_PATH);
}

/** Writes the register into the data directory, whole or not at all (temporary file, then rename). */
export async function saveRegisterFor(dataDir: string, register: Register): Promise<string> {
  const file = registerFileOf(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(register, null, 2)}\n`);
  await rename(temporary, file);
  return file;
}

/** The rules in force as the data directory's register decides them. */
export function rulesInForceFor(dataDir: string): RulesInForce {
  return createRulesInForce(rulesFromRegister(loadRegisterFor(dataDir)));
}
