/**
 * Loads the embedded default corpus model (server/data/model.json, built from server/data/corpus by
 * `npm run build-model`; the bundle carries only its compiled form, dist/data/model.bin) once, lazily.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileModel, loadCompiledModel } from '../analysis/model/compiled';
import { loadModel, type ModelFile } from '../analysis/model/corpus';
import type { CorpusModel } from '../analysis/types';
import { compiledDataDirs, dataDir } from './jieba';
import { readProvenance } from './provenance';

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

/** File name of the compiled default model, next to model.json (see esbuild.mjs). */
export const COMPILED_MODEL = 'model.bin';

/** FNV-1a over bytes: identifies the model.json a compiled model was made from. */
export function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < bytes.length; i++) {
    h = Math.imul(h ^ bytes[i]!, 16777619);
  }
  return h >>> 0;
}

/** Writes the compiled form of a model file (called by the build); nothing when it cannot be compiled. */
export function writeCompiledModel(jsonFile: string, outFile: string): void {
  const bytes = fs.readFileSync(jsonFile);
  const compiled = compileModel(JSON.parse(bytes.toString('utf8')) as ModelFile, bytes.length, hashBytes(bytes));
  if (compiled) {
    fs.writeFileSync(outFile, compiled);
  } else if (fs.existsSync(outFile)) {
    fs.rmSync(outFile);
  }
}

/**
 * The default model, or undefined when the data folder has none: its compiled form when that matches
 * model.json, or, where model.json is not shipped (the packaged extension), the build's record of it.
 */
export function loadDefaultModel(): CorpusModel | undefined {
  const file = path.join(dataDir(), 'model.json');
  if (!fs.existsSync(file)) {
    for (const folder of compiledDataDirs()) {
      const record = readProvenance(folder);
      const compiled = path.join(folder, COMPILED_MODEL);
      if (record && fs.existsSync(compiled)) {
        let bytes: Uint8Array = fs.readFileSync(compiled);
        if (bytes.byteOffset % 8 !== 0) {
          bytes = new Uint8Array(bytes);
        }
        const model = loadCompiledModel(bytes, record.model.bytes, record.model.fnv1a);
        if (model) {
          return model;
        }
      }
    }
    return undefined;
  }
  let source: Buffer | undefined;
  for (const compiled of compiledDataDirs().map((d) => path.join(d, COMPILED_MODEL))) {
    if (fs.existsSync(compiled)) {
      source ??= fs.readFileSync(file);
      let bytes: Uint8Array = fs.readFileSync(compiled);
      if (bytes.byteOffset % 8 !== 0) {
        bytes = new Uint8Array(bytes);
      }
      const model = loadCompiledModel(bytes, source.length, hashBytes(source));
      if (model) {
        return model;
      }
    }
  }
  return readModelFile(file);
}
