/**
 * Loads the embedded default corpus model (dist/data/model.json, built from ../shared/corpus by
 * `npm run build-model`) once, lazily.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel } from '../analysis/model/corpus';
import type { CorpusModel } from '../analysis/types';
import { dataDir } from './jieba';

/** Reads and parses a model file; throws an Error naming the file when it is missing or malformed. */
export function readModelFile(file: string): CorpusModel {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
  try {
    return loadModel(data);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** The default model, or undefined when the data folder has none. */
export function loadDefaultModel(): CorpusModel | undefined {
  const file = path.join(dataDir(), 'model.json');
  return fs.existsSync(file) ? readModelFile(file) : undefined;
}
