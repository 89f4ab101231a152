/**
 * Builds the production services (jieba, OpenCC, pinyin) once per process. Shared by the server and the CLI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Services } from '../analysis/types';
import { createJiebaSegmenter, dataDir } from './jieba';
import { createOpenccConverter, SCRIPT_SETS, type ScriptSetsFile } from './opencc';
import { loadDefaultModel } from './model';
import { createPinyinIndex } from './pinyin';

let shared: Services | undefined;

/** The derived script sets next to the bundle, if the build wrote them. */
function readScriptSets(): ScriptSetsFile | undefined {
  const file = path.join(dataDir(), SCRIPT_SETS);
  try {
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ScriptSetsFile) : undefined;
  } catch {
    return undefined;
  }
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
