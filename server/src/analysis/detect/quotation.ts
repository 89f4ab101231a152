/**
 * Repeated text that is not a careless repeat: quotations, source lines, list items quoting the text above,
 * labelled examples and commentary. Used by repetition/duplicate-paragraph and repetition/duplicate-sentence
 * (through ./duplicates.ts) and by repetition/overused-phrase, so that a repeat which is the page's own
 * structure is not reported.
 *
 * Read on the dev part of the corpus (test/fixtures/dev-gold/repetition.json): of 66 duplicate findings, the
 * false positives were, besides deliberate restatements, a model essay followed by a list that quotes its
 * sentences (1.解决我国日益复杂的水资源问题…), a commentary quoting the essay (分论点——…; “…”), a saying quoted
 * twice (“其身正，不令而行；其身不正，虽令不从。”), a source line under several quotations (——习近平《摆脱贫困》),
 * and tutoring pages that show one example under several labels (【真题链接】, 再如：, (3)组合示范：).
 */


/** A source line under a quotation: it opens with a dash (——习近平, —— 学者朱泽君). */
const ATTRIBUTION = /^[\s\u3000\uE000]*(?:—|－－|--|―)/;

/**
 * A list label at the start of a paragraph: 1. 2、 3) （一） (2) ① P1： 第一环节：; the item quotes or
 * restates text (a model essay's sentences listed after it, a template shown again).
 */
const LIST_LABEL =
  /^[\s\u3000\uE000]*(?:[0-9０-９]{1,3}\s*[.．、,，)）]|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[①-⑳]|[A-Za-zＡ-Ｚａ-ｚ]{1,2}[0-9０-９]{1,2}\s*[：:]|第[一二三四五六七八九十0-9０-９]{1,3}[\p{Script=Han}]{0,3}[：:])/u;

/**
 * A label opening a paragraph: 【真题链接】, 如：, 例如：, 分论点——, 题意解析：: what follows is an example,
 * a quotation or a template, not the writer's running text.
 */
const LEAD_LABEL = /^[\s\u3000\uE000]*(?:【[^】\n]{1,16}】|[〔\[][^〕\]\n]{1,16}[〕\]]|[\p{Script=Han}A-Za-z0-9]{1,8}(?:[：:]|——))/u;

/** A paragraph that heads a commentary: 点评, 【点评】, 名师点评：, 范文评析, 中公解析：. */
const COMMENTARY = /^[\s\u3000\uE000]*[【\[〔(（]?[\p{Script=Han}A-Za-z0-9]{0,10}(?:点评|评析|解析|赏析|评语|简评|评点|点睛)[】\]〕)）]?\s*(?:[：:]|$)/u;

/** True when a paragraph is the source line of a quotation (——作者). */
export function isAttribution(prose: string): boolean {
  return ATTRIBUTION.test(prose);
}

/** The list label opening a paragraph (1. （一） P1：), or '' when there is none. */
export function listLabelOf(prose: string): string {
  const m = LIST_LABEL.exec(prose);
  return m ? m[0].trim() : '';
}

/** True when a paragraph opens with a label (【真题链接】, 如：, 例如：, 分论点——), list labels aside. */
export function opensWithLeadLabel(prose: string): boolean {
  return LEAD_LABEL.test(prose);
}

/** True when a paragraph opens with a label (【真题链接】, 例如：, 分论点——) or a list label. */
export function opensWithLabel(prose: string): boolean {
  return LEAD_LABEL.test(prose) || LIST_LABEL.test(prose);
}

/** Longest label line, in code units (下面展示一个示范： has 9; a paragraph ending in a colon is longer). */
const MAX_LABEL_LINE = 24;

/**
 * True when a short paragraph introduces what follows: a bracketed label alone on its line (【真题链接】) or a
 * line that ends with a colon (下面展示一个示范：, 再如：).
 */
export function isLabelLine(prose: string): boolean {
  const t = prose.replaceAll('\uE000', '').trim();
  if (t.length === 0 || t.length > MAX_LABEL_LINE) {
    return false;
  }
  return /^(?:【[^】]{1,16}】|〔[^〕]{1,16}〕|\[[^\]]{1,16}\])$/.test(t) || /[：:]$/.test(t);
}

/** True when a (short) paragraph heads a commentary on the text above it (点评, 【名师点评】, 解析：). */
export function isCommentaryHeading(prose: string): boolean {
  const t = prose.replaceAll('\uE000', '').trim();
  return [...t].length <= 24 && COMMENTARY.test(t);
}

/**
 * Per code unit of `prose`, whether it lies inside quotation marks (“…”, ‘…’, 「…」, 『…』). Unbalanced marks
 * count up to the paragraph's end, as a quotation that runs on does.
 */
export function quotedMask(prose: string): Uint8Array {
  const out = new Uint8Array(prose.length);
  let depth = 0;
  for (let i = 0; i < prose.length; i++) {
    // Opening “ ‘ 「 『 and closing ” ’ 」 』 (straight quotes are ambiguous), told by code: no one-character
    // string is made per code unit.
    const c = prose.charCodeAt(i);
    if (c === 0x201c || c === 0x2018 || c === 0x300c || c === 0x300e) {
      depth++;
    } else if (c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f) {
      depth = Math.max(0, depth - 1);
    } else if (depth > 0) {
      out[i] = 1;
    }
  }
  return out;
}

/** True when at least half of the Han characters of `prose[start, end)` are inside quotation marks. */
export function isMostlyQuoted(prose: string, start: number, end: number, mask: Uint8Array = quotedMask(prose)): boolean {
  let han = 0;
  let quoted = 0;
  for (let i = start; i < end; i++) {
    const c = prose.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      han++;
      quoted += mask[i]!;
    }
  }
  return han > 0 && quoted * 2 >= han;
}
