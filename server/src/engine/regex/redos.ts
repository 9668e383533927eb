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
 *    binary, no JVM); the regex itself is never executed by us. Everything is bounded by a
 *    budget of **steps**, not of wall time, so the verdict is the same on any machine and
 *    under any load: parsing and candidate selection charge one step per character and per
 *    node, and each recheck call runs with fixed step limits (NFA size for its automaton
 *    checker; characters read by its matching VM, iterations and generation sizes for its
 *    fuzzer; no timeouts) and charges `CALL_STEPS`. Results are cached per regex string and
 *    budget, so a keystroke elsewhere in the file costs nothing.
 *
 * Translation choices (JS has no atomic groups or possessive quantifiers): an atomic group or
 * a possessively quantified atom never backtracks into itself, so it becomes one private-use
 * character that overlaps nothing; `.` matches a newline (Boost's default with match_default);
 * `\h`, `\R`, POSIX classes, `\Q…\E` are expanded. Loops containing backreferences,
 * recursion, conditionals or verbs are not analysed.
 */
import type { Diagnostics, Parameters } from 'recheck';
import { BoundedCache, stringCost } from '../model/cache';
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
  /** `vulnerable`: at least one loop backtracks catastrophically; `unknown`: not decided within the budget (or not analysable). */
  status: 'vulnerable' | 'safe' | 'unknown';
  loops: RedosLoop[];
  /** Steps the analysis used (the same when served from the cache, so callers sharing a budget stay deterministic). */
  steps: number;
  /** Why the result is `unknown` or trivially safe. */
  note?: 'invalid' | 're2-linear' | 'budget' | 'unsupported' | 'no-analyser';
}

export interface RedosOptions {
  dialect?: Dialect;
  /** Step budget for everything the analysis of one regex does (default `DEFAULT_BUDGET_STEPS`). */
  budgetSteps?: number;
}

/** A bounded loop `{n,m}` with m at least this is treated like an unbounded one. */
export const BOUNDED_LOOP_MIN = 10;
/** Steps one recheck call is charged (its own work is bounded by `RECHECK_LIMITS`). */
export const CALL_STEPS = 20_000;
/** Default budget of one regex: its parse, candidate selection and two or three recheck calls. */
export const DEFAULT_BUDGET_STEPS = 60_000;
const PLACEHOLDER = '\\u{e000}';

/**
 * recheck with step limits only (every timeout off): the same verdict on any machine. The
 * automaton checker is used for patterns up to `maxPatternSize` characters whose NFA has at
 * most `maxNFASize` states (its work grows with that size); larger ones go to the fuzzer, whose
 * work is bounded by the characters its VM may read and by its iteration and generation sizes.
 */
export const RECHECK_LIMITS: Parameters = {
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  recallTimeout: -1,
  checker: 'auto',
  maxPatternSize: 1500,
  maxNFASize: 1500,
  attackLimit: 50_000,
  incubationLimit: 10_000,
  seedingLimit: 1000,
  maxIteration: 3,
  maxInitialGenerationSize: 100,
  maxGenerationSize: 30,
  maxAttackStringSize: 10_000,
  maxGeneStringSize: 1000,
  randomSeed: 0,
};

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
      analyser('^(?:(?:a|a)*)$', 'u', RECHECK_LIMITS);
      analyser('^(?:(?:\\w+\\.)*)$', 'u', RECHECK_LIMITS);
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

/** Steps left for one analysis: every part of it charges here, and stops when it runs out. */
class Meter {
  used = 0;
  constructor(readonly budget: number) {}
  /** Charge `n` steps; false when the budget does not cover them. */
  take(n: number): boolean {
    if (this.used + n > this.budget) {
      this.used = this.budget;
      return false;
    }
    this.used += n;
    return true;
  }
  get left(): number {
    return this.budget - this.used;
  }
}

class OutOfSteps extends Error {}

function step(m: Meter): void {
  if (!m.take(1)) throw new OutOfSteps();
}

/** Can the node match one text in several ways at all (a variable quantifier or an alternation)? */
function hasChoice(n: RNode, m: Meter): boolean {
  step(m);
  switch (n.t) {
    case 'seq':
      return n.items.some((x) => hasChoice(x, m));
    case 'alt':
      return n.alts.length > 1 || n.alts.some((x) => hasChoice(x, m));
    case 'raw':
      return n.min !== n.max;
    case 'group':
      return n.kind === 'capture' || n.kind === 'group' ? hasChoice(n.body, m) : false;
    case 'quant':
      return !n.possessive && (n.min !== n.max || hasChoice(n.body, m));
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
function candidatesOf(n: RNode, tail: boolean, out: Candidate[], m: Meter): Candidate[] {
  step(m);
  switch (n.t) {
    case 'seq': {
      // tail for item k: every later item is zero-width (one backward pass: linear)
      let rest = tail;
      const tails: boolean[] = new Array(n.items.length);
      for (let k = n.items.length - 1; k >= 0; k--) {
        tails[k] = rest;
        rest = rest && zeroWidth(n.items[k]!);
      }
      n.items.forEach((it, k) => candidatesOf(it, tails[k]!, out, m));
      break;
    }
    case 'alt':
      n.alts.forEach((a) => candidatesOf(a, tail, out, m));
      break;
    case 'group':
      if (n.kind === 'capture' || n.kind === 'group') candidatesOf(n.body, tail, out, m);
      else if (n.kind !== 'atomic') candidatesOf(n.body, true, out, m); // a lookaround succeeds at its first match
      break;
    case 'quant':
      if (n.possessive) break;
      if (isLoop(n) && hasChoice(n.body, m)) out.push({ loop: n, tail });
      else candidatesOf(n.body, false, out, m);
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
function checkLoop({ loop, tail }: Candidate, flags: string, m: Meter): Verdict {
  let body: string;
  try {
    body = toJs(loop.body);
  } catch (e) {
    if (e instanceof Unanalysable) return 'unsupported';
    throw e;
  }
  const src = `^(?:${atomize(body, loop.body)}${loop.min > 0 ? '+' : '*'})${tail ? '' : '\\u{e001}'}$`;
  // translating and compiling cost one step per character; the analyser call a fixed amount
  if (!m.take(src.length)) throw new OutOfSteps();
  try {
    new RegExp(src, flags); // compile only: a translation the JS parser rejects is not analysed
  } catch {
    return 'unsupported';
  }
  if (!analyser) return 'unknown';
  if (!m.take(CALL_STEPS)) throw new OutOfSteps();
  const d = analyser(src, flags, RECHECK_LIMITS);
  if (d.status === 'vulnerable') return d.complexity.type === 'exponential' ? 'exponential' : 'safe';
  if (d.status === 'safe') return 'safe';
  return d.error.kind === 'unsupported' || d.error.kind === 'invalid' ? 'unsupported' : 'unknown';
}

/** Results by (dialect, budget, regex), bounded by memory (the key holds the regex's text). */
const cache = new BoundedCache<string, RedosResult>('ReDoS analyses', 4 << 20, (k) => stringCost(k) + 512);

function cacheKey(source: string, dialect: Dialect, budgetSteps: number): string {
  return `${dialect}\u0000${budgetSteps}\u0000${source}`;
}

/**
 * Would `analyseRedos` have to run the analyser (a Boost regex with a candidate loop, not yet
 * in the cache)? Parses only (itself bounded by the default budget). Lets a caller load and
 * warm the analyser up first.
 */
export function needsRedosAnalysis(source: string, dialect: Dialect = 'boost'): boolean {
  if (dialect !== 'boost') return false;
  if (cache.has(cacheKey(source, dialect, DEFAULT_BUDGET_STEPS))) return false;
  const m = new Meter(DEFAULT_BUDGET_STEPS);
  if (!m.take(source.length)) return false;
  const parsed = parseRegex(source, dialect);
  if (parsed.error || !parsed.ast) return false;
  try {
    return candidatesOf(parsed.ast, true, [], m).length > 0;
  } catch (e) {
    if (e instanceof OutOfSteps) return false;
    throw e;
  }
}

/**
 * Does the regex backtrack catastrophically? Synchronous, bounded by `budgetSteps` (see the
 * top of this file), deterministic, cached per (dialect, budget, regex). With a budget of 0
 * nothing is analysed (`unknown`, note `budget`).
 */
export function analyseRedos(source: string, options: RedosOptions = {}): RedosResult {
  const dialect = options.dialect ?? 'boost';
  const budgetSteps = Math.max(0, Math.floor(options.budgetSteps ?? DEFAULT_BUDGET_STEPS));
  const key = cacheKey(source, dialect, budgetSteps);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = analyse(source, dialect, new Meter(budgetSteps));
  cache.set(key, result);
  return result;
}

function analyse(source: string, dialect: Dialect, m: Meter): RedosResult {
  const done = (r: Omit<RedosResult, 'steps'>): RedosResult => ({ ...r, steps: m.used });
  if (dialect === 're2') return done({ status: 'safe', loops: [], note: 're2-linear' });
  // parsing is linear in the regex's length
  if (!m.take(source.length)) return done({ status: 'unknown', loops: [], note: 'budget' });
  const parsed = parseRegex(source, dialect);
  if (parsed.error || !parsed.ast) return done({ status: 'unknown', loops: [], note: 'invalid' });
  const ast = parsed.ast;
  const loops: RedosLoop[] = [];
  let undecided: RedosResult['note'];
  try {
    const candidates = candidatesOf(ast, true, [], m);
    if (!candidates.length) return done({ status: 'safe', loops: [] });
    if (!warmUpRedos()) return done({ status: 'unknown', loops: [], note: 'no-analyser' });
    const flags = parsed.caseInsensitive ? 'iu' : 'u';
    const visit = (c: Candidate) => {
      const v = checkLoop(c, flags, m);
      if (v === 'exponential') {
        loops.push({ start: c.loop.start, end: c.loop.end, bounded: c.loop.max !== Infinity, max: c.loop.max });
        return;
      }
      if (v === 'safe') return; // every loop inside it was part of that check
      // not decided: smaller loops inside may still be decidable
      const inner = candidatesOf(c.loop.body, false, [], m);
      if (!inner.length) undecided ??= v === 'unsupported' ? 'unsupported' : 'budget';
      inner.forEach(visit);
    };
    candidates.forEach(visit);
  } catch (e) {
    if (!(e instanceof OutOfSteps)) throw e;
    undecided = 'budget';
  }
  if (loops.length) return done({ status: 'vulnerable', loops });
  return undecided ? done({ status: 'unknown', loops, note: undecided }) : done({ status: 'safe', loops });
}
