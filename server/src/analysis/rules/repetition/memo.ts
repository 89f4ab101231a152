/**
 * Per-paragraph results of the repetition document rules, kept between analyses so that re-analysis after
 * an edit recomputes only the paragraphs that changed (document rules run on every analysis; paragraph
 * rules get this from the engine). Results are pure functions of the key (the paragraph's prose, plus the
 * script it is segmented in) and of the services, so each services object (segmenter) has its own cache.
 */

/** A bounded cache per owner object: the oldest entries go first when it is full. */
export class ParagraphMemo<T> {
  private readonly byOwner = new WeakMap<object, Map<string, T>>();

  constructor(private readonly limit = 5_000) {}

  /** The value for `key` under `owner`, computed on first request. */
  get(owner: object, key: string, compute: () => T): T {
    let map = this.byOwner.get(owner);
    if (!map) {
      map = new Map();
      this.byOwner.set(owner, map);
    }
    let value = map.get(key);
    if (value === undefined) {
      value = compute();
      if (map.size >= this.limit) {
        const oldest = map.keys().next();
        if (!oldest.done) {
          map.delete(oldest.value);
        }
      }
      map.set(key, value);
    }
    return value;
  }
}
