/**
 * Builds the production services (jieba, OpenCC, pinyin) once per process. Shared by the server and the CLI.
 */
import type { Services } from '../analysis/types';
import { createJiebaSegmenter } from './jieba';
import { createOpenccConverter } from './opencc';
import { loadDefaultModel } from './model';
import { createPinyinIndex } from './pinyin';

let shared: Services | undefined;

/** The process's services, created on first use. */
export function getServices(): Services {
  if (!shared) {
    const segmenter = createJiebaSegmenter();
    const model = loadDefaultModel();
    shared = { segmenter, converter: createOpenccConverter(segmenter), pinyin: createPinyinIndex(), ...(model ? { model } : {}) };
  }
  return shared;
}
