/**
 * Chooses the language of messages for the server and the CLI. Source strings are English; the zh-CN
 * bundle (l10n/bundle.l10n.zh-cn.json) is embedded in the bundle so no file lookup can fail.
 */
import * as l10n from '@vscode/l10n';
import zhCn from '../../../l10n/bundle.l10n.zh-cn.json';

export type Lang = 'zh-cn' | 'en';
let current: Lang | undefined;

/** Normalises a locale or language option (`zh`, `zh-CN`, `en-US`…) to a supported language. */
export function toLang(value: string | undefined, fallback: Lang = 'zh-cn'): Lang {
  if (!value) {
    return fallback;
  }
  const v = value.toLowerCase();
  if (v.startsWith('zh')) {
    return 'zh-cn';
  }
  if (v.startsWith('en')) {
    return 'en';
  }
  return fallback;
}

/** Switches l10n.t to the given language (cheap when it is already current). */
export function useLanguage(lang: Lang): void {
  if (current === lang) {
    return;
  }
  current = lang;
  l10n.config({ contents: lang === 'zh-cn' ? (zhCn as Record<string, string>) : {} });
}
