/**
 * The writer's own corpus (issue 16, item 4): folders of the writer's essays (`wenfeng.corpus.paths`,
 * `corpus.paths` in `.wenfeng.json`, `--corpus` on the command line) indexed into a corpus model of their own,
 * which {@link mergeModels} mixes with the default model for completions, the overused-phrase norms and every
 * other reader of the model.
 *
 * Indexing reads every Markdown, text and essay file under the folders (hidden folders and node_modules are
 * not entered), skips with a reason what it cannot use (binary, larger than {@link MAX_CORPUS_FILE_BYTES},
 * unreadable, another kind of file), and caches the built model on disk under a key made of the files'
 * contents only (their SHA-256, sorted), so a renamed or moved essay hits the cache and an edited one misses.
 * Files are segmented one at a time between yields to the event loop, so that the server keeps answering
 * while it indexes; segmentations are remembered by content for the next index of the same process.
 *
 * The mixture, with λ the user corpus's weight, λ = {@link USER_WEIGHT_MAX} × t / (t + {@link USER_HALF_TOKENS})
 * for a user corpus of t Han tokens (0.25 at 2,000 tokens, about three essays; 0.42 at 10,000):
 * - completions: p(w | h) = (1 − λ_h) p_default(w | h) + λ_h p_user(w | h), over the candidates of both models, where
 *   λ_h = max(λ, {@link USER_CONTEXT_MAX} × d / (d + {@link USER_CONTEXT_HALF})) and d is the number of the writer's
 *   documents holding the context's last two words: where the writer has a habit of their own (以滴水穿石的 in every
 *   essay), their continuation leads even when their corpus is small; elsewhere the default model keeps its weight;
 * - counts (word occurrences and documents, bigram documents, tokens, documents): the default's plus the
 *   user's scaled so that the user corpus is a share λ of the merged tokens. A ratio of counts (a phrase's
 *   burstiness, its rate per token) then moves from the default's towards the user's by about λ.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildModel, loadModel, type ModelFile } from '../analysis/model/corpus';
import type { LmOptions } from '../analysis/model/lm';
import type { CorpusModel, Segmenter } from '../analysis/types';
import { FileError, readRegularFile } from '../shared/files';

/** Largest file read into the corpus (2 MB: some 700,000 characters, far more than any essay). */
export const MAX_CORPUS_FILE_BYTES = 2 * 1024 * 1024;
/** Most files indexed; the rest are skipped with a reason. */
export const MAX_CORPUS_FILES = 20000;
/** Extensions of the files indexed (lower case). */
export const CORPUS_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.markdown', '.txt', '.text', '.essay', '.wf']);
/** Weight of a large user corpus in the mixture. */
export const USER_WEIGHT_MAX = 0.5;
/** Han tokens at which the user corpus has half of {@link USER_WEIGHT_MAX}. */
export const USER_HALF_TOKENS = 2000;
/** Weight of the user model, at most, in a context many of the writer's documents hold. */
export const USER_CONTEXT_MAX = 0.6;
/** Documents of the writer holding a context at which its weight is half of {@link USER_CONTEXT_MAX}. */
export const USER_CONTEXT_HALF = 2;
/** Bumped whenever the cached form or the way it is built changes. */
const CACHE_FORMAT = 1;
/**
 * The user's completion model keeps more than the default's: a small corpus has few repeats, and a phrase
 * only the writer uses must survive (the default model prunes for size; a user corpus is small). Words and
 * trigrams seen once are kept; bigrams need a continuation count of 2 (with 1, buildLm as it stands loses
 * the trigram contexts: 滴水穿石 的 → 韧劲 then falls back to the unigrams).
 */
export const USER_LM_OPTIONS: LmOptions = { order: 3, minCount: [1, 2, 1], minContext: [1, 1, 1], cap: [1e9, 24, 8], singles: false, singleMinShorter: 1 };

/** A file left out of the corpus and why (a localised line, without the path). */
export interface CorpusSkip {
  file: string;
  reason: string;
}

/** What an index run found. */
export interface CorpusSummary {
  folders: string[];
  /** Files read into the model. */
  files: number;
  skipped: CorpusSkip[];
  /** Han tokens and documents of the user model (0 when no file was read). */
  tokens: number;
  documents: number;
  /** True when the model came from the disk cache. */
  cached: boolean;
  /** The content key of the model (empty when nothing was read). */
  key: string;
  /** The user corpus's weight in the mixture. */
  weight: number;
}

/**
 * Progress of an index run: files done of the total and the file being segmented; without a file, `building`
 * says the model is being built from the segmented files, otherwise the run is over.
 */
export type CorpusProgress = (done: number, total: number, file?: string, building?: boolean) => void;

/** The weight of a user corpus of `tokens` Han tokens in the mixture. */
export function userWeight(tokens: number): number {
  return tokens <= 0 ? 0 : (USER_WEIGHT_MAX * tokens) / (tokens + USER_HALF_TOKENS);
}

/**
 * The default model mixed with the user's (see the file comment); the user's alone when there is no default.
 * `weight` is λ, the user model's share.
 */
export function mergeModels(base: CorpusModel | undefined, user: CorpusModel, weight: number): CorpusModel {
  if (!base) {
    return user;
  }
  const lambda = Math.min(1, Math.max(0, weight));
  // The user counts, scaled so that the user corpus is a share λ of the merged tokens.
  const scale = user.tokenCount > 0 && lambda < 1 ? (lambda / (1 - lambda)) * (base.tokenCount / user.tokenCount) : 0;
  const weightIn = (history: readonly string[]): number => {
    const n = history.length;
    const d = n >= 2 ? user.bigramDocuments(history[n - 2]!, history[n - 1]!) : 0;
    return d > 0 ? Math.max(lambda, (USER_CONTEXT_MAX * d) / (d + USER_CONTEXT_HALF)) : lambda;
  };
  const mix = (history: readonly string[], word: string, pb?: number, pu?: number, w = weightIn(history)): number =>
    (1 - w) * (pb ?? base.probability(history, word)) + w * (pu ?? user.probability(history, word));
  return {
    tokenCount: base.tokenCount + scale * user.tokenCount,
    documents: base.documents + scale * user.documents,
    bigramNorm: base.bigramNorm,
    wordCount: (w) => base.wordCount(w) + scale * user.wordCount(w),
    documentCount: (w) => base.documentCount(w) + scale * user.documentCount(w),
    bigramDocuments: (a, b) => base.bigramDocuments(a, b) + scale * user.bigramDocuments(a, b),
    probability: (history, word) => mix(history, word),
    predict(history, limit, breadth) {
      const fromBase = base.predict(history, limit, breadth);
      const fromUser = user.predict(history, limit, breadth);
      const pb = new Map(fromBase.map((x) => [x.word, x.p]));
      const pu = new Map(fromUser.map((x) => [x.word, x.p]));
      const words = new Set([...pb.keys(), ...pu.keys()]);
      const w = weightIn(history);
      return [...words]
        .map((word) => ({ word, p: mix(history, word, pb.get(word), pu.get(word), w) }))
        .sort((a, b) => b.p - a.p || (a.word < b.word ? -1 : 1))
        .slice(0, limit);
    },
    wordsWithPrefix(prefix, limit) {
      const words = new Set([...base.wordsWithPrefix(prefix, limit), ...user.wordsWithPrefix(prefix, limit)].map((x) => x.word));
      return [...words]
        .map((word) => ({ word, count: base.wordCount(word) + scale * user.wordCount(word) }))
        .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : 1))
        .slice(0, limit);
    },
  };
}

/** The folder the CLI caches user models in when no other is given. */
export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'wenfeng');
}

/** A corpus path as written in settings: `~` is the home folder; a relative path is taken from `base`. */
export function resolveCorpusPath(p: string, base: string | undefined): string {
  const home = p === '~' || p.startsWith('~/') || p.startsWith('~\\') ? path.join(os.homedir(), p.slice(1)) : p;
  return path.isAbsolute(home) || !base ? path.resolve(home) : path.resolve(base, home);
}

interface Listed {
  files: string[];
  skipped: CorpusSkip[];
}

/** The corpus files under the folders, sorted, each once; what is left out, with a reason. */
export function listCorpusFiles(folders: readonly string[]): Listed {
  const files = new Set<string>();
  const skipped: CorpusSkip[] = [];
  const visit = (dir: string, seen: Set<string>): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(dir);
      if (seen.has(real)) {
        return;
      }
      seen.add(real);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: dir, reason: describe(e) });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          skipped.push({ file: full, reason: describe(err) });
          continue;
        }
      }
      if (isDir) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') {
          visit(full, seen);
        }
      } else if (!CORPUS_EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
        if (!e.name.startsWith('.')) {
          skipped.push({ file: full, reason: l10n.t('not a Markdown, text or essay file; skipped') });
        }
      } else if (!isFile) {
        skipped.push({ file: full, reason: l10n.t('not a regular file (a FIFO, device or socket); skipped') });
      } else if (files.size >= MAX_CORPUS_FILES) {
        skipped.push({ file: full, reason: l10n.t('more than {0} files in the corpus; skipped', MAX_CORPUS_FILES) });
      } else {
        files.add(full);
      }
    }
  };
  for (const folder of folders) {
    let st: fs.Stats;
    try {
      st = fs.statSync(folder);
    } catch (e) {
      skipped.push({ file: folder, reason: describe(e) });
      continue;
    }
    if (st.isDirectory()) {
      visit(folder, new Set());
    } else if (st.isFile() && CORPUS_EXTENSIONS.has(path.extname(folder).toLowerCase())) {
      files.add(path.resolve(folder));
    } else {
      skipped.push({ file: folder, reason: l10n.t('not a folder or a Markdown, text or essay file; skipped') });
    }
  }
  return { files: [...files].sort(), skipped };
}

function describe(e: unknown): string {
  if (e instanceof FileError) {
    return e.message;
  }
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return l10n.t('no such file (or a broken symbolic link)');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return l10n.t('permission denied');
  }
  return l10n.t('cannot be read ({0})', code ?? (e as Error).message);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a corpus file, or the reason it is skipped. */
export function readCorpusFile(file: string, maxBytes = MAX_CORPUS_FILE_BYTES): { text: string; hash: string } | { reason: string } {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, maxBytes);
  } catch (e) {
    return { reason: describe(e) };
  }
  if (bytes.includes(0)) {
    return { reason: l10n.t('binary (holds NUL bytes); skipped') };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { reason: l10n.t('not UTF-8 text; skipped') };
  }
  return { text: text.replace(/^\uFEFF/, ''), hash: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** The cache key of a corpus: its files' content hashes, whatever their names and order. */
export function corpusKey(hashes: readonly string[]): string {
  const h = crypto.createHash('sha256');
  h.update(`wenfeng-user-corpus ${CACHE_FORMAT} ${JSON.stringify(USER_LM_OPTIONS)}\n`);
  for (const x of [...hashes].sort()) {
    h.update(`${x}\n`);
  }
  return h.digest('hex').slice(0, 32);
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Cached models kept on disk: the most recently used ones. Every edit of an essay of the corpus makes a new key,
 * so without a bound the cache would grow with each saved edit.
 */
export const CACHE_KEEP = 8;

/** A temporary file of an interrupted write is removed once this old (ms). */
const STALE_TMP_MS = 60 * 60 * 1000;

/** Builds and caches user models; one per host process (the server, a CLI run). */
export class UserCorpusIndexer {
  /** Segmentations of lines already seen by this process, by file content hash: re-indexing after an edit segments only the edited file. */
  private readonly segmented = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly segmenter: Segmenter,
    /** Folder of the disk cache (created when needed); none: no disk cache. */
    private readonly cacheDir: string | undefined,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  private cacheFile(key: string): string | undefined {
    return this.cacheDir ? path.join(this.cacheDir, 'user-corpus', `${key}.json`) : undefined;
  }

  private readCache(key: string): ModelFile | undefined {
    const file = this.cacheFile(key);
    if (!file || !fs.existsSync(file)) {
      return undefined;
    }
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as ModelFile;
      loadModel(data);
      // Used now: the modification time orders the entries for pruning.
      const now = new Date();
      fs.utimesSync(file, now, now);
      return data;
    } catch (e) {
      this.log(`wenfeng: ignored the corpus cache ${file}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private writeCache(key: string, data: ModelFile): void {
    const file = this.cacheFile(key);
    if (!file) {
      return;
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, file);
    } catch (e) {
      this.log(`wenfeng: could not write the corpus cache ${file}: ${(e as Error).message}`);
      return;
    }
    this.prune(path.dirname(file), file);
  }

  /**
   * Removes all but the CACHE_KEEP most recently used models of the cache folder (never `keep`, the one just
   * written) and temporary files of writes interrupted over an hour ago. Files of other names are left alone.
   */
  private prune(dir: string, keep: string): void {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    const now = Date.now();
    const models: Array<{ file: string; mtime: number }> = [];
    for (const name of names) {
      const file = path.join(dir, name);
      let mtime: number;
      try {
        mtime = fs.statSync(file).mtimeMs;
      } catch {
        continue;
      }
      if (/^[0-9a-f]{32}\.json$/.test(name)) {
        models.push({ file, mtime: file === keep ? Infinity : mtime });
      } else if (/^[0-9a-f]{32}\.json\.\d+\.tmp$/.test(name) && now - mtime > STALE_TMP_MS) {
        this.remove(file);
      }
    }
    models.sort((a, b) => b.mtime - a.mtime);
    for (const m of models.slice(CACHE_KEEP)) {
      this.remove(m.file);
    }
  }

  private remove(file: string): void {
    try {
      fs.rmSync(file, { force: true });
    } catch (e) {
      this.log(`wenfeng: could not remove the old corpus cache ${file}: ${(e as Error).message}`);
    }
  }

  /**
   * Indexes the folders: the user model (undefined when no file could be read) and a summary. `cancelled`
   * is polled between files; a cancelled run returns undefined.
   */
  async index(folders: readonly string[], progress?: CorpusProgress, cancelled?: () => boolean): Promise<{ model: CorpusModel | undefined; summary: CorpusSummary } | undefined> {
    const listed = listCorpusFiles(folders);
    const skipped = [...listed.skipped];
    const texts: Array<{ text: string; hash: string }> = [];
    const total = listed.files.length;
    // Reading and hashing is quick; segmenting is the work, and only a cache miss does it.
    for (const file of listed.files) {
      const r = readCorpusFile(file);
      if ('reason' in r) {
        skipped.push({ file, reason: r.reason });
      } else if (!/\p{Script=Han}/u.test(r.text)) {
        skipped.push({ file, reason: l10n.t('no Chinese text; skipped') });
      } else {
        texts.push(r);
      }
    }
    for (const s of skipped) {
      this.log(`wenfeng: corpus: skipped ${s.file}: ${s.reason}`);
    }
    const summary: CorpusSummary = { folders: [...folders], files: texts.length, skipped, tokens: 0, documents: 0, cached: false, key: '', weight: 0 };
    if (texts.length === 0) {
      progress?.(total, total);
      return { model: undefined, summary };
    }
    const key = corpusKey(texts.map((t) => t.hash));
    summary.key = key;
    let data = this.readCache(key);
    if (data) {
      summary.cached = true;
    } else {
      const memo = new Map<string, string[]>();
      let done = total - texts.length;
      for (const [i, t] of texts.entries()) {
        if (cancelled?.()) {
          return undefined;
        }
        progress?.(done, total, listed.files[i]);
        let lines = this.segmented.get(t.hash);
        if (!lines) {
          lines = new Map();
          for (const line of t.text.split(/\r?\n/)) {
            if (!lines.has(line)) {
              lines.set(line, this.segmenter.cut(line));
            }
          }
          this.segmented.set(t.hash, lines);
        }
        for (const [line, words] of lines) {
          memo.set(line, words);
        }
        done++;
        await yieldToLoop();
      }
      progress?.(total, total, undefined, true);
      await yieldToLoop();
      // The model from the segmentations just made: a segmenter that answers from them.
      const remembered: Segmenter = {
        cut: (text) => memo.get(text) ?? this.segmenter.cut(text),
        hasWord: (w) => this.segmenter.hasWord(w),
        frequency: (w) => this.segmenter.frequency(w),
        tagOf: (w) => this.segmenter.tagOf(w),
      };
      data = buildModel(
        texts.map((t) => t.text),
        remembered,
        USER_LM_OPTIONS,
      );
      // Forget segmentations of files no longer in the corpus.
      const live = new Set(texts.map((t) => t.hash));
      for (const h of this.segmented.keys()) {
        if (!live.has(h)) {
          this.segmented.delete(h);
        }
      }
      this.writeCache(key, data);
    }
    progress?.(total, total);
    summary.tokens = data.tokenCount;
    summary.documents = data.documents;
    summary.weight = userWeight(data.tokenCount);
    return { model: loadModel(data), summary };
  }
}
