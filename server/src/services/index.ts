/**
 * Builds the production services (jieba, OpenCC, pinyin, the corpus model) once per process. Shared by the server
 * and the CLI. The pinyin data and the model load on first use.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusModel, Services } from '../analysis/types';
import { compiledDataDirs, createJiebaSegmenter } from './jieba';
import { createOpenccConverter, SCRIPT_SETS, type ScriptSetsFile } from './opencc';
import { loadDefaultModel } from './model';
import { createPinyinIndex } from './pinyin';
import { mergeModels } from './user-corpus';

let shared: Services | undefined;
/** The writer's own corpus model and its weight (services/user-corpus.ts), mixed into the default model. */
let user: { model: CorpusModel; weight: number } | undefined;
/** The default model mixed with the user's, made on first read after each change. */
let merged: CorpusModel | undefined;

/** Sets (or, with undefined, removes) the writer's corpus model: `services.model` then reads the mixture. */
export function setUserModel(model: CorpusModel | undefined, weight = 0): void {
  user = model ? { model, weight } : undefined;
  merged = undefined;
}

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
    // The model loads when first read (the first analysis reads it; `convert` never does).
    let model: CorpusModel | undefined | null = null;
    shared = {
      segmenter,
      converter: createOpenccConverter(segmenter, readScriptSets),
      pinyin: createPinyinIndex(),
      get model(): CorpusModel | undefined {
        if (model === null) {
          model = loadDefaultModel();
        }
        if (user) {
          merged ??= mergeModels(model, user.model, user.weight);
          return merged;
        }
        return model;
      },
    };
  }
  return shared;
}
