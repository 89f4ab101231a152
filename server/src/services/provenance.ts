/**
 * What the build compiled the runtime data from (dist/data/provenance.json). A packaged extension carries
 * only the compiled files (dictionary.bin, model.bin, script-sets.json) and this record, not their sources
 * (jieba's dict.txt, model.json): the loaders then check the compiled files against the record instead of
 * against the sources. Unbundled runs (tests, tools) still check against the sources themselves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** File name of the record in the data folder. */
export const PROVENANCE = 'provenance.json';

/** One source file the build read. */
export interface SourceRecord {
  /** Where it came from (a package and version, or a path of the repository). */
  origin: string;
  bytes: number;
  sha256: string;
}

/** The record the build writes. */
export interface Provenance {
  format: 1;
  /** jieba's dictionary (dict.txt of @node-rs/jieba). */
  dictionary: SourceRecord;
  /** The genre's user dictionary (server/data/userdict.txt; also shipped as dist/data/userdict.txt). */
  userDictionary: SourceRecord;
  /** The default corpus model (server/data/model.json) and the FNV-1a hash the compiled model records. */
  model: SourceRecord & { fnv1a: number; corpus: string };
  /** OpenCC's data, from which the script sets were derived. */
  opencc: { origin: string };
  /** pinyin-pro, from which the pinyin table was derived (the table also records the version it checks). */
  pinyin?: { origin: string };
}

/** Reads the record of a data folder; undefined when there is none or it is not one. */
export function readProvenance(dir: string): Provenance | undefined {
  const file = path.join(dir, PROVENANCE);
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 1_000_000) {
      return undefined;
    }
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Provenance>;
    if (data.format !== 1 || typeof data.dictionary?.bytes !== 'number' || typeof data.model?.bytes !== 'number' || typeof data.model.fnv1a !== 'number') {
      return undefined;
    }
    return data as Provenance;
  } catch {
    return undefined;
  }
}
