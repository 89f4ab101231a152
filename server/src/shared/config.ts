/**
 * Turns Settings into the core's AnalysisConfig, and finds `.wenfeng.json` project files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, type Settings } from '../../../protocol/settings';
import type { AnalysisConfig, TextFormat } from '../analysis/types';

/** The core's configuration for a resource's settings. */
export function toAnalysisConfig(settings: Settings, only?: readonly string[]): AnalysisConfig {
  return {
    rules: settings.rules,
    script: settings.script,
    acceptedWords: settings.acceptedWords,
    ...(only && only.length > 0 ? { only } : {}),
  };
}

/** Input format from a file name or language id. */
export function formatOf(nameOrLanguage: string): TextFormat {
  return /(^markdown$|\.(md|markdown|mdx)$)/i.test(nameOrLanguage) ? 'markdown' : 'plaintext';
}

/** Nearest `.wenfeng.json` at or above a folder, or undefined. */
export function findProjectConfig(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, '.wenfeng.json');
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** Reads a `.wenfeng.json`: throws an Error with a readable message on bad JSON. */
export function readProjectConfig(file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  return normalizeSettings(raw);
}
