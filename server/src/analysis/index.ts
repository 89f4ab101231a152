/**
 * The analysis facade: text in, findings and score out. Paragraph rules are cached by paragraph text
 * (plus everything else they depend on), so re-analysis after an edit only re-checks changed paragraphs;
 * document rules then combine the paragraphs, from per-paragraph values that are cached the same way
 * (DocumentContext.paragraphMemo). Every cache of document content belongs to the analyzer and is
 * bounded: a new analyzer starts cold.
 */
import { hasHan } from './chars';
import { updateParagraphs, type Paragraph, type ParagraphsOf } from './document';
import { isSuppressed, parseDirectives } from './directives';
import * as l10n from '@vscode/l10n';
import { ALL_RULES, ruleById } from './registry';
import type { DocumentContext, DocumentRule, ParagraphRule, Rule } from './rule';
import { BoundedCache, cutOf, tokensOfCut, toTokens, type Cut } from './token-store';
import { computeScore, hanCount, type Score } from './score';
import { scriptVotes } from './script-votes';
import { detectStructure, prepareStructure, type Structure } from './structure/series';
import type {
  AnalysisConfig,
  Finding,
  Report,
  ScriptTarget,
  Services,
  Severity,
  SeverityOrOff,
  TextFormat,
  Token,
} from './types';

export * from './types';
export type { Paragraph } from './document';
export type { Score, Deduction } from './score';
export type { Structure, Series, SeriesItem, Section, Announcement } from './structure/series';
export { ALL_RULES, ruleById } from './registry';
export { applyFixes } from './fixes';

/** Result of analysing one document. */
export interface AnalysisResult {
  findings: Finding[];
  paragraphs: readonly Paragraph[];
  /** The script the document is checked against (settings, or the document's majority). */
  script: ScriptTarget;
  score: Score;
  /** Sections and parallel series (the outline). */
  structure: Structure;
}

/** Options of one run. */
export interface AnalyzeOptions {
  format: TextFormat;
  config: AnalysisConfig;
  /** Language of messages (only part of the cache key: messages are produced through l10n). */
  locale?: string;
}

/** The code of the finding that stands for a rule (or structure detection) that threw. */
export const RULE_ERROR = 'internal/rule-error';

/** Options of an analyzer. */
export interface AnalyzerOptions {
  /**
   * Receives a line about each rule that threw (with the stack), once per rule and error message for the
   * analyzer's lifetime, so that re-analysis on every keystroke does not flood the log.
   */
  log?: (message: string) => void;
  /** Rules run after the catalogue's (tests and experiments; ids must not clash with the catalogue's). */
  extraRules?: readonly Rule[];
}

/** An analyzer keeps its caches between runs; make one per process and reuse it. */
export interface Analyzer {
  analyze(text: string, options: AnalyzeOptions): AnalysisResult;
  /** Tokens of a text as the analyzer segments it (cached). */
  tokens(text: string): readonly Token[];
  /** Drops every cache (after the user dictionary changed, say). */
  clearCaches(): void;
}

/**
 * Tokens kept by an analyzer across analyses (some 90 bytes each): the most recently segmented paragraphs'
 * only, since everything derived from tokens is kept per paragraph anyway (computed in the paragraph pass)
 * and re-analysis after an edit needs the tokens of the changed paragraphs alone. Beyond the budget the
 * oldest paragraphs' tokens are dropped (and segmented again if something asks for them).
 */
const TOKEN_BUDGET = 20_000;


/** The reports of a rule that found nothing (shared: most rules find nothing in most paragraphs). */
const NO_REPORTS: Report[] = [];
/** One level down, for tentative reports (Report.tentative). */
const LOWER_SEVERITY: Record<Severity, Severity> = { error: 'warning', warning: 'information', information: 'hint', hint: 'hint' };

/** What the analyzer keeps of one paragraph text (segmented in one script) between analyses. */
interface ParagraphRecord {
  tokens?: Token[];
  /** The paragraph's segmentation, kept when `tokens` are dropped (see {@link Cut}). */
  cut?: Cut;
  /** What `reports` were computed under: locale, script and accepted words. */
  signature?: string;
  /** Reports of the paragraph rules, by position among the paragraph rules. */
  reports?: Array<Report[] | undefined>;
  /**
   * Values derived from the paragraph alone (DocumentContext.paragraphMemo): key, value, key, value …
   * (a handful per paragraph; a flat array costs a fraction of a Map).
   */
  memo?: unknown[];
  /** Traditional-only and Simplified-only characters of the text (script votes), once counted. */
  votes?: [number, number];
  /** Han characters of the text, once counted. */
  han?: number;
  /**
   * The set of per-paragraph preparations (document rules' prepare, structure, genre fit) that ran on this
   * record without an error ({@link preparationId}): a later analysis with the same set skips them, since
   * they only fill the record's memo.
   */
  prepared?: number;
}

/** The structure of a document whose structure detection failed: nothing detected. */
const NO_STRUCTURE: Structure = { sections: [], series: [], orphans: [] };

/** The first line of an error's message (a message can run over several lines). */
function errorMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split(/\r?\n/, 1)[0]!;
}

/**
 * One finding per failure (a rule, or structure detection, that threw), on the first line of the text
 * (0 up to its first line break), in the order the failures happened. They are not subject to
 * suppression comments: an internal error is not a matter of style.
 */
function ruleErrorFindings(text: string, failures: ReadonlyMap<string, unknown>, structureName: string): Finding[] {
  let end = text.search(/[\r\n]/);
  if (end < 0) {
    end = text.length;
  }
  return [...failures].map(([name, e]) => ({
    rule: RULE_ERROR,
    severity: 'error' as const,
    message:
      name === structureName
        ? l10n.t('Internal error in structure detection: {0}. Series and sections were not checked.', errorMessage(e))
        : l10n.t('Internal error in rule {0}: {1}. Its findings are missing; the other rules ran.', name, errorMessage(e)),
    start: 0,
    end,
    fixes: [],
  }));
}

/** Creates an analyzer over the given services. */
export function createAnalyzer(services: Services, analyzerOptions: AnalyzerOptions = {}): Analyzer {
  const rules: readonly Rule[] = analyzerOptions.extraRules ? [...ALL_RULES, ...analyzerOptions.extraRules] : ALL_RULES;
  const byId = analyzerOptions.extraRules ? new Map(rules.map((r) => [r.meta.id, r])) : undefined;
  const ruleOf = (id: string): Rule | undefined => (byId ? byId.get(id) : ruleById(id));
  /**
   * Rank of each rule id in the order findings at the same range are listed (the ids' locale order, decided
   * once here instead of by a localeCompare per comparison).
   */
  const ranks = new Map([...rules.map((r) => r.meta.id), RULE_ERROR].sort((a, b) => a.localeCompare(b)).map((id, i) => [id, i]));
  const rankOf = (id: string): number => ranks.get(id) ?? ranks.size;
  /** Position of each paragraph rule among the paragraph rules (the index of its reports in a record). */
  const paragraphRuleIndex = new Map<Rule, number>(rules.filter((r) => r.scope === 'paragraph').map((r, i) => [r, i]));
  /** Errors already logged (rule and message), bounded. */
  const logged = new Set<string>();
  const log = (name: string, e: unknown): void => {
    const key = `${name}\u0001${errorMessage(e)}`;
    if (!analyzerOptions.log || logged.has(key) || logged.size >= 1000) {
      return;
    }
    logged.add(key);
    analyzerOptions.log(`wenfeng: ${name} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  };
  const records = new BoundedCache<ParagraphRecord>(50_000);
  const contents = new BoundedCache<{ value: unknown }>(5_000);
  const contentMemo = <T>(key: string, compute: () => T): T => {
    let hit = contents.get(key);
    if (!hit) {
      hit = { value: compute() };
      contents.set(key, hit);
    }
    return hit.value as T;
  };

  /** The record of a paragraph text; `traditional`: segmented in its Simplified form. */
  const recordOf = (text: string, traditional: boolean): ParagraphRecord => {
    const key = traditional ? `\u0001${text}` : text;
    let r = records.get(key);
    if (!r) {
      r = {};
      records.set(key, r);
    }
    return r;
  };

  // Tokens take far more memory than anything derived from them, so records keep them only up to a budget
  // (the most recently segmented paragraphs); the rest is segmented again when asked for. Everything the
  // document rules derive from tokens is computed in the paragraph pass, while the tokens are at hand.
  let withTokens: ParagraphRecord[] = [];
  let oldestWithTokens = 0;
  let retainedTokens = 0;

  /**
   * Records given a cut in the current analysis. Cuts serve the analysis that made them (tokens rebuilt after
   * the budget dropped them, for document rules that ask late); afterwards what the rules derive from tokens
   * is in the paragraphs' memos, so the cuts are dropped at the end of the analysis (they would be the
   * largest part of an analyzer's memory).
   */
  let withCut: ParagraphRecord[] = [];

  /** The text a paragraph is segmented as: its Simplified form (same length) in a Traditional document. */
  const segmentedText = (text: string, traditional: boolean): string => {
    if (traditional) {
      const s = services.converter.toSimplified(text);
      if (s.length === text.length) {
        return s;
      }
    }
    return text;
  };
  /** Segments a record's text into its compact cut, unless it has one (or the segmenter has no compact form). */
  const ensureCut = (r: ParagraphRecord, text: string, traditional: boolean): void => {
    if (!r.cut && !r.tokens && text.length > 0) {
      r.cut = cutOf(text, segmentedText(text, traditional), services.segmenter);
      if (r.cut) {
        withCut.push(r);
      }
    }
  };

  /** Tokens of a text; `traditional` segments its Simplified form (same length) and keeps offsets. */
  const tokensOfRecord = (r: ParagraphRecord, text: string, traditional: boolean): Token[] => {
    if (r.tokens) {
      return r.tokens;
    }
    ensureCut(r, text, traditional);
    let t: Token[];
    if (r.cut) {
      t = tokensOfCut(text, r.cut, services.segmenter);
    } else if (text.length === 0) {
      t = [];
    } else {
      t = toTokens(text, segmentedText(text, traditional), services.segmenter);
    }
    r.tokens = t;
    retainedTokens += t.length;
    withTokens.push(r);
    // Drop the oldest records' tokens beyond the budget (never the ones just made).
    while (retainedTokens > TOKEN_BUDGET && oldestWithTokens < withTokens.length - 1) {
      const old = withTokens[oldestWithTokens++]!;
      if (old.tokens) {
        retainedTokens -= old.tokens.length;
        old.tokens = undefined;
      }
    }
    if (oldestWithTokens > 1024 && oldestWithTokens * 2 > withTokens.length) {
      withTokens = withTokens.slice(oldestWithTokens);
      oldestWithTokens = 0;
    }
    return t;
  };
  const tokensOf = (text: string, traditional: boolean): readonly Token[] => tokensOfRecord(recordOf(text, traditional), text, traditional);
  const tokens = (text: string): readonly Token[] => tokensOf(text, false);

  const memoIn = <T>(r: ParagraphRecord, key: string, compute: () => T): T => {
    const m = (r.memo ??= []);
    for (let i = 0; i < m.length; i += 2) {
      if (m[i] === key) {
        return m[i + 1] as T;
      }
    }
    const v = compute();
    m.push(key, v);
    return v;
  };

  const severityOf = (id: string, config: AnalysisConfig): SeverityOrOff => {
    if (config.only && !config.only.includes(id)) {
      return 'off';
    }
    return config.rules[id] ?? ruleOf(id)!.meta.defaultSeverity;
  };

  /** Attested and total word bigrams of a paragraph's tokens, for genre fit. */
  const fitCounts = (tokenList: readonly Token[], model: NonNullable<Services['model']>): [number, number] => {
    const counts: [number, number] = [0, 0];
    let prev: string | undefined;
    for (const t of tokenList) {
      if (!hasHan(t.norm)) {
        prev = t.norm.trim().length > 0 ? undefined : prev;
        continue;
      }
      if (prev !== undefined) {
        counts[1]++;
        if (model.bigramDocuments(prev, t.norm) > 0) {
          counts[0]++;
        }
      }
      prev = t.norm;
    }
    return counts;
  };

  /**
   * The paragraphs of the last analysis and their records (by script): after an edit, the paragraphs before
   * and after the changed ones are equal to the last ones, which a comparison tells faster than looking
   * their text up (hashing) again.
   */
  let last: { prose: string[]; records: Map<boolean, Array<ParagraphRecord | undefined>> } | undefined;
  /** The text of the last analysis and its paragraphs, which the next one reuses outside the edit. */
  let lastParagraphs: ParagraphsOf | undefined;
  /** The language of messages of the values kept (AnalyzeOptions.locale; '' when not given). */
  let locale = '';
  /** Small numbers naming the sets of per-paragraph preparations analyses ran (ParagraphRecord.prepared). */
  const preparations = new Map<string, number>();
  const preparationId = (key: string): number => {
    let id = preparations.get(key);
    if (id === undefined) {
      id = preparations.size + 1;
      preparations.set(key, id);
    }
    return id;
  };

  const analyze = (text: string, options: AnalyzeOptions): AnalysisResult => {
    const { config } = options;
    if ((options.locale ?? '') !== locale) {
      // Values kept per paragraph may hold messages (document rules keep their per-paragraph findings):
      // another language of messages starts from cold caches.
      clearCaches();
      locale = options.locale ?? '';
    }
    const paragraphs = updateParagraphs(lastParagraphs, text, options.format);
    lastParagraphs = { text, format: options.format, paragraphs };
    // Index of each paragraph among the last analysis's paragraphs (-1: not known to be there).
    const previous = new Int32Array(paragraphs.length).fill(-1);
    if (last) {
      const before = last.prose;
      let i = 0;
      while (i < paragraphs.length && i < before.length && paragraphs[i]!.prose === before[i]) {
        previous[i] = i;
        i++;
      }
      for (let j = 1; paragraphs.length - j >= i && before.length - j >= i; j++) {
        if (paragraphs[paragraphs.length - j]!.prose !== before[before.length - j]) {
          break;
        }
        previous[paragraphs.length - j] = before.length - j;
      }
    }
    const lastRecords = last?.records;
    // This analysis's record of each paragraph (by index) per script, looked up once.
    const byScript = new Map<boolean, Array<ParagraphRecord | undefined>>();
    const recordsFor = (traditional: boolean): Array<ParagraphRecord | undefined> => {
      let list = byScript.get(traditional);
      if (!list) {
        list = new Array<ParagraphRecord | undefined>(paragraphs.length);
        const before = lastRecords?.get(traditional);
        if (before) {
          for (let i = 0; i < paragraphs.length; i++) {
            if (previous[i]! >= 0) {
              list[i] = before[previous[i]!];
            }
          }
        }
        byScript.set(traditional, list);
      }
      return list;
    };
    const recordAt = (p: Paragraph, traditional: boolean): ParagraphRecord => {
      if (paragraphs[p.index] !== p) {
        return recordOf(p.prose, traditional);
      }
      const list = recordsFor(traditional);
      return (list[p.index] ??= recordOf(p.prose, traditional));
    };
    let target: ScriptTarget;
    if (config.script === 'auto') {
      let trad = 0;
      let simp = 0;
      for (let i = 0; i < paragraphs.length; i++) {
        const p = paragraphs[i]!;
        const r = recordAt(p, false);
        const v = (r.votes ??= scriptVotes(p.prose, services));
        trad += v[0];
        simp += v[1];
      }
      target = trad > simp ? 'traditional' : 'simplified';
    } else {
      target = config.script;
    }
    const traditional = target !== 'simplified';
    const recordOfParagraph = (p: Paragraph): ParagraphRecord => recordAt(p, traditional);
    const tokensOfParagraph = (p: Paragraph): readonly Token[] => tokensOfRecord(recordOfParagraph(p), p.prose, traditional);
    const paragraphMemo = <T>(p: Paragraph, key: string, compute: () => T): T => memoIn(recordOfParagraph(p), key, compute);

    const accepted = new Set(config.acceptedWords);
    const enabled: Array<{ rule: Rule; severity: Severity; index: number }> = [];
    rules.forEach((rule) => {
      const severity = severityOf(rule.meta.id, config);
      if (severity !== 'off') {
        enabled.push({ rule, severity, index: paragraphRuleIndex.get(rule) ?? -1 });
      }
    });
    // A rule that throws loses its findings of this analysis and is reported once (the first error), as a
    // finding on the first line; every other rule still runs and reports.
    const failures = new Map<string, unknown>();
    const fail = (name: string, e: unknown): void => {
      if (!failures.has(name)) {
        failures.set(name, e);
        log(name, e);
      }
    };
    /** Runs `f` for `rule`, isolating a throw; false if it threw now or earlier in this analysis. */
    const guarded = (name: string, f: () => void): boolean => {
      if (failures.has(name)) {
        return false;
      }
      try {
        f();
        return true;
      } catch (e) {
        fail(name, e);
        return false;
      }
    };
    const STRUCTURE = 'structure detection';
    const variants = new Map(Object.entries(config.variants ?? {}));
    const terms = config.terms ?? [];
    const signature = `${options.locale ?? ''}\u0001${target}\u0001${[...accepted].sort().join('\u0002')}\u0001${[...variants].sort().join('\u0002')}\u0001${JSON.stringify(terms)}`;
    const findings: Finding[] = [];

    const push = (id: string, severity: Severity, r: Report, shift: number): void => {
      findings.push({
        rule: id,
        severity: r.tentative ? LOWER_SEVERITY[severity] : severity,
        message: r.message,
        start: r.start + shift,
        end: r.end + shift,
        fixes: (r.fixes ?? []).map((f) => ({
          ...f,
          edits: f.edits.map((e) => ({ start: e.start + shift, end: e.end + shift, newText: e.newText })),
        })),
        ...(r.related
          ? { related: r.related.map((x) => ({ ...x, start: x.start + shift, end: x.end + shift })) }
          : {}),
      });
    };

    const sharedValues = new Map<string, unknown>();
    const shared = <T>(key: string, compute: () => T): T => {
      if (!sharedValues.has(key)) {
        sharedValues.set(key, compute());
      }
      return sharedValues.get(key) as T;
    };
    const documentRules = enabled
      .filter((e) => e.rule.scope === 'document')
      .map(({ rule, severity }) => ({
        rule: rule as DocumentRule,
        ctx: {
          text,
          paragraphs,
          tokens: tokensOfParagraph,
          services,
          target,
          accepted,
          report: (r: Report) => push(rule.meta.id, severity, r, 0),
          shared,
          paragraphMemo,
          contentMemo,
        } satisfies DocumentContext,
      }));
    const model = services.model;
    /** Part-of-speech tags for structure detection (clause series tell lists of things from 排比 by them). */
    const tagOf = (w: string): string | undefined => services.segmenter.tagOf(w);
    const fitOf = (p: Paragraph): [number, number] => paragraphMemo(p, 'fit', () => fitCounts(tokensOfParagraph(p), model!));

    // Segmentation first, for every paragraph new to the analyzer, in one pass: the segmenter's trie and step
    // cache stay in the processor's caches instead of competing with the rules' data paragraph by paragraph.
    // (A paragraph analysed before has its rules' results and memos; it is segmented again only on demand.)
    if (services.segmenter.cutIds || services.segmenter.cutTokens) {
      for (let i = 0; i < paragraphs.length; i++) {
        const p = paragraphs[i]!;
        const rec = recordOfParagraph(p);
        if (!rec.reports) {
          ensureCut(rec, p.prose, traditional);
        }
      }
    }
    const withFit = model !== undefined && model.bigramNorm > 0;
    const preparers = documentRules.filter(({ rule }) => rule.prepare !== undefined);
    const preparation = preparationId(`${preparers.map(({ rule }) => rule.meta.id).join(',')}${withFit ? '+fit' : ''}`);
    const paragraphRules = enabled.filter(({ rule }) => rule.scope === 'paragraph');
    // Indexed loops: these run for every paragraph and rule of every analysis, and `for…of` may allocate an
    // iterator result per step where the engine has not optimised this long function.
    for (let pi = 0; pi < paragraphs.length; pi++) {
      const p = paragraphs[pi]!;
      const rec = recordOfParagraph(p);
      if (rec.signature !== signature || !rec.reports) {
        rec.signature = signature;
        rec.reports = new Array<Report[] | undefined>(paragraphRuleIndex.size);
      }
      const perRule = rec.reports;
      for (let ri = 0; ri < paragraphRules.length; ri++) {
        const { rule, severity, index } = paragraphRules[ri]!;
        let reports = perRule[index];
        if (!reports) {
          const out: Report[] = [];
          const ok = guarded(rule.meta.id, () =>
            (rule as ParagraphRule).check({
              paragraph: p,
              prose: p.prose,
              tokens: () => tokensOfRecord(rec, p.prose, traditional),
              services,
              target,
              accepted,
              variants,
              terms,
              report: (r) => out.push(r),
            }),
          );
          if (!ok) {
            // Not cached: the next analysis runs the rule again (and reports its error again).
            continue;
          }
          reports = out.length > 0 ? out : NO_REPORTS;
          perRule[index] = reports;
        }
        for (let k = 0; k < reports.length; k++) {
          push(rule.meta.id, severity, reports[k]!, p.start);
        }
      }
      // What the document rules, structure detection and genre fit derive from this paragraph's tokens (once
      // per record: they only fill its memo).
      if (rec.prepared === preparation) {
        continue;
      }
      let ok = true;
      for (const { rule, ctx } of preparers) {
        ok = guarded(rule.meta.id, () => rule.prepare!(ctx, p)) && ok;
      }
      ok = guarded(STRUCTURE, () => prepareStructure(p, tokensOfParagraph, paragraphMemo, tagOf)) && ok;
      if (withFit) {
        fitOf(p);
      }
      if (ok) {
        rec.prepared = preparation;
      }
    }
    // Structure first, isolated: the structure rules and the outline then share what was found (nothing,
    // when detection threw).
    const structure = shared('structure', () => {
      let found = NO_STRUCTURE;
      guarded(STRUCTURE, () => {
        found = detectStructure(paragraphs, tokensOfParagraph, paragraphMemo, contentMemo, tagOf);
      });
      return found;
    });
    for (const { rule, ctx } of documentRules) {
      const at = findings.length;
      if (!guarded(rule.meta.id, () => rule.check(ctx))) {
        // What the rule reported before it threw is dropped with the rest.
        findings.length = at;
      }
    }

    const suppressions = parseDirectives(text, options.format);
    const kept = (suppressions.length > 0
      ? findings.filter((f) => !isSuppressed(suppressions, f.rule, f.start, f.end))
      : findings
    ).filter((f) => f.start >= 0 && f.end <= text.length && f.start <= f.end);
    kept.sort((a, b) => a.start - b.start || a.end - b.end || rankOf(a.rule) - rankOf(b.rule));
    if (failures.size > 0) {
      kept.unshift(...ruleErrorFindings(text, failures, STRUCTURE));
    }
    let size = 0;
    for (let i = 0; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      const r = recordOfParagraph(p);
      size += r.han ??= hanCount(p.prose);
    }
    // Share of the draft's word bigrams attested in the corpus, relative to the corpus norm (null without a model).
    let fit: number | null = null;
    if (withFit) {
      let total = 0;
      let attested = 0;
      for (let i = 0; i < paragraphs.length; i++) {
        const counts = fitOf(paragraphs[i]!);
        attested += counts[0];
        total += counts[1];
      }
      fit = total < 10 ? null : Math.round((attested / total / model.bigramNorm) * 100) / 100;
    }
    // Internal errors are not the draft's fault: they cost no points.
    const scored = failures.size > 0 ? kept.filter((f) => f.rule !== RULE_ERROR) : kept;
    const score = computeScore(scored, size, (id) => ruleOf(id)?.meta.category ?? 'phrasing', fit, text.length);
    last = { prose: paragraphs.map((p) => p.prose), records: byScript };
    for (const r of withCut) {
      r.cut = undefined;
      // The memo of a paragraph new to the analyzer is complete for now: an exact-size copy drops the room
      // the array grew by (up to half its length again).
      if (r.memo) {
        r.memo = r.memo.slice();
      }
    }
    withCut = [];
    return { findings: kept, paragraphs, script: target, score, structure };
  };

  function clearCaches(): void {
    records.clear();
    last = undefined;
    lastParagraphs = undefined;
    contents.clear();
    withTokens = [];
    withCut = [];
    oldestWithTokens = 0;
    retainedTokens = 0;
  }

  return { analyze, tokens, clearCaches };
}
