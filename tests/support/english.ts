// Finds user-visible English in source files, for the test that keeps every sentence in the i18n
// catalogue (src/lib/i18n/messages/). How it decides:
//
// 1. What it reads. In .ts files, every string literal and every static part of a template literal
//    (TypeScript's own parser). In .svelte files (Svelte's parser): the same for the scripts and the
//    expressions of the markup, plus the markup's text nodes and the values of the attributes a person
//    sees or hears (aria-label, aria-description, title, placeholder, alt, label). <style> is not read.
// 2. Which strings are exempt, by where they stand: module specifiers (import/export 'x'), strings
//    declared under a name that says they are someone else's exact words (a const or property named
//    CFSSL_*, OPENSSL_* or GO_*: cfssl, openssl and Go output that tools parse), and the catalogue.
// 3. What counts as English, line by line:
//    - Markup text and visible attributes: any natural word of two letters or more ("Generate"), since
//      everything there is shown; code-like tokens (with digits, dots, slashes, dashes or an inner
//      capital: `SHA-256`, `ca.pem`, `IPv4`, `kubeadm:cluster-admins`) and the allow-list below are not words.
//    - Strings in code: a sentence, i.e. three or more natural words in a row (lower case, or one
//      leading capital; code-like tokens break the run) of which at least one is an English function
//      word (the, is, not, to, of, with...). That passes identifiers, CSS, file names, keys, Go and
//      shell code, and openssl's extension names ("TLS Web Server Authentication"), and catches
//      "RSA key is too weak" or "no CA to sign with".
//    - Shell text inside strings: a line that is shell syntax (a command such as run/if/for/local, or
//      ${...}, $(...), [[, ;then, &&) is code, except what it prints: the quoted words of a line that
//      runs echo/printf (or the generated scripts' info/warn/fail helpers) and the text of # comments
//      are read as prose.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { parse as parseSvelte } from 'svelte/compiler';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

const FUNCTION_WORDS = new Set(
  `a an the is are was were be been being not no to of in on at by for with from as and or but if than then this that these those
   it its has have had can cannot could must should will would may does do did there here when which who what where why how only
   every each your you we our too so such into after before without about once yet still already`.split(/\s+/),
);

/** Brand and product names that may stand in markup untranslated. */
const ALLOWED_WORDS = new Set(['kubeprep', 'etcd', 'cfssl', 'cfssljson', 'openssl', 'kubectl', 'kubeadm', 'PKI.js', 'asn1js']);

const VISIBLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label']);
const EXACT_WORDS_NAME = /^(CFSSL|OPENSSL|GO)_[A-Z0-9_]+$/;

const NATURAL_WORD = /^[A-Za-z][a-z]*(?:'[a-z]+)?$/;
const SHELL_LINE = /\$\{|\$\(|\[\[|\]\]|&&|\|\||;\s*(then|do)\b|^\s*(if|then|else|elif|fi|for|while|do|done|case|esac|local|return|exit|run|set|trap|shift|export|readonly|declare|unset)\b|^\s*[\w-]+\(\)\s*\{/;
const SHELL_PRINT = /(?:^|[;{|&]\s*|\b(?:then|else|do)\s+)(?:echo|printf|info|warn|die|ok|fail|step|notice)\s+["']/;

/** Words of a text, each stripped of surrounding punctuation; tokens that are not natural words become null. */
function words(text: string): (string | null)[] {
  return text
    .split(/\s+/)
    .filter((token) => token !== '')
    .map((token) => {
      const bare = token.replace(/^[("'“‘«]+|[)"'”’».,:;!?…]+$/g, '');
      return NATURAL_WORD.test(bare) ? bare : null;
    });
}

/** Three or more natural words in a row, one of them a function word. */
export function hasSentence(text: string): boolean {
  let run: string[] = [];
  for (const word of [...words(text), null]) {
    if (word !== null) {
      run.push(word);
      continue;
    }
    if (run.length >= 3 && run.some((w) => FUNCTION_WORDS.has(w.toLowerCase()))) return true;
    run = [];
  }
  return false;
}

/** Any natural word of two letters or more that is not a brand name (for markup, where all text is shown). */
export function hasWord(text: string): boolean {
  return words(text).some((w) => w !== null && w.length >= 2 && !ALLOWED_WORDS.has(w));
}

/** The prose of a line: all of it, or for shell code only what it prints and its comment. */
function proseOf(line: string): string[] {
  const comment = /^\s*#(?!!)\s?(.*)$/.exec(line);
  if (comment) return [comment[1]!];
  if (SHELL_PRINT.test(line)) return [...line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/\$\{?\w+\}?/g, 'X1'));
  if (SHELL_LINE.test(line)) return [];
  return [line];
}

export function literalHasEnglish(text: string): boolean {
  return text.split('\n').some((line) => proseOf(line).some(hasSentence));
}

function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}

/** The name a literal is declared under (`const CFSSL_X = '...'`, `{ CFSSL_X: '...' }`), if any. */
function declaredName(node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isVariableDeclaration(current) || ts.isPropertyAssignment(current)) return current.name.getText();
    if (ts.isBlock(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

export function englishInTypeScript(file: string, source: string, lineOffset = 0): Finding[] {
  const found: Finding[] = [];
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isImportTypeNode(node)) return;
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)
        ? node.text
        : undefined;
    if (text !== undefined && literalHasEnglish(text) && !EXACT_WORDS_NAME.test(declaredName(node) ?? '')) {
      found.push({ file, line: lineOffset + lineOf(source, node.getStart(sourceFile)), text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

type SvelteNode = { type?: string; start?: number; data?: string; name?: string; value?: unknown; quasis?: unknown; [key: string]: unknown };

export function englishInSvelte(file: string, source: string): Finding[] {
  const found: Finding[] = [];
  const ast = parseSvelte(source, { modern: true }) as unknown as { fragment: SvelteNode; instance?: SvelteNode; module?: SvelteNode };
  // Scripts: read with TypeScript's parser at their place in the file, like any .ts file.
  for (const match of source.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    found.push(...englishInTypeScript(file, match[1]!, lineOf(source, match.index!) - 1));
  }
  const report = (node: SvelteNode, text: string) => found.push({ file, line: lineOf(source, node.start ?? 0), text });
  const walk = (node: unknown, visibleAttribute: boolean | undefined): void => {
    if (Array.isArray(node)) return node.forEach((child) => walk(child, visibleAttribute));
    if (typeof node !== 'object' || node === null) return;
    const n = node as SvelteNode;
    if (n.type === 'Style' || n.type === 'StyleSheet' || n.type === 'Script') return;
    if (n.type === 'Text' && typeof n.data === 'string') {
      // Markup text and visible attributes are shown as they are; other attributes (class, href) are not text.
      if (visibleAttribute !== false && hasWord(n.data)) report(n, n.data);
      return;
    }
    if (n.type === 'Literal' && typeof n.value === 'string' && literalHasEnglish(n.value)) report(n, n.value);
    if (n.type === 'TemplateElement') {
      const cooked = (n.value as { cooked?: string }).cooked ?? '';
      if (literalHasEnglish(cooked)) report(n, cooked);
    }
    for (const [key, child] of Object.entries(n)) {
      if (key === 'parent' || key === 'metadata') continue;
      walk(child, n.type === 'Attribute' && key === 'value' ? VISIBLE_ATTRIBUTES.has(String(n.name)) : visibleAttribute);
    }
  };
  walk(ast.fragment, undefined);
  return found;
}

export function englishIn(file: string): Finding[] {
  const source = readFileSync(file, 'utf8');
  return file.endsWith('.svelte') ? englishInSvelte(file, source) : englishInTypeScript(file, source);
}
