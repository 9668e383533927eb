/**
 * A small parser for the two regex dialects Logtail configs use:
 *
 * - `boost`: the native (C++) agent compiles `regex`, `logBeginRegex`, `filterRegex`,
 *   `processor_parse_regex_native.Regex`, `Multiline.*Pattern`, … with Boost.Regex in its
 *   default Perl mode (spec §2.3, §3.3). Perl constructs JavaScript lacks (possessive
 *   quantifiers, atomic groups, `\A`, `\z`, `\Z`, inline flags, `\h`, POSIX classes,
 *   `\Q…\E`, `(?<n>…)`/`(?P<n>…)`/`(?'n'…)`, `\x{…}`) are accepted.
 * - `re2`: Go plugins (`processor_regex`, container filters, `service_docker_stdout`)
 *   compile with Go's `regexp` (RE2 syntax): backreferences, lookarounds, atomic groups,
 *   possessive quantifiers, … are compile errors there.
 *
 * What is an error follows the engines' parsers (boost/regex/v5/basic_regex_parser.hpp and
 * Go's regexp/syntax/parse.go), but only where Perl agrees or the construct is a clear
 * mistake: the aim is "report only real syntax errors". The parser also counts capture
 * groups the way the engine numbers them and builds a small AST that `redos.ts` turns into
 * JavaScript for the ReDoS analyser.
 *
 * Offsets are UTF-16 indexes into the regex source (what `String#slice` uses).
 */
import type { Locale } from '../i18n';
import { term } from '../catalog';
import { BoundedCache, stringCost } from '../model/cache';

export type Dialect = 'boost' | 're2';

export type IssueCode =
  | 'trailingBackslash'
  | 'unclosedGroup'
  | 'unmatchedParen'
  | 'unclosedClass'
  | 'nothingToRepeat'
  | 'repeatAssertion'
  | 'nestedQuantifier'
  | 'braceOrder'
  | 'repeatCount'
  | 'classRange'
  | 'classDash'
  | 'posixClass'
  | 'badEscape'
  | 'badGroup'
  | 'badFlag'
  | 'badName'
  | 'duplicateName'
  | 'badBackref'
  | 'lookbehindWidth'
  | 'emptyAssertion'
  | 'conditionalBranches'
  | 'unsupported';

export interface RegexIssue {
  code: IssueCode;
  /** Offsets into the regex source of the offending construct. */
  start: number;
  end: number;
  /** The construct as written (for messages). */
  text: string;
  /** For `unsupported`: the feature Go RE2 lacks (named in messages instead of `text`). */
  feature?: RegexFeature;
}

/** Constructs Go RE2 does not support, named in messages by the catalogs' terms `regex.feature.<name>`. */
export type RegexFeature = 'backref' | 'possessive' | 'comment' | 'branchReset' | 'lookahead' | 'atomic' | 'lookbehind' | 'quotedName' | 'namedBackref' | 'namedRecursion' | 'conditional' | 'recursion' | 'extendedFlag';

export type GroupKind = 'capture' | 'group' | 'lookahead' | 'neglookahead' | 'lookbehind' | 'neglookbehind' | 'atomic';

interface Span {
  start: number;
  end: number;
}
/** A node of the parsed regex. `js` fragments are JavaScript regex syntax for the `u` flag. */
export type RNode =
  | ({ t: 'seq'; items: RNode[] } & Span)
  | ({ t: 'alt'; alts: RNode[] } & Span)
  /** One character position: a literal, a class, an escape class or the dot. */
  | ({ t: 'char'; js: string } & Span)
  /** A zero-width assertion (`^`, `$`, `\b`, …). `js` is '' for ones JS lacks (`\G`, `\K`). */
  | ({ t: 'assert'; js: string } & Span)
  /** A construct of known JS form but not a single character (`\R`). */
  | ({ t: 'raw'; js: string; min: number; max: number } & Span)
  | ({ t: 'group'; kind: GroupKind; body: RNode; index?: number } & Span)
  | ({ t: 'quant'; min: number; max: number; lazy: boolean; possessive: boolean; body: RNode } & Span)
  | ({ t: 'backref' } & Span)
  /** Recursion, conditionals, backtracking verbs, `\X`: not translatable. */
  | ({ t: 'opaque' } & Span);

export interface ParsedRegex {
  source: string;
  dialect: Dialect;
  /** The first syntax error, if any (parsing stops there, like the engines). */
  error?: RegexIssue;
  /** Number of capture groups, numbered as the engine numbers them (named ones included). */
  groups: number;
  /** Group names (in order of appearance). */
  names: string[];
  /** The tree (absent when there is an error). */
  ast?: RNode;
  /** An `i` flag appears somewhere (the analyser then works case-insensitively). */
  caseInsensitive: boolean;
}

class SyntaxFailure extends Error {
  constructor(readonly issue: RegexIssue) {
    super(issue.code);
  }
}

interface Flags {
  i: boolean;
  s: boolean;
  x: boolean;
}

/** Boost's character class names (regex_traits_defaults.cpp), looked up case-insensitively. */
const BOOST_CLASS_NAMES = new Set(['alnum', 'alpha', 'blank', 'cntrl', 'd', 'digit', 'graph', 'h', 'l', 'lower', 'print', 'punct', 's', 'space', 'u', 'unicode', 'upper', 'v', 'w', 'word', 'xdigit']);
/** Go regexp/syntax POSIX classes. */
const RE2_CLASS_NAMES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);
/** Perl's inline modifier letters (Boost itself knows i, m, s, x). */
const PERL_FLAGS = /^[imsxnpadlu]$/;
const RE2_FLAGS = /^[imsU]$/;
const HEX = /^[0-9A-Fa-f]$/;
const BOOST_VERBS = ['FAIL', 'F', 'ACCEPT', 'COMMIT', 'PRUNE', 'SKIP', 'THEN'];

/** JS (u-flag) source of a POSIX class name's members, for use inside `[...]`. */
const POSIX_JS: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\u{0}-\\u{7f}',
  blank: ' \\t',
  cntrl: '\\u{0}-\\u{1f}\\u{7f}',
  d: '\\d',
  digit: '0-9',
  graph: '\\u{21}-\\u{7e}',
  h: ' \\t\\u{a0}',
  l: 'a-z',
  lower: 'a-z',
  print: '\\u{20}-\\u{7e}',
  punct: '!-\\/:-@\\[-`\\{-~',
  s: '\\s',
  space: '\\s',
  u: 'A-Z',
  unicode: '\\u{100}-\\u{10ffff}',
  upper: 'A-Z',
  v: '\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}',
  w: '\\w',
  word: '\\w',
  xdigit: '0-9A-Fa-f',
};
const H_SPACE = ' \\t\\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}';
const V_SPACE = '\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}';

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}
/** A code point as a JS (u-flag) regex atom outside a class. */
export function jsChar(cp: number): string {
  const c = String.fromCodePoint(cp);
  if ('^$\\.*+?()[]{}|/'.includes(c)) return '\\' + c;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029) return hex(cp);
  return c;
}
/** A code point inside a JS (u-flag) class. */
function jsClassChar(cp: number): string {
  const c = String.fromCodePoint(cp);
  if ('\\]-[^'.includes(c)) return '\\' + c;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029) return hex(cp);
  return c;
}

class Parser {
  private i = 0;
  private groupCount = 0;
  private readonly closed = new Set<number>();
  private readonly names = new Map<string, number>();
  private readonly namesInOrder: string[] = [];
  private flags: Flags;
  private caseInsensitive = false;
  private readonly boost: boolean;

  constructor(
    private readonly src: string,
    private readonly dialect: Dialect,
  ) {
    this.boost = dialect === 'boost';
    // Boost's `.` matches a newline unless match_not_dot_newline / (?-s) (the agent passes
    // match_default); RE2's does not unless (?s).
    this.flags = { i: false, s: this.boost, x: false };
  }

  parse(): ParsedRegex {
    const base = { source: this.src, dialect: this.dialect };
    try {
      const ast = this.parseAlternation(0);
      if (this.i < this.src.length) {
        // only a `)` stops the top level
        this.fail('unmatchedParen', this.i, this.i + 1);
      }
      return { ...base, ast, groups: this.groupCount, names: this.namesInOrder, caseInsensitive: this.caseInsensitive };
    } catch (e) {
      if (!(e instanceof SyntaxFailure)) throw e;
      return { ...base, error: e.issue, groups: this.groupCount, names: this.namesInOrder, caseInsensitive: this.caseInsensitive };
    }
  }

  // ---------------------------------------------------------------- helpers

  private fail(code: IssueCode, start: number, end: number, text?: string, feature?: RegexFeature): never {
    const s = Math.max(0, Math.min(start, this.src.length));
    let e = Math.max(s, Math.min(end, this.src.length));
    if (e === s && s < this.src.length) e = s + 1;
    throw new SyntaxFailure({ code, start: s, end: e, text: text ?? this.src.slice(s, e), ...(feature ? { feature } : {}) });
  }
  /** What Go RE2 lacks: a construct named by its feature (words: the catalogs' terms `regex.feature.<feature>`), or the text itself (`\\C`). */
  private unsupported(start: number, end: number, what?: string | { feature: RegexFeature }): never {
    if (typeof what === 'object') this.fail('unsupported', start, end, undefined, what.feature);
    this.fail('unsupported', start, end, what ?? this.src.slice(start, end));
  }
  private peek(k = 0): string | undefined {
    return this.src[this.i + k];
  }
  private eof(): boolean {
    return this.i >= this.src.length;
  }
  /** Skips whitespace and `#` comments in x mode (Boost only; RE2 rejects x). */
  private skipExtended(): void {
    if (!this.flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c !== undefined && /\s/.test(c)) this.i++;
      else if (c === '#') {
        while (!this.eof() && this.peek() !== '\n') this.i++;
      } else return;
    }
  }

  // ---------------------------------------------------------------- structure

  private parseAlternation(depth: number): RNode {
    const start = this.i;
    const alts: RNode[] = [this.parseSequence(depth)];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.parseSequence(depth));
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts, start, end: this.i };
  }

  private parseSequence(depth: number): RNode {
    const start = this.i;
    const items: RNode[] = [];
    /** The last atom may take a quantifier (false after `(?i)` and at the start). */
    let last: RNode | undefined;
    for (;;) {
      this.skipExtended();
      const c = this.peek();
      if (c === undefined || c === '|') break;
      if (c === ')') {
        if (depth === 0) this.fail('unmatchedParen', this.i, this.i + 1);
        break;
      }
      const q = this.tryQuantifier();
      if (q) {
        if (!last) this.fail('nothingToRepeat', q.start, q.end);
        if (last.t === 'assert' && this.boost) this.fail('repeatAssertion', last.start, q.end);
        const node = this.finishQuantifier(last, q);
        items[items.length - 1] = node;
        last = undefined; // a quantifier cannot be quantified again (checked in finishQuantifier)
        continue;
      }
      const atom = this.parseAtom(depth);
      if (atom === 'flags') {
        last = undefined;
        continue;
      }
      if (atom === 'nothing') continue; // (?#...) comment, empty \Q\E: Boost repeats the atom before it
      if (atom.t === 'seq') {
        // \Q...\E: a quantifier after it repeats its last character
        items.push(...atom.items);
        last = atom.items[atom.items.length - 1];
        continue;
      }
      items.push(atom);
      last = atom;
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items, start, end: this.i };
  }

  /** A quantifier at the cursor: `*`, `+`, `?`, or a valid `{n}`, `{n,}`, `{n,m}` (else `{` is a literal). */
  private tryQuantifier(): { min: number; max: number; start: number; end: number } | undefined {
    const start = this.i;
    const c = this.peek();
    if (c === '*') return { min: 0, max: Infinity, start, end: ++this.i };
    if (c === '+') return { min: 1, max: Infinity, start, end: ++this.i };
    if (c === '?') return { min: 0, max: 1, start, end: ++this.i };
    if (c !== '{') return undefined;
    const m = this.boost ? /^\{\s*(\d+)\s*(?:(,)\s*(\d*)\s*)?\}/.exec(this.src.slice(this.i)) : /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.i));
    if (!m) return undefined; // not a repeat: `{` is a literal in Perl, Boost and RE2
    const min = Number(m[1]);
    const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    this.i += m[0].length;
    if (max < min) this.fail('braceOrder', start, this.i);
    if (!this.boost && (min > 1000 || (max !== Infinity && max > 1000))) this.fail('repeatCount', start, this.i);
    return { min, max, start, end: this.i };
  }

  private finishQuantifier(body: RNode, q: { min: number; max: number; start: number; end: number }): RNode {
    let lazy = false;
    let possessive = false;
    if (this.boost) this.skipExtended();
    if (this.peek() === '?') {
      lazy = true;
      this.i++;
    }
    if (this.peek() === '+') {
      if (!this.boost) this.unsupported(q.start, this.i + 1, { feature: 'possessive' });
      if (!lazy) possessive = true; // Boost accepts `*?+`; treat as lazy
      this.i++;
    }
    if (this.boost) this.skipExtended();
    const after = this.i;
    const next = this.tryQuantifier();
    if (next) this.fail('nestedQuantifier', q.start, next.end);
    this.i = after;
    return { t: 'quant', min: q.min, max: q.max, lazy, possessive, body, start: body.start, end: this.i };
  }

  private parseAtom(depth: number): RNode | 'flags' | 'nothing' {
    const start = this.i;
    const c = this.peek()!;
    switch (c) {
      case '(':
        return this.parseGroup(depth);
      case '[':
        return this.parseClass();
      case '\\':
        return this.parseEscape();
      case '.':
        this.i++;
        return { t: 'char', js: this.flags.s ? '[^]' : '[^\\n]', start, end: this.i };
      case '^':
        this.i++;
        return { t: 'assert', js: '^', start, end: this.i };
      case '$':
        this.i++;
        return { t: 'assert', js: '$', start, end: this.i };
      default: {
        const cp = this.src.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        return { t: 'char', js: jsChar(cp), start, end: this.i };
      }
    }
  }

  // ---------------------------------------------------------------- groups

  private parseGroup(depth: number): RNode | 'flags' | 'nothing' {
    const start = this.i;
    this.i++; // (
    if (this.peek() === '*' && this.boost) return this.parseVerb(start);
    if (this.peek() !== '?') {
      const index = ++this.groupCount;
      return this.groupBody(start, depth, 'capture', index);
    }
    this.i++; // ?
    const c = this.peek();
    if (c === undefined) this.fail('badGroup', start, this.i);
    switch (c) {
      case '#': {
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'comment' });
        while (!this.eof() && this.src[this.i++] !== ')') {
          /* Boost accepts an unterminated comment */
        }
        return 'nothing';
      }
      case ':':
        this.i++;
        return this.groupBody(start, depth, 'group');
      case '|': {
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'branchReset' });
        this.i++;
        return this.branchReset(start, depth);
      }
      case '=':
      case '!':
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'lookahead' });
        this.i++;
        return this.groupBody(start, depth, c === '=' ? 'lookahead' : 'neglookahead');
      case '>':
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'atomic' });
        this.i++;
        return this.groupBody(start, depth, 'atomic');
      case '<': {
        const n = this.peek(1);
        if (n === '=' || n === '!') {
          if (!this.boost) this.unsupported(start, this.i + 2, { feature: 'lookbehind' });
          this.i += 2;
          return this.groupBody(start, depth, n === '=' ? 'lookbehind' : 'neglookbehind');
        }
        this.i++;
        return this.namedGroup(start, depth, '>');
      }
      case "'":
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'quotedName' });
        this.i++;
        return this.namedGroup(start, depth, "'");
      case 'P': {
        const n = this.peek(1);
        if (n === '<') {
          this.i += 2;
          return this.namedGroup(start, depth, '>');
        }
        if (n === '=' || n === '>') {
          if (!this.boost) this.unsupported(start, this.i + 2, n === '=' ? { feature: 'namedBackref' } : { feature: 'namedRecursion' });
          this.i += 2;
          const nameStart = this.i;
          while (!this.eof() && this.peek() !== ')') this.i++;
          if (this.eof()) this.fail('unclosedGroup', start, start + 1);
          const name = this.src.slice(nameStart, this.i);
          this.i++;
          if (n === '=') {
            this.checkNamedBackref(name, start, this.i);
            return { t: 'backref', start, end: this.i };
          }
          return { t: 'opaque', start, end: this.i };
        }
        break; // flags
      }
      case '(':
        if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'conditional' });
        return this.conditional(start, depth);
      case 'R':
      case '&':
      case '+':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return this.recursion(start);
      case '-':
        if (/[0-9]/.test(this.peek(1) ?? '')) return this.recursion(start);
        break;
      case ')':
        // Boost: "(?)" is an error; Go and Perl accept it as "no flags"
        if (this.boost) this.fail('badGroup', start, this.i + 1);
        this.i++;
        return 'flags';
    }
    return this.flagGroup(start, depth);
  }

  private parseVerb(start: number): RNode {
    // (*VERB) — Boost knows FAIL/F/ACCEPT/COMMIT/PRUNE/SKIP/THEN
    this.i++; // *
    const m = /^([A-Z]+)\)/.exec(this.src.slice(this.i));
    if (!m || !BOOST_VERBS.includes(m[1]!)) {
      const close = this.src.indexOf(')', this.i);
      this.fail('badGroup', start, close < 0 ? this.src.length : close + 1);
    }
    this.i += m[0].length;
    return { t: 'opaque', start, end: this.i };
  }

  private recursion(start: number): RNode {
    if (!this.boost) this.unsupported(start, this.i + 1, { feature: 'recursion' });
    const m = /^(?:R|[+-]?\d+|&[^)]*)\)/.exec(this.src.slice(this.i));
    if (!m) {
      const close = this.src.indexOf(')', this.i);
      this.fail('badGroup', start, close < 0 ? this.src.length : close + 1);
    }
    this.i += m[0].length;
    return { t: 'opaque', start, end: this.i };
  }

  private namedGroup(start: number, depth: number, delim: string): RNode {
    const nameStart = this.i;
    while (!this.eof() && this.peek() !== delim && this.peek() !== ')') this.i++;
    if (this.peek() !== delim) this.fail('badName', start, this.i);
    const name = this.src.slice(nameStart, this.i);
    this.i++;
    const valid = this.boost ? name.length > 0 : /^[A-Za-z0-9_]+$/.test(name);
    if (!valid) this.fail('badName', start, this.i);
    if (!this.boost && this.names.has(name)) this.fail('duplicateName', start, this.i);
    const index = ++this.groupCount;
    if (!this.names.has(name)) this.names.set(name, index);
    this.namesInOrder.push(name);
    return this.groupBody(start, depth, 'capture', index);
  }

  private flagGroup(start: number, depth: number): RNode | 'flags' {
    const flagStart = this.i;
    let on = true;
    const next: Flags = { ...this.flags };
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('unclosedGroup', start, start + 1);
      if (c === ')' || c === ':') break;
      if (c === '-') {
        if (!on) this.fail('badFlag', this.i, this.i + 1);
        on = false;
      } else if (c === '^' && this.boost && this.i === flagStart) {
        // Perl (?^…): back to defaults
      } else if (this.boost ? PERL_FLAGS.test(c) : RE2_FLAGS.test(c)) {
        if (c === 'i') next.i = on;
        else if (c === 's') next.s = on;
        else if (c === 'x') next.x = on;
        if (c === 'i' && on) this.caseInsensitive = true;
      } else if (!this.boost && c === 'x') {
        this.unsupported(this.i, this.i + 1, { feature: 'extendedFlag' });
      } else if (/[A-Za-z]/.test(c)) {
        this.fail('badFlag', this.i, this.i + 1);
      } else {
        const close = this.src.indexOf(')', this.i);
        this.fail('badGroup', start, close < 0 ? this.src.length : close + 1);
      }
      this.i++;
    }
    if (!on && this.src[this.i - 1] === '-') this.fail('badFlag', this.i - 1, this.i);
    if (this.peek() === ')') {
      this.i++;
      this.flags = next; // to the end of the enclosing group
      return 'flags';
    }
    this.i++; // :
    const saved = this.flags;
    this.flags = next;
    const body = this.parseAlternation(depth + 1);
    this.flags = saved;
    this.closeGroup(start);
    return { t: 'group', kind: 'group', body, start, end: this.i };
  }

  private groupBody(start: number, depth: number, kind: GroupKind, index?: number): RNode {
    const saved = this.flags;
    const body = this.parseAlternation(depth + 1);
    this.flags = saved;
    this.closeGroup(start);
    if (index !== undefined) this.closed.add(index);
    const node: RNode = { t: 'group', kind, body, index, start, end: this.i };
    if (this.boost) {
      if ((kind === 'lookahead' || kind === 'atomic') && isEmpty(body)) this.fail('emptyAssertion', start, this.i);
      if (kind === 'lookbehind' || kind === 'neglookbehind') {
        const w = width(body);
        if (w.min !== w.max) this.fail('lookbehindWidth', start, this.i);
      }
    }
    return node;
  }

  private closeGroup(start: number): void {
    if (this.peek() !== ')') this.fail('unclosedGroup', start, start + 1);
    this.i++;
  }

  private branchReset(start: number, depth: number): RNode {
    // (?|a(b)|c(d)) — every alternative numbers its groups from the same base
    const base = this.groupCount;
    let max = base;
    const saved = this.flags;
    const alts: RNode[] = [];
    const altStart = this.i;
    for (;;) {
      this.groupCount = base;
      alts.push(this.parseSequence(depth + 1));
      max = Math.max(max, this.groupCount);
      if (this.peek() !== '|') break;
      this.i++;
    }
    this.groupCount = max;
    this.flags = saved;
    this.closeGroup(start);
    const body: RNode = alts.length === 1 ? alts[0]! : { t: 'alt', alts, start: altStart, end: this.i - 1 };
    return { t: 'group', kind: 'group', body, start, end: this.i };
  }

  private conditional(start: number, depth: number): RNode {
    // (?(cond)yes|no): cond is a group number, <name>, 'name', R, R1, R&name, DEFINE or a lookaround
    this.i++; // second (
    if (this.peek() === '?') {
      this.i--; // parse the lookaround as a group
      const save = this.i;
      const g = this.parseGroup(depth + 1);
      if (g === 'flags' || g === 'nothing' || g.t !== 'group' || !['lookahead', 'neglookahead', 'lookbehind', 'neglookbehind'].includes(g.kind)) {
        this.fail('badGroup', start, save + 1);
      }
    } else {
      const close = this.src.indexOf(')', this.i);
      if (close < 0) this.fail('unclosedGroup', start, start + 1);
      const cond = this.src.slice(this.i, close);
      if (!/^(?:\d+|<[^>]+>|'[^']+'|R\d*|R&.+|DEFINE|[A-Za-z_]\w*)$/.test(cond)) this.fail('badGroup', start, close + 1);
      if (/^\d+$/.test(cond) && Number(cond) === 0) this.fail('badGroup', start, close + 1);
      this.i = close + 1;
    }
    const body = this.parseAlternation(depth + 1);
    this.closeGroup(start);
    if (body.t === 'alt' && body.alts.length > 2) this.fail('conditionalBranches', start, this.i);
    return { t: 'opaque', start, end: this.i };
  }

  // ---------------------------------------------------------------- escapes

  private parseEscape(): RNode | 'nothing' {
    const start = this.i;
    this.i++; // backslash
    const c = this.peek();
    if (c === undefined) this.fail('trailingBackslash', start, start + 1);
    this.i++;
    const node = (js: string): RNode => ({ t: 'char', js, start, end: this.i });
    const assert = (js: string): RNode => ({ t: 'assert', js, start, end: this.i });
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 's':
      case 'S':
        return node('\\' + c);
      case 'b':
      case 'B':
        return assert('\\' + c);
      case 'A':
        return assert('^');
      case 'z':
        return assert('$');
      case 'Q':
        return this.quoted(start);
      case 'p':
      case 'P':
        return node(this.property(start, c === 'P'));
      case 'x':
        return node(jsChar(this.hexEscape(start)));
      case '0':
        return node(jsChar(this.octal()));
      case 'a':
        return node(hex(7));
      case 'f':
        return node('\\f');
      case 'n':
        return node('\\n');
      case 'r':
        return node('\\r');
      case 't':
        return node('\\t');
    }
    if (/[1-9]/.test(c)) return this.numericBackref(start, c);
    if (this.boost) {
      switch (c) {
        case 'h':
          return node(`[${H_SPACE}]`);
        case 'H':
          return node(`[^${H_SPACE}]`);
        case 'v':
          return node(`[${V_SPACE}]`);
        case 'V':
          return node(`[^${V_SPACE}]`);
        case 'l':
          return node('[a-z]');
        case 'L':
          return node('[^a-z]');
        case 'u':
          return node('[A-Z]');
        case 'U':
          return node('[^A-Z]');
        case 'N':
          if (this.peek() === '{') {
            const close = this.src.indexOf('}', this.i);
            if (close < 0) this.fail('badEscape', start, this.src.length);
            this.i = close + 1;
            return node('[^]');
          }
          return node('[^\\n]'); // Perl: any but newline
        case 'Z':
          return assert('$');
        case 'G':
          return assert('');
        case 'K':
          return assert('');
        case '<':
        case '>':
          return assert('\\b');
        case '`':
          return assert('^');
        case "'":
          return assert('$');
        case 'C':
          return node('[^]');
        case 'X':
          return { t: 'opaque', start, end: this.i };
        case 'R':
          return { t: 'raw', js: `(?:\\r\\n|[${V_SPACE}])`, min: 1, max: 2, start, end: this.i };
        case 'e':
          return node(hex(27));
        case 'c': {
          if (this.eof()) this.fail('badEscape', start, this.i);
          const cp = this.src.codePointAt(this.i)! % 32;
          this.i++;
          return node(hex(cp));
        }
        case 'o': {
          const m = /^\{([0-7]+)\}/.exec(this.src.slice(this.i));
          if (!m) this.fail('badEscape', start, this.i);
          this.i += m[0].length;
          return node(jsChar(parseInt(m[1]!, 8)));
        }
        case 'g':
        case 'k':
          return this.extendedBackref(start);
        case 'E':
          return 'nothing'; // a lone \E ends nothing
      }
      // Boost: any other escaped character is that character
      const cp = this.src.codePointAt(this.i - 1)!;
      if (cp > 0xffff) this.i++;
      return node(jsChar(cp));
    }
    // RE2
    switch (c) {
      case 'v':
        return node(hex(11));
      case 'C':
        this.unsupported(start, this.i, '`\\C`');
        break;
      case 'Z':
      case 'G':
      case 'K':
      case 'h':
      case 'H':
      case 'V':
      case 'R':
      case 'X':
      case 'N':
      case 'e':
      case 'c':
      case 'g':
      case 'k':
      case 'o':
      case 'l':
      case 'L':
      case 'u':
      case 'U':
      case 'E':
      case '<':
      case '>':
        this.unsupported(start, this.i, `\`\\${c}\``);
    }
    if (c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(c)) return node(jsChar(c.charCodeAt(0)));
    this.fail('badEscape', start, this.i);
  }

  private quoted(start: number): RNode | 'nothing' {
    // \Q...\E (or to the end)
    const end = this.src.indexOf('\\E', this.i);
    const text = this.src.slice(this.i, end < 0 ? this.src.length : end);
    if (this.boost && end < 0 && text.endsWith('\\') && !text.endsWith('\\\\')) {
      this.fail('badEscape', start, this.src.length);
    }
    this.i = end < 0 ? this.src.length : end + 2;
    if (!text) return 'nothing';
    const items: RNode[] = [];
    let k = 0;
    const base = start + 2;
    while (k < text.length) {
      const cp = text.codePointAt(k)!;
      const len = cp > 0xffff ? 2 : 1;
      items.push({ t: 'char', js: jsChar(cp), start: base + k, end: base + k + len });
      k += len;
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items, start, end: this.i };
  }

  private property(start: number, negated: boolean): string {
    let name: string;
    if (this.peek() === '{') {
      const close = this.src.indexOf('}', this.i);
      if (close < 0) this.fail('badEscape', start, this.src.length);
      name = this.src.slice(this.i + 1, close);
      this.i = close + 1;
      if (!name) this.fail('badEscape', start, this.i);
    } else {
      if (this.eof()) this.fail('badEscape', start, this.i);
      name = this.src[this.i++]!;
    }
    // for the analyser only: a JS property of the same name, else letters
    let js = `\\${negated ? 'P' : 'p'}{L}`;
    const cleaned = name.replace(/^\^/, '');
    try {
      new RegExp(`\\p{${cleaned}}`, 'u');
      js = `\\${negated !== name.startsWith('^') ? 'P' : 'p'}{${cleaned}}`;
    } catch {
      /* keep the approximation */
    }
    return js;
  }

  private hexEscape(start: number): number {
    if (this.peek() === '{') {
      const close = this.src.indexOf('}', this.i);
      const digits = close < 0 ? '' : this.src.slice(this.i + 1, close);
      if (close < 0 || !/^[0-9A-Fa-f]+$/.test(digits) || parseInt(digits, 16) > 0x10ffff) {
        this.fail('badEscape', start, close < 0 ? this.src.length : close + 1);
      }
      this.i = close + 1;
      return parseInt(digits, 16);
    }
    let digits = '';
    while (digits.length < 2 && HEX.test(this.peek() ?? '')) digits += this.src[this.i++];
    if (!digits) this.fail('badEscape', start, this.i);
    if (!this.boost && digits.length < 2) this.fail('badEscape', start, this.i);
    return parseInt(digits, 16);
  }

  /** After `\0`: up to 3 (Boost; 2 in RE2) more octal digits. */
  private octal(): number {
    let digits = '0';
    const max = this.boost ? 4 : 3;
    while (digits.length < max && /[0-7]/.test(this.peek() ?? '')) digits += this.src[this.i++];
    return parseInt(digits, 8);
  }

  private numericBackref(start: number, c: string): RNode {
    if (!this.boost) {
      // Go: \1-\7 followed by an octal digit is an octal escape; alone it is a backreference
      if (/[1-7]/.test(c) && /[0-7]/.test(this.peek() ?? '')) {
        while (this.i - start < 4 && /[0-7]/.test(this.peek() ?? '')) this.i++;
        return { t: 'char', js: hex(parseInt(this.src.slice(start + 1, this.i), 8) & 0xff), start, end: this.i };
      }
      if (c === '8' || c === '9') this.fail('badEscape', start, this.i);
      this.unsupported(start, this.i, { feature: 'backref' });
    }
    // Boost reads one digit; the group must already be closed
    const n = Number(c);
    if (!this.closed.has(n)) this.fail('badBackref', start, this.i);
    return { t: 'backref', start, end: this.i };
  }

  private extendedBackref(start: number): RNode {
    // \g1 \g-1 \g{1} \g{-1} \g{name} \g<name> \g'name' \k<name> \k'name' \k{name}
    const open = this.peek();
    const close = open === '{' ? '}' : open === '<' ? '>' : open === "'" ? "'" : undefined;
    let ref: string;
    if (close) {
      const end = this.src.indexOf(close, this.i + 1);
      if (end < 0) this.fail('badBackref', start, this.src.length);
      ref = this.src.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      const m = /^-?\d+/.exec(this.src.slice(this.i));
      if (!m) this.fail('badBackref', start, this.i + 1);
      ref = m[0];
      this.i += ref.length;
    }
    if (/^-?\d+$/.test(ref)) {
      let n = Number(ref);
      if (n < 0) n = this.groupCount + 1 + n;
      if (n <= 0 || !this.closed.has(n)) this.fail('badBackref', start, this.i);
    } else this.checkNamedBackref(ref, start, this.i);
    return { t: 'backref', start, end: this.i };
  }

  private checkNamedBackref(name: string, start: number, end: number): void {
    const n = this.names.get(name);
    if (n === undefined || !this.closed.has(n)) this.fail('badBackref', start, end);
  }

  // ---------------------------------------------------------------- classes

  private parseClass(): RNode {
    const start = this.i;
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const itemBase = this.i;
    const parts: string[] = [];
    let nonEmpty = false;
    for (;;) {
      if (this.eof()) this.fail('unclosedClass', start, start + 1);
      const c = this.peek()!;
      if (c === ']' && this.i !== itemBase) {
        this.i++;
        break;
      }
      // a set item: POSIX class, class escape, or a literal (maybe the start of a range)
      if (c === '[' && (this.peek(1) === ':' || this.peek(1) === '.' || this.peek(1) === '=')) {
        const r = this.bracketItem(start);
        if (r.kind === 'class') {
          parts.push(r.js);
          nonEmpty = true;
          continue;
        }
        if (r.kind === 'literal') {
          this.rangeFrom(r.cp, r.start, parts, start);
          nonEmpty = true;
          continue;
        }
      }
      if (c === '\\') {
        const cls = this.classEscape(start);
        if (cls !== undefined) {
          parts.push(cls);
          nonEmpty = true;
          continue;
        }
      }
      if (c === '-' && nonEmpty && this.boost && this.peek(1) !== ']') {
        // Boost: "-" after an item must end the set (basic_regex_parser get_next_set_literal)
        this.fail('classDash', this.i, this.i + 1);
      }
      const litStart = this.i;
      const cp = this.classLiteral(start);
      this.rangeFrom(cp, litStart, parts, start);
      nonEmpty = true;
    }
    const body = parts.join('');
    const js = body === '' ? (negated ? '[^]' : '[]') : `[${negated ? '^' : ''}${body}]`;
    return { t: 'char', js, start, end: this.i };
  }

  /** After a literal `cp`: a range `cp-x`, or a single character. */
  private rangeFrom(cp: number, litStart: number, parts: string[], classStart: number): void {
    if (this.peek() !== '-' || this.peek(1) === ']' || this.peek(1) === undefined) {
      parts.push(jsClassChar(cp));
      return;
    }
    this.i++; // -
    let endCp: number;
    if (this.peek() === '\\' && /[dDwWsShHvVlLuU]/.test(this.peek(1) ?? '')) {
      // RE2: a class cannot end a range; Boost reads `\d` here as the letter d
      if (!this.boost || !/[dDwWsShHvVlLuU]/.test(this.peek(1)!)) this.fail('classRange', litStart, this.i + 2);
      endCp = this.src.charCodeAt(this.i + 1);
      this.i += 2;
    } else if (this.peek() === '[' && this.peek(1) === ':' && !this.boost) {
      this.fail('classRange', litStart, this.i + 2);
    } else {
      endCp = this.classLiteral(classStart);
    }
    if (endCp < cp) this.fail('classRange', litStart, this.i);
    parts.push(`${jsClassChar(cp)}-${jsClassChar(endCp)}`);
    // Boost: after a range, a `-` must end the set
    if (this.boost && this.peek() === '-' && this.peek(1) !== ']') this.fail('classDash', this.i, this.i + 1);
  }

  /** `[:name:]`, `[.x.]`, `[=x=]` inside a set. */
  private bracketItem(classStart: number): { kind: 'class'; js: string } | { kind: 'literal'; cp: number; start: number } | { kind: 'none' } {
    const start = this.i;
    const kind = this.peek(1)!;
    const close = this.src.indexOf(kind + ']', this.i + 2);
    if (kind === ':') {
      if (close < 0 || (this.boost ? false : this.src.slice(this.i + 2, close).includes(']'))) {
        if (this.boost) this.fail('posixClass', start, close < 0 ? this.src.length : close + 2);
        return { kind: 'none' }; // RE2: a literal [
      }
      let name = this.src.slice(this.i + 2, close);
      if (this.boost && name.includes(']')) {
        // Boost scans to the next ':' and then requires ']'
        this.fail('posixClass', start, this.src.indexOf(']', start) + 1 || this.src.length);
      }
      const negated = name.startsWith('^');
      if (negated) name = name.slice(1);
      const lname = this.boost ? name.toLowerCase() : name;
      if (this.boost && (name === '<' || name === '>')) {
        this.i = close + 2;
        return { kind: 'class', js: '' };
      }
      const known = this.boost ? BOOST_CLASS_NAMES.has(lname) : RE2_CLASS_NAMES.has(lname);
      if (!known) this.fail('posixClass', start, close + 2);
      this.i = close + 2;
      const members = POSIX_JS[lname] ?? '\\w';
      // a negated POSIX class inside a set has no JS form without the v flag: approximate
      return { kind: 'class', js: negated ? (lname === 'digit' || lname === 'd' ? '\\D' : lname === 'space' || lname === 's' ? '\\S' : '\\W') : members };
    }
    if (!this.boost) return { kind: 'none' };
    // collating element / equivalence class: Boost needs the closing .] / =]
    if (close < 0) this.fail('unclosedClass', classStart, classStart + 1);
    const name = this.src.slice(this.i + 2, close);
    this.i = close + 2;
    const cp = name.length === 1 || (name.length === 2 && name.codePointAt(0)! > 0xffff) ? name.codePointAt(0)! : COLLATE_NAMES[name] ?? 0xe001;
    return { kind: 'literal', cp, start };
  }

  /** `\d` etc. inside a set: JS text, or undefined when the escape is a literal. */
  private classEscape(classStart: number): string | undefined {
    const c = this.peek(1);
    if (c === undefined) this.fail('unclosedClass', classStart, classStart + 1);
    if (/[dDwWsS]/.test(c)) {
      this.i += 2;
      return '\\' + c;
    }
    if (c === 'p' || c === 'P') {
      if (!this.boost) {
        const start = this.i;
        this.i += 2;
        return this.property(start, c === 'P');
      }
      return undefined; // Boost: \p in a set is the letter p
    }
    if (this.boost) {
      const m: Record<string, string> = { h: H_SPACE, v: V_SPACE, l: 'a-z', u: 'A-Z', H: '\\S', V: '\\S', L: '\\W', U: '\\W' };
      if (m[c] !== undefined) {
        this.i += 2;
        return m[c];
      }
    }
    return undefined;
  }

  /** One literal character of a set (escape or plain), as a code point. */
  private classLiteral(classStart: number): number {
    const c = this.peek();
    if (c === undefined) this.fail('unclosedClass', classStart, classStart + 1);
    if (c !== '\\') {
      const cp = this.src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const start = this.i;
    this.i++;
    const e = this.peek();
    if (e === undefined) this.fail('unclosedClass', classStart, classStart + 1);
    this.i++;
    switch (e) {
      case 'a':
        return 7;
      case 'b':
        if (!this.boost) this.fail('badEscape', start, this.i);
        return 8;
      case 'e':
        if (!this.boost) this.unsupported(start, this.i, '`\\e`');
        return 27;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
      case 'x':
        return this.hexEscape(start);
      case '0':
        return this.octal();
      case 'c':
        if (!this.boost) this.unsupported(start, this.i, '`\\c`');
        if (this.eof()) this.fail('badEscape', start, this.i);
        return this.src.codePointAt(this.i++)! % 32;
    }
    if (!this.boost) {
      if (/[1-7]/.test(e)) {
        while (this.i - start < 4 && /[0-7]/.test(this.peek() ?? '')) this.i++;
        return parseInt(this.src.slice(start + 1, this.i), 8) & 0xff;
      }
      if (e.charCodeAt(0) < 0x80 && !/[A-Za-z0-9]/.test(e)) return e.charCodeAt(0);
      this.fail('badEscape', start, this.i);
    }
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }
}

/** A few of Boost's collating element names (`[[.space.]]`), for the analyser. */
const COLLATE_NAMES: Record<string, number> = { space: 32, tab: 9, newline: 10, 'carriage-return': 13, hyphen: 45, 'full-stop': 46, period: 46, comma: 44, underscore: 95, NUL: 0 };

function isEmpty(n: RNode): boolean {
  return n.t === 'seq' && n.items.length === 0;
}

/** The possible lengths (in characters) a node matches; max may be Infinity. */
export function width(n: RNode): { min: number; max: number } {
  switch (n.t) {
    case 'seq': {
      let min = 0;
      let max = 0;
      for (const it of n.items) {
        const w = width(it);
        min += w.min;
        max += w.max;
      }
      return { min, max };
    }
    case 'alt': {
      const ws = n.alts.map(width);
      return { min: Math.min(...ws.map((w) => w.min)), max: Math.max(...ws.map((w) => w.max)) };
    }
    case 'char':
      return { min: 1, max: 1 };
    case 'assert':
      return { min: 0, max: 0 };
    case 'raw':
      return { min: n.min, max: n.max };
    case 'group':
      return n.kind === 'capture' || n.kind === 'group' || n.kind === 'atomic' ? width(n.body) : { min: 0, max: 0 };
    case 'quant': {
      const w = width(n.body);
      return { min: w.min * n.min, max: n.max === Infinity ? (w.max === 0 ? 0 : Infinity) : w.max * n.max };
    }
    case 'backref':
    case 'opaque':
      return { min: 0, max: Infinity };
  }
}

/** Parsed regexes by (dialect, source), bounded by memory: a parse tree holds a few hundred bytes per character of the source. */
const cache = new BoundedCache<string, ParsedRegex>('parsed regexes', 16 << 20, (k) => stringCost(k) + 256 * k.length + 512);

/** Parses (and caches) a regex of the given dialect. */
export function parseRegex(source: string, dialect: Dialect = 'boost'): ParsedRegex {
  const key = dialect + '\u0000' + source;
  const hit = cache.get(key);
  if (hit) return hit;
  const parsed = new Parser(source, dialect).parse();
  cache.set(key, parsed);
  return parsed;
}

/** Number of capture groups, or undefined when the regex does not compile. */
export function captureGroupCount(source: string, dialect: Dialect = 'boost'): number | undefined {
  const p = parseRegex(source, dialect);
  return p.error ? undefined : p.groups;
}


/** A localized description of a syntax issue (the `{problem}` of the rule message). */
export function describeIssue(issue: RegexIssue, locale: Locale): string {
  const text = issue.feature ? term(locale, `regex.feature.${issue.feature}`) : issue.text.length > 60 ? issue.text.slice(0, 57) + '…' : issue.text;
  return term(locale, `regex.${issue.code}`, { text });
}
