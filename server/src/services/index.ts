/**
 * Builds the production services (jieba, OpenCC, pinyin) once per process. Shared by the server and the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Services } from '../analysis/types';
import { compiledDataDirs, createJiebaSegmenter } from './jieba';
import { createOpenccConverter, SCRIPT_SETS, type ScriptSetsFile } from './opencc';
import { loadDefaultModel } from './model';
import { createPinyinIndex } from './pinyin';

let shared: Services | undefined;

/** The derived script sets next to the bundle, if the build wrote them. */
function readScriptSets(): ScriptSetsFile | undefined {
  for (const file of compiledDataDirs().map((d) => path.join(d, SCRIPT_SETS))) {
    try {
      if (fs.existsSync(file)) {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as ScriptSetsFile;
      }
    } catch {
      // Unreadable: derive the sets instead.
    }
  }
  return undefined;
}

/** The process's services, created on first use. */
export function getServices(): Services {
  if (!shared) {
    const segmenter = createJiebaSegmenter();
    const model = loadDefaultModel();
    shared = { segmenter, converter: createOpenccConverter(segmenter, readScriptSets), pinyin: createPinyinIndex(), ...(model ? { model } : {}) };
  }
  return shared;
}
