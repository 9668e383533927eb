/**
 * Catastrophic-backtracking check for Boost (Perl-style) regexes, built on the `recheck`
 * analyser (see docs/regex-analyser.md for why recheck and how it was measured).
 *
 * How:
 * 1. `syntax.ts` parses the regex with the agent's dialect. Go RE2 regexes are never
 *    analysed: RE2 matches in linear time.
 * 2. Exponential backtracking needs a loop (`*`, `+`, `{n,}`, or a large `{n,m}`) whose body
 *    can match the same text in more than one way; that needs a quantifier or an alternation
 *    inside the loop. Only such loops are candidates, so the common log regexes (no nested
 *    quantifier) cost nothing.
 * 3. Each candidate loop is translated to JavaScript and checked **on its own** as
 *    `^(?:(?:body)+)$`, the way the agent applies `regex` (boost::regex_match: the whole
 *    text). A loop whose body can split one text in two ways backtracks exponentially on a
 *    text that then fails to match; the rest of the regex only decides whether such a text
 *    can reach the loop, which on log lines it practically always can. Checking the loop
 *    alone keeps the analyser's input small, so it answers in milliseconds instead of timing
 *    out on a whole 200-character log regex.
 * 4. recheck runs synchronously in-process (its pure-JavaScript build: no worker, no native
 *    binary, no JVM) with a time budget per regex; the regex itself is never executed by us.
 *    Results are cached per regex string, so a keystroke elsewhere in the file costs nothing.
 *
 * Translation choices (JS has no atomic groups or possessive quantifiers): an atomic group or
 * a possessively quantified atom never backtracks into itself, so it becomes one private-use
 * character that overlaps nothing; `.` matches a newline (Boost's default with match_default);
 * `\h`, `\R`, POSIX classes, `\Q…\E` are expanded. Loops containing backreferences,
 * recursion, conditionals or verbs are not analysed.
 */
import type { Diagnostics, Parameters } from 'recheck';
import { parseRegex, type Dialect, type RNode } from './syntax';

export interface RedosLoop {
  /** Offsets of the loop in the regex source. */
  start: number;
  end: number;
  /** A bounded repetition such as `(.*a){12}`: polynomial of a high degree rather than exponential. */
  bounded: boolean;
  /** The loop's upper bound (Infinity for `*`, `+`, `{n,}`). */
  max: number;
}

export interface RedosResult {
  /** `vulnerable`: at least one loop backtracks catastrophically; `unknown`: not decided in time (or not analysable). */
  status: 'vulnerable' | 'safe' | 'unknown';
  loops: RedosLoop[];
  /** Wall-clock time of the analysis (0 when served from the cache). */
  elapsedMs: number;
  /** Why the result is `unknown` or trivially safe. */
  note?: 'invalid' | 're2-linear' | 'timeout' | 'unsupported' | 'no-analyser';
}

export interface RedosOptions {
  dialect?: Dialect;
  /** Time budget for all loops of one regex, in ms (default 500). */
  budgetMs?: number;
}

/** A bounded loop `{n,m}` with m at least this is treated like an unbounded one. */
export const BOUNDED_LOOP_MIN = 10;
export const DEFAULT_BUDGET_MS = 500;
const PLACEHOLDER = '\\u{e000}';

type CheckSync = (source: string, flags: string, params?: Parameters) => Diagnostics;
let analyser: CheckSync | null | undefined;

/**
 * Loads recheck (lazily, only when a regex has a candidate loop: 60–130 ms) and warms it up
 * once (150–300 ms; up to ~1 s on a loaded machine), so the first real analysis is not eaten
 * by JIT warm-up. Returns false when the analyser cannot be loaded (the rule then stays silent).
 */
export function warmUpRedos(): boolean {
  if (analyser === undefined) {
    try {
      // The browser build's checkSync is the pure Scala.js checker, run in this thread.
      // (The Node build's checkSync goes through a worker and a native/JVM backend, which a
      // bundled language server cannot ship.)
      const mod = require('recheck/lib/browser.js') as typeof import('recheck');
      analyser = mod.checkSync;
      analyser('^(?:(?:a|a)*)$', 'u', { timeout: 1000 });
      analyser('^(?:(?:\\w+\\.)*)$', 'u', { timeout: 1000 });
    } catch {
      analyser = null;
    }
  }
  return analyser !== null;
}

class Unanalysable extends Error {}

function atomize(js: string, n: RNode): string {
  return n.t === 'char' || (n.t === 'group' && n.kind !== 'atomic') ? js : `(?:${js})`;
}

/** A quantifier; large finite upper bounds become unbounded (same ambiguity, smaller automaton). */
function quantText(min: number, max: number): string {
  const hi = max === Infinity || (max > 2 * BOUNDED_LOOP_MIN && max !== min) ? Infinity : max;
  if (min === 0 && hi === Infinity) return '*';
  if (min === 1 && hi === Infinity) return '+';
  if (min === 0 && hi === 1) return '?';
  if (hi === Infinity) return `{${min},}`;
  return min === hi ? `{${min}}` : `{${min},${hi}}`;
}

/** JavaScript (u flag) source for a node; throws Unanalysable for constructs JS cannot express. */
export function toJs(n: RNode): string {
  switch (n.t) {
    case 'seq':
      return n.items.map(toJs).join('');
    case 'alt':
      return n.alts.map(toJs).join('|');
    case 'char':
    case 'assert':
    case 'raw':
      return n.js;
    case 'group':
      switch (n.kind) {
        case 'atomic':
          return PLACEHOLDER;
        case 'lookahead':
          return `(?=${toJs(n.body)})`;
        case 'neglookahead':
          return `(?!${toJs(n.body)})`;
        case 'lookbehind':
          return `(?<=${toJs(n.body)})`;
        case 'neglookbehind':
          return `(?<!${toJs(n.body)})`;
        default:
          return `(?:${toJs(n.body)})`;
      }
    case 'quant':
      if (n.possessive) return PLACEHOLDER;
      return atomize(toJs(n.body), n.body) + quantText(n.min, n.max);
    case 'backref':
    case 'opaque':
      throw new Unanalysable();
  }
}

function isLoop(n: RNode): n is Extract<RNode, { t: 'quant' }> {
  return n.t === 'quant' && !n.possessive && (n.max === Infinity || n.max >= BOUNDED_LOOP_MIN);
}

/** Can the node match one text in several ways at all (a variable quantifier or an alternation)? */
function hasChoice(n: RNode): boolean {
  switch (n.t) {
    case 'seq':
      return n.items.some(hasChoice);
    case 'alt':
      return n.alts.length > 1 || n.alts.some(hasChoice);
    case 'raw':
      return n.min !== n.max;
    case 'group':
      return n.kind === 'capture' || n.kind === 'group' ? hasChoice(n.body) : false;
    case 'quant':
      return !n.possessive && (n.min !== n.max || hasChoice(n.body));
    default:
      return false;
  }
}

type Verdict = 'exponential' | 'safe' | 'unknown' | 'unsupported';

type Quant = Extract<RNode, { t: 'quant' }>;
/** A candidate loop; `tail`: nothing that consumes text follows it (the regex may end right after it). */
interface Candidate {
  loop: Quant;
  tail: boolean;
}

function zeroWidth(n: RNode): boolean {
  return n.t === 'assert' || (n.t === 'group' && n.kind !== 'capture' && n.kind !== 'group' && n.kind !== 'atomic');
}

/** Candidate loops of a subtree (not descending into candidates, atomic groups or possessive loops). */
function candidatesOf(n: RNode, tail: boolean, out: Candidate[]): Candidate[] {
  switch (n.t) {
    case 'seq':
      n.items.forEach((it, k) => candidatesOf(it, tail && n.items.slice(k + 1).every(zeroWidth), out));
      break;
    case 'alt':
      n.alts.forEach((a) => candidatesOf(a, tail, out));
      break;
    case 'group':
      if (n.kind === 'capture' || n.kind === 'group') candidatesOf(n.body, tail, out);
      else if (n.kind !== 'atomic') candidatesOf(n.body, true, out); // a lookaround succeeds at its first match
      break;
    case 'quant':
      if (n.possessive) break;
      if (isLoop(n) && hasChoice(n.body)) out.push({ loop: n, tail });
      else candidatesOf(n.body, false, out);
      break;
  }
  return out;
}

/**
 * The loop alone, matched against a whole text. When more pattern follows the loop, a
 * private-use sentinel stands for "something the rest of the regex can fail on"; at the end
 * of the regex only the end of the text follows (so a loop that accepts every text, such as
 * `(.*)*` with Boost's dot, never fails and never backtracks).
 */
function checkLoop({ loop, tail }: Candidate, flags: string, deadline: number): Verdict {
  let body: string;
  try {
    body = toJs(loop.body);
  } catch (e) {
    if (e instanceof Unanalysable) return 'unsupported';
    throw e;
  }
  const src = `^(?:${atomize(body, loop.body)}${loop.min > 0 ? '+' : '*'})${tail ? '' : '\\u{e001}'}$`;
  try {
    new RegExp(src, flags); // compile only: a translation the JS parser rejects is not analysed
  } catch {
    return 'unsupported';
  }
  const remaining = Math.floor(deadline - performance.now());
  if (remaining < 5 || !analyser) return 'unknown';
  const d = analyser(src, flags, { timeout: remaining, attackTimeout: remaining, incubationTimeout: remaining, seedingTimeout: remaining });
  if (d.status === 'vulnerable') return d.complexity.type === 'exponential' ? 'exponential' : 'safe';
  if (d.status === 'safe') return 'safe';
  return d.error.kind === 'unsupported' || d.error.kind === 'invalid' ? 'unsupported' : 'unknown';
}

interface CacheEntry {
  result: RedosResult;
  budgetMs: number;
  attempts: number;
}
const cache = new Map<string, CacheEntry>();
const CACHE_MAX = 1000;
/** An analysis that ran out of time is tried again on this many calls (a busy machine, a cold JIT). */
const TIMEOUT_ATTEMPTS = 3;

/** Can the cached entry be used for a call with this budget? */
function usable(hit: CacheEntry | undefined, budgetMs: number): boolean {
  if (!hit) return false;
  if (hit.result.note !== 'timeout') return true;
  return hit.budgetMs >= budgetMs && hit.attempts >= TIMEOUT_ATTEMPTS;
}

/**
 * Would `analyseRedos` have to run the analyser (a Boost regex with a candidate loop, not yet
 * decided in the cache)? Cheap: parses only. Lets a caller warm the analyser up first.
 */
export function needsRedosAnalysis(source: string, dialect: Dialect = 'boost'): boolean {
  if (dialect !== 'boost') return false;
  if (usable(cache.get(dialect + '\u0000' + source), DEFAULT_BUDGET_MS)) return false;
  const parsed = parseRegex(source, dialect);
  return !parsed.error && !!parsed.ast && candidatesOf(parsed.ast, true, []).length > 0;
}

/**
 * Does the regex backtrack catastrophically? Synchronous, bounded by `budgetMs` (recheck
 * checks its deadline cooperatively: measured overruns are under 10 ms once warm), cached per
 * (dialect, regex). A result that ran out of time is recomputed when a later call offers a
 * larger budget, and on the next calls up to 3 attempts in all (with `budgetMs <= 0` only
 * regexes without a candidate loop get an answer).
 */
export function analyseRedos(source: string, options: RedosOptions = {}): RedosResult {
  const dialect = options.dialect ?? 'boost';
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const key = dialect + '\u0000' + source;
  const hit = cache.get(key);
  if (hit && usable(hit, budgetMs)) return { ...hit.result, elapsedMs: 0 };
  const result = analyse(source, dialect, budgetMs);
  // a call without time to spend does not use up an attempt
  const attempts = (hit?.attempts ?? 0) + (budgetMs > 0 ? 1 : 0);
  cache.delete(key);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, { result, budgetMs: Math.max(budgetMs, hit?.budgetMs ?? 0), attempts });
  return result;
}

function analyse(source: string, dialect: Dialect, budgetMs: number): RedosResult {
  const parsed = parseRegex(source, dialect);
  if (parsed.error || !parsed.ast) return { status: 'unknown', loops: [], elapsedMs: 0, note: 'invalid' };
  if (dialect === 're2') return { status: 'safe', loops: [], elapsedMs: 0, note: 're2-linear' };

  const candidates = candidatesOf(parsed.ast, true, []);
  if (!candidates.length) return { status: 'safe', loops: [], elapsedMs: 0 };
  if (!warmUpRedos()) return { status: 'unknown', loops: [], elapsedMs: 0, note: 'no-analyser' };

  const t0 = performance.now();
  const deadline = t0 + budgetMs;
  const flags = parsed.caseInsensitive ? 'iu' : 'u';
  const loops: RedosLoop[] = [];
  let undecided: RedosResult['note'];
  const visit = (c: Candidate) => {
    const v = checkLoop(c, flags, deadline);
    if (v === 'exponential') {
      loops.push({ start: c.loop.start, end: c.loop.end, bounded: c.loop.max !== Infinity, max: c.loop.max });
      return;
    }
    if (v === 'safe') return; // every loop inside it was part of that check
    // not decided: smaller loops inside may still be decidable
    const inner = candidatesOf(c.loop.body, false, []);
    if (!inner.length) undecided ??= v === 'unsupported' ? 'unsupported' : 'timeout';
    inner.forEach(visit);
  };
  candidates.forEach(visit);
  const elapsedMs = performance.now() - t0;
  if (loops.length) return { status: 'vulnerable', loops, elapsedMs };
  return undecided ? { status: 'unknown', loops, elapsedMs, note: undecided } : { status: 'safe', loops, elapsedMs };
}
