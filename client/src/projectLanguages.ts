/**
 * The languages that projects' `.wenfeng.json` files add to `wenfeng.languages`, read by the client so that its
 * document selector sends those documents to the server. No `vscode` here: the unit tests read files with it.
 */

/**
 * The text of a JSONC document as plain JSON: comments blanked out (line breaks kept), commas before `}` or `]`
 * dropped, a byte order mark removed. Strings are left as they are.
 */
export function jsoncToJson(text: string): string {
  let out = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') {
        j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const comment = text.slice(i, end < 0 ? text.length : end + 2);
      out += comment.replace(/[^\n]/g, ' ');
      i += comment.length;
    } else if (c === ',') {
      // A trailing comma: only blanks and comments before the closing bracket.
      let j = i + 1;
      for (;;) {
        while (j < text.length && /\s/.test(text[j]!)) {
          j++;
        }
        if (text.startsWith('//', j)) {
          while (j < text.length && text[j] !== '\n') {
            j++;
          }
        } else if (text.startsWith('/*', j)) {
          const end = text.indexOf('*/', j + 2);
          j = end < 0 ? text.length : end + 2;
        } else {
          break;
        }
      }
      out += text[j] === '}' || text[j] === ']' ? ' ' : ',';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The languages a `.wenfeng.json` lists under `languages`: non-empty strings, in their order, without
 * duplicates. A file that is not a JSON object or has no such list adds none (the server reports what is wrong
 * with it).
 */
export function projectLanguages(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(jsoncToJson(text));
  } catch {
    return [];
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [];
  }
  const list = (value as Record<string, unknown>)['languages'];
  if (!Array.isArray(list)) {
    return [];
  }
  return [...new Set(list.filter((x): x is string => typeof x === 'string' && x.length > 0))];
}
