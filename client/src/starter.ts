/**
 * The starter `.wenfeng.json` written by the command wenfeng.createConfig: JSON with comments (jsonc), every
 * value a default, so that a new file changes nothing until the writer edits it. Kept free of `vscode` so a
 * unit test can check that the server reads it without a problem.
 */

/** The comments of the starter file, in the editor's language (the client passes them through l10n). */
export interface StarterComments {
  header: string;
  script: string;
  acceptedWords: string;
  rules: string;
  rulesExample: string;
}

/** The starter text, ending with a newline. */
export function starterConfig(c: StarterComments): string {
  const line = (s: string, indent = ''): string => s.split('\n').map((l) => `${indent}// ${l}`).join('\n');
  return [
    line(c.header),
    '{',
    line(c.script, '  '),
    '  "script": "auto",',
    line(c.acceptedWords, '  '),
    '  "acceptedWords": [],',
    line(c.rules, '  '),
    '  "rules": {',
    line(c.rulesExample, '    '),
    '    // "repetition/overused-phrase": "off",',
    '  },',
    '}',
    '',
  ].join('\n');
}
