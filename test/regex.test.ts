// Unit tests for server/src/engine/regex/: the Boost/RE2 syntax checker, capture-group
// counting, the JavaScript translation, value→file offsets, and the ReDoS analyser wrapper.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { captureGroupCount, describeIssue, parseRegex, type Dialect, type IssueCode } from '../server/src/engine/regex/syntax';
import { analyseRedos, DEFAULT_BUDGET_STEPS, needsRedosAnalysis, toJs, warmUpRedos } from '../server/src/engine/regex/redos';
import { rangeInValue, valueOffsets } from '../server/src/engine/regex/source-map';
import { regexFields } from '../server/src/engine/regex/fields';
import { lint, parseFile } from '../server/src/engine/index';
import { configsOfFile } from '../server/src/engine/model/logtail';
import { walk, type ScalarNode } from '../server/src/engine/parse/nodes';

function errorOf(src: string, dialect: Dialect = 'boost'): IssueCode | undefined {
  return parseRegex(src, dialect).error?.code;
}

describe('regex syntax: Boost (native agent)', () => {
  const accepted = [
    // the reference's own regexes (spec §3.1, §3.2)
    '\\[([^]]+)]\\s\\[(\\w+)]\\s\\[(\\w+)]\\s\\[([^:]+):(\\d+)]\\s(.*)',
    '\\[\\d+-\\d+-\\w+:\\d+:\\d+,\\d+]\\s\\[\\w+]\\s.*',
    '(\\d+-\\d+-\\d+\\s\\S+)(.*)',
    '\\d+-\\d+-\\d+\\s\\d+:\\d+:\\d+',
    '(.*)',
    '.*',
    // Perl constructs JavaScript lacks
    'a++b*+c?+d{2,3}+',
    'a*?+',
    '(?>a+)b',
    '\\Aabc\\z',
    'abc\\Z',
    '\\Gabc\\Kdef',
    '(?i)abc',
    '(?i:abc)',
    '(?-i)abc(?s-m:x)',
    '(?^i)abc',
    '\\h+\\H\\v\\V\\R',
    '[[:digit:]]+[[:^space:]][[:ALPHA:]][[:word:]_-]',
    '\\Q(a+)[*\\E',
    '\\Qno end',
    '(?<n>a)(?P<m>b)(?\'o\'c)\\k<n>\\k\'o\'\\k{m}\\g{n}(?P=m)',
    '\\x{41}\\x{1F600}\\x41\\x4',
    '\\0\\012\\o{17}\\e\\a\\cA',
    '\\N{space}\\N',
    '\\pL\\p{L}\\PL\\p{^L}',
    '\\<word\\>\\`\\\'',
    '[^]]',
    '[]a]',
    '[\\w.-]+',
    '[-a-z]',
    '[a-z0-9-]',
    '[\\]\\[]',
    '[[.space.]]',
    'a{,5}',
    'a{',
    'a{x}',
    '}',
    ']',
    'a{ 2 , 3 }',
    '(?#comment)a',
    '(?#unterminated comment',
    'a(?#x)*',
    '(?|(a)|(b)(c))\\2',
    '(a)\\1(?:b)\\g1\\g{-1}\\g-1',
    '(?<=\\d{4})x(?<!ab|cd)',
    '(?=a)*b',
    '(?!)',
    '(?(1)a|b)',
    '(a)(?(1)a|b)',
    '(?(?=x)a|b)',
    '(?(<n>)a)(?<n>x)',
    '(?R)?(?1)(?-1)(?+1)(?&n)(?P>n)',
    '(*FAIL)|(*F)|(*ACCEPT)|(*COMMIT)|(*PRUNE)|(*SKIP)|(*THEN)',
    '(?x) a b # comment ( [ \n c',
    '(?x)a + b',
    'a||b',
    '()',
    '\\y\\q\\%\\-',
  ];
  for (const src of accepted) {
    test(`accepts ${JSON.stringify(src)}`, () => {
      const p = parseRegex(src, 'boost');
      assert.equal(p.error, undefined, p.error && describeIssue(p.error, 'en'));
    });
  }

  const rejected: [string, IssueCode][] = [
    ['(a', 'unclosedGroup'],
    ['(?:a', 'unclosedGroup'],
    ['(?<n>a', 'unclosedGroup'],
    ['a)', 'unmatchedParen'],
    ['(a))', 'unmatchedParen'],
    ['[abc', 'unclosedClass'],
    ['[]', 'unclosedClass'],
    ['[^]', 'unclosedClass'],
    ['[a\\', 'unclosedClass'],
    ['*a', 'nothingToRepeat'],
    ['+', 'nothingToRepeat'],
    ['a|*b', 'nothingToRepeat'],
    ['(*a)', 'badGroup'],
    ['(?:?)', 'nothingToRepeat'],
    ['{2}a', 'nothingToRepeat'],
    ['(?i)*', 'nothingToRepeat'],
    ['^*', 'repeatAssertion'],
    ['a$+', 'repeatAssertion'],
    ['\\b{2}', 'repeatAssertion'],
    ['a**', 'nestedQuantifier'],
    ['a{2}{3}', 'nestedQuantifier'],
    ['a++*', 'nestedQuantifier'],
    ['a+?*', 'nestedQuantifier'],
    ['a{3,2}', 'braceOrder'],
    ['abc\\', 'trailingBackslash'],
    ['[z-a]', 'classRange'],
    ['[a--]', 'classRange'],
    ['[\\w-.]', 'classDash'],
    ['[a-z-_]', 'classDash'],
    ['[[:foo:]]', 'posixClass'],
    ['[[:alpha]]', 'posixClass'],
    ['\\x{zz}', 'badEscape'],
    ['\\x{41', 'badEscape'],
    ['\\xg', 'badEscape'],
    ['\\c', 'badEscape'],
    ['\\p{L', 'badEscape'],
    ['\\p', 'badEscape'],
    ['(?z)', 'badFlag'],
    ['(?i-)', 'badFlag'],
    ['(?@)', 'badGroup'],
    ['(?', 'badGroup'],
    ['(?)', 'badGroup'],
    ['(*BOGUS)', 'badGroup'],
    ['(?<>a)', 'badName'],
    ['(?<name', 'badName'],
    ['(a)\\2', 'badBackref'],
    ['\\1(a)', 'badBackref'],
    ['(a\\1)', 'badBackref'],
    ['\\k<nope>', 'badBackref'],
    ['\\g{5}', 'badBackref'],
    ['\\gx', 'badBackref'],
    ['(?<=a+)b', 'lookbehindWidth'],
    ['(?<=ab|c)d', 'lookbehindWidth'],
    ['(?<!a?)b', 'lookbehindWidth'],
    ['(?=)a', 'emptyAssertion'],
    ['(?>)a', 'emptyAssertion'],
    ['(?(1)a|b|c)(x)', 'conditionalBranches'],
  ];
  for (const [src, code] of rejected) {
    test(`rejects ${JSON.stringify(src)} (${code})`, () => {
      assert.equal(errorOf(src), code);
    });
  }

  test('the error range points at the construct', () => {
    const p = parseRegex('(\\d+) [(\\w+)', 'boost');
    assert.equal(p.error?.code, 'unclosedClass');
    assert.equal(p.error?.start, 6);
    const q = parseRegex('abc(def', 'boost');
    assert.deepEqual([q.error?.start, q.error?.end], [3, 4]);
  });

  test('problem texts are localized and keep `$` literally', () => {
    const issue = parseRegex('a$*', 'boost').error!;
    assert.match(describeIssue(issue, 'en'), /\$\*/);
    assert.match(describeIssue(issue, 'zh-CN'), /[\u4e00-\u9fff]/);
  });
});

describe('regex syntax: Go RE2 (plugins)', () => {
  const accepted = ['(?P<n>a)(?<m>b)', '(?i)abc(?s:.)(?U)a*', '\\Aabc\\z', '[[:digit:]]+[\\d\\w-]', '\\Q(a+)\\E', '\\x{41}\\x41\\pL\\p{Greek}', '\\123\\0', 'a{2,1000}', '[]a]', '\\.\\-\\_', '^*', 'a{,5}'];
  for (const src of accepted) {
    test(`accepts ${JSON.stringify(src)}`, () => {
      const p = parseRegex(src, 're2');
      assert.equal(p.error, undefined, p.error && describeIssue(p.error, 'en'));
    });
  }
  const rejected: [string, IssueCode][] = [
    ['(a)\\1', 'unsupported'],
    ['(?=a)', 'unsupported'],
    ['(?!a)', 'unsupported'],
    ['(?<=a)b', 'unsupported'],
    ['(?<!a)b', 'unsupported'],
    ['(?>a)', 'unsupported'],
    ['a++', 'unsupported'],
    ['a*+', 'unsupported'],
    ["(?'n'a)", 'unsupported'],
    ['(?#c)', 'unsupported'],
    ['(?(1)a)', 'unsupported'],
    ['(?R)', 'unsupported'],
    ['(?x)a', 'unsupported'],
    ['a\\Z', 'unsupported'],
    ['\\Ga', 'unsupported'],
    ['\\h', 'unsupported'],
    ['(?P=n)', 'unsupported'],
    ['\\y', 'badEscape'],
    ['\\8', 'badEscape'],
    ['\\x4', 'badEscape'],
    ['a{1001}', 'repeatCount'],
    ['a{2,1001}', 'repeatCount'],
    ['a**', 'nestedQuantifier'],
    ['[z-a]', 'classRange'],
    ['[a-\\d]', 'classRange'],
    ['[[:foo:]]', 'posixClass'],
    ['(?P<n>a)(?P<n>b)', 'duplicateName'],
    ['(?P<a-b>x)', 'badName'],
    ['(?z)', 'badFlag'],
    ['(a', 'unclosedGroup'],
    ['[a', 'unclosedClass'],
  ];
  for (const [src, code] of rejected) {
    test(`rejects ${JSON.stringify(src)} (${code})`, () => {
      assert.equal(errorOf(src, 're2'), code);
    });
  }
});

describe('capture group counting', () => {
  const cases: [string, number | undefined][] = [
    ['(a)(b)(c)', 3],
    ['(?<n>a)(?P<m>b)(?\'o\'c)', 3],
    ['(?:a)(b)', 1],
    ['(?=a)(?!b)(?<=c)(?<!d)(e)', 1],
    ['(?>a)(b)', 1],
    ['(?i)(?i:a)(b)(?-s:c)', 1],
    ['(?#(a)(b)(c)', 2], // the comment ends at the first )
    ['\\(a\\)(b)', 1],
    ['[(](a)[)]', 1],
    ['[^()]+(x)', 1],
    ['\\Q(a)(b)\\E(c)', 1],
    ['((a)(b(c)))', 4],
    ['(?|(a)|(b)(c)|(d))', 2],
    ['(?|(a)|(b)(c))(d)\\3', 3],
    ['(?|(a)|(b)(c))\\3', undefined], // only groups 1 and 2 exist: does not compile
    ['(?x) ( a ) # (b)\n (c)', 2],
    ['(?x)[ (](a)', 1],
    ['\\[([^]]+)]\\s\\[(\\w+)]\\s\\[(\\w+)]\\s\\[([^:]+):(\\d+)]\\s(.*)', 6],
    ['(\\d+-\\d+-\\d+\\s\\S+)(.*)', 2],
    ['(.*)', 1],
    ['no groups at all', 0],
    ['(*FAIL)|(a)', 1],
    ['(?(1)(b)|(c))(a)', 3],
  ];
  for (const [src, n] of cases) {
    test(`${JSON.stringify(src)} has ${n}`, () => {
      assert.equal(captureGroupCount(src, 'boost'), n);
    });
  }
  test('RE2 counts named groups too', () => {
    assert.equal(captureGroupCount('(?P<a>x)(?<b>y)(?:z)(w)', 're2'), 3);
  });
  test('no count for a regex that does not compile', () => {
    assert.equal(captureGroupCount('(a', 'boost'), undefined);
  });
});

describe('translation to JavaScript (for the analyser)', () => {
  const sources = [
    '\\[([^]]+)]\\s\\[(\\w+)]\\s(.*)',
    'a++b*+(?>c+)d',
    '\\Aabc\\z\\Z\\G\\K',
    '(?i)abc(?s:.)',
    '\\h+\\H\\v\\V\\R',
    '[[:digit:][:^space:][:punct:]\\h]+',
    '\\Q(a+)[*/\\E',
    '(?<n>a)(?P<m>b)(?\'o\'c)',
    '\\x{41}\\x{1F600}\\0\\e\\cA\\N{space}',
    '\\pL\\p{Han}\\p{NotAProperty}',
    '[]a][^]][\\]\\[-]',
    '(?|(a)|(b)(c))',
    '(?<=\\d{4})x(?<!ab|cd)(?=y)(?!z)',
    'a{,5}}{]/',
    '(?x) a b # c',
  ];
  for (const src of sources) {
    test(`${JSON.stringify(src)} becomes a valid u-flag JavaScript regex`, () => {
      const p = parseRegex(src, 'boost');
      assert.equal(p.error, undefined);
      const js = toJs(p.ast!);
      assert.doesNotThrow(() => new RegExp(js, 'u'), js);
    });
  }
  test('literals keep their meaning', () => {
    const js = toJs(parseRegex('\\Q(a+)\\E[]x]\\.', 'boost').ast!);
    assert.ok(new RegExp(`^${js}$`, 'u').test('(a+)].'));
    assert.ok(!new RegExp(`^${js}$`, 'u').test('aa].'));
  });
});

describe('value → file offsets', () => {
  function scalars(text: string, language: 'yaml' | 'json'): ScalarNode[] {
    const out: ScalarNode[] = [];
    walk(parseFile(text, language).docs[0]!.root, (n) => {
      if (n.type === 'scalar' && n.parentPair) out.push(n);
    });
    return out;
  }
  test('JSON strings: escapes are decoded, offsets point into the source', () => {
    const text = '{"regex": "(\\\\d+)\\\\s\\u0041\\"x"}';
    const [node] = scalars(text, 'json');
    assert.equal(node!.value, '(\\d+)\\sA"x');
    const r = rangeInValue(text, node!, 1, 4); // "\d+"
    assert.equal(text.slice(r.start, r.end), '\\\\d+');
    const a = rangeInValue(text, node!, 7, 8); // "A"
    assert.equal(text.slice(a.start, a.end), '\\u0041');
  });
  test('YAML plain, single- and double-quoted scalars', () => {
    const text = "a: (x)+\nb: 'it''s (y)'\nc: \"\\\\d (z)\"\n";
    const [a, b, c] = scalars(text, 'yaml');
    assert.equal(text.slice(...Object.values(rangeInValue(text, a!, 3, 4)) as [number, number]), '+');
    assert.equal(text.slice(...Object.values(rangeInValue(text, b!, 5, 8)) as [number, number]), '(y)');
    assert.equal(text.slice(...Object.values(rangeInValue(text, c!, 3, 6)) as [number, number]), '(z)');
  });
  test('block and folded scalars fall back to the whole value', () => {
    const text = 'a: |\n  (x\nb: "one\n  two"\n';
    const [a, b] = scalars(text, 'yaml');
    assert.equal(valueOffsets(text, a!), undefined);
    assert.deepEqual(rangeInValue(text, b!, 0, 1), { start: b!.start, end: b!.end });
  });
});

describe('regex fields and dialects', () => {
  test('native fields are Boost, Go plugin fields are RE2', () => {
    const text = `enable: true
inputs:
  - Type: input_file
    FilePaths: [/var/log/a.log]
    Multiline: {StartPattern: '\\d+', ContinuePattern: 'x', EndPattern: 'y'}
    ContainerFilters: {K8sPodRegex: '^app', K8sNamespaceRegex: 'ns', K8sContainerRegex: 'c'}
processors:
  - {Type: processor_parse_regex_native, SourceKey: content, Regex: '(a)', Keys: [a]}
  - {Type: processor_regex, SourceKey: content, Regex: '(b)', Keys: [b, c]}
  - {Type: processor_filter_regex_native, FilterKey: [a], FilterRegex: ['f1', 'f2'], Include: {a: 'i1'}}
  - {Type: processor_filter_regex, Include: {a: 'g1'}, Exclude: {b: 'g2'}}
flushers:
  - {Type: flusher_sls, Endpoint: e, Project: p, Logstore: l}
`;
    const file = parseFile(text, 'yaml');
    const [config] = configsOfFile(file, 'file:///p.yaml', []);
    const fields = regexFields(config!).map((f) => `${f.path}:${f.dialect}:${f.role}${f.keys ? ':' + f.keys.count : ''}`);
    assert.deepEqual(fields, [
      'inputs[0].Multiline.StartPattern:boost:begin',
      'inputs[0].Multiline.ContinuePattern:boost:begin',
      'inputs[0].Multiline.EndPattern:boost:begin',
      'inputs[0].ContainerFilters.K8sNamespaceRegex:re2:container',
      'inputs[0].ContainerFilters.K8sPodRegex:re2:container',
      'inputs[0].ContainerFilters.K8sContainerRegex:re2:container',
      'processors[0].Regex:boost:parse:1',
      'processors[1].Regex:re2:parse:2',
      'processors[2].FilterRegex[0]:boost:filter',
      'processors[2].FilterRegex[1]:boost:filter',
      'processors[2].Include.a:boost:filter',
      'processors[3].Include.a:re2:filter',
      'processors[3].Exclude.b:re2:filter',
    ]);
  });
  test('legacy key list only for common_reg_log', () => {
    const mk = (logType: string) =>
      `{"configName":"c","inputType":"file","inputDetail":{"logType":"${logType}","logPath":"/l","filePattern":"*.log","regex":"(a)","key":["a","b"],"logBeginRegex":"x","filterRegex":["y"]},"outputType":"LogService","outputDetail":{"logstoreName":"l"}}`;
    for (const [logType, keys] of [
      ['common_reg_log', 2],
      ['json_log', undefined],
    ] as const) {
      const file = parseFile(mk(logType), 'json');
      const [config] = configsOfFile(file, 'file:///c.json', []);
      const regex = regexFields(config!).find((f) => f.path === 'inputDetail.regex');
      assert.equal(regex?.keys?.count, keys);
    }
  });
});



describe('ReDoS analyser wrapper (recheck)', () => {
  test('the analyser loads and warms up', () => {
    const t = performance.now();
    assert.equal(warmUpRedos(), true);
    assert.ok(performance.now() - t < 5000);
  });

  const catastrophic = [
    '(a+)+$',
    '(a|a)*b',
    '(\\d+)*x',
    '(.*)*x',
    '(?-s)(.*)*',
    '^(\\w+\\s?)*$',
    '(.*a){12}',
    '(x+x+)+y',
    '^(([a-z])+.)+[A-Z]([a-z])+$',
    '(\\w|\\d)+!',
    '((\\w+)=(\\S*)\\s?)*;',
    '(?:(\\w+)=("[^"]*"|[^\\s"]+)\\s*)*',
    '((?:\\d{1,3}\\.){3}\\d{1,3})\\s(\\S+)\\s\\[([^\\]]+)]\\s"((?:\\w+\\s?)+)"\\s(\\d{3})\\s(.*)',
  ];
  for (const src of catastrophic) {
    test(`flags ${JSON.stringify(src)}`, () => {
      // a generous budget: this checks the verdict, the time bound is tested below
      const r = analyseRedos(src, {});
      assert.equal(r.status, 'vulnerable', JSON.stringify(r));
      assert.ok(r.loops.length >= 1);
    });
  }
  test('the finding is the loop, with its offsets in the regex', () => {
    const src = '(\\S+) "((?:\\w+\\s?)+)" (.*)';
    const r = analyseRedos(src, {});
    assert.deepEqual(
      r.loops.map((l) => src.slice(l.start, l.end)),
      ['(?:\\w+\\s?)+'],
    );
    const b = analyseRedos('(.*,){12}(.*)', {});
    assert.deepEqual(
      b.loops.map((l) => [l.bounded, l.max]),
      [[true, 12]],
    );
  });

  const benign = [
    // from the reference (spec §3.1, §3.2) and the defaults (spec §2.7)
    '\\[([^]]+)]\\s\\[(\\w+)]\\s\\[(\\w+)]\\s\\[([^:]+):(\\d+)]\\s(.*)',
    '\\[\\d+-\\d+-\\w+:\\d+:\\d+,\\d+]\\s\\[\\w+]\\s.*',
    '(\\d+-\\d+-\\d+\\s\\S+)(.*)',
    '\\d+-\\d+-\\d+\\s\\d+:\\d+:\\d+',
    '(.*)',
    '.*',
    '\\[\\d+-\\d+-\\d+ \\d+:\\d+:\\d+\\.\\d+.*',
    // nginx / log4j / Java class / IP / version / CSV
    '(\\S+)\\s-\\s(\\S+)\\s\\[([^\\]]+)]\\s"(\\w+)\\s(\\S+)\\s([^"]+)"\\s(\\d+)\\s(\\d+)\\s"([^"]*)"\\s"([^"]*)".*',
    '^(\\d+-\\d+-\\d+ \\d+:\\d+:\\d+),(\\d+) (\\w+) \\[([^\\]]*)\\] (.*)$',
    '((?:\\w+\\.)*\\w+)\\s(.*)',
    '((?:\\d{1,3}\\.){3}\\d{1,3})\\s(.*)',
    '(\\d+(?:\\.\\d+)*)\\s(.*)',
    '((?:[^,]*,)*)(.*)',
    '(\\w+(?:-\\w+)*)',
    '(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\s+\\[?(\\w+)\\]?\\s+(?:\\[([^\\]]*)\\]\\s+)*(.*)',
    // backtracking forbidden: possessive / atomic
    '((?:\\w+\\s?)*+)x',
    '(?>(\\w+\\s?)*)x',
    '(a++)+b',
    // exact counts inside a loop are kept exact
    '(?:a{12}b?)+c',
    // Boost's dot matches newlines: (.*)* at the end matches every text at once
    '(.*)*',
  ];
  for (const src of benign) {
    test(`does not flag ${JSON.stringify(src)}`, () => {
      const r = analyseRedos(src, {});
      assert.equal(r.status, 'safe', JSON.stringify(r));
    });
  }

  test('Go RE2 regexes are linear-time and never flagged', () => {
    const r = analyseRedos('(a+)+b', { dialect: 're2' });
    assert.deepEqual([r.status, r.note], ['safe', 're2-linear']);
  });

  test('an invalid regex is not analysed', () => {
    assert.equal(analyseRedos('((a+)+').note, 'invalid');
  });

  test('the analysis is bounded by steps, not time: the same answer whatever the machine, and never past its budget', () => {
    warmUpRedos();
    const heavy = '(' + Array.from({ length: 30 }, (_, k) => `(?:\\w{1,${k + 2}}\\s?\\d{0,3}|[A-F]+)`).join('') + ')+x';
    for (const budgetSteps of [0, 500, 30_000, DEFAULT_BUDGET_STEPS]) {
      const r = analyseRedos(heavy, { budgetSteps });
      assert.ok(r.steps <= budgetSteps, `${r.steps} steps for a budget of ${budgetSteps}`);
      assert.ok(['unknown', 'vulnerable', 'safe'].includes(r.status));
    }
    assert.deepEqual(analyseRedos(heavy, { budgetSteps: 500 }), { status: 'unknown', loops: [], steps: 500, note: 'budget' });
  });

  test('a regex of 100,000 plain characters: parse and candidate selection inside the budget (linear)', { timeout: 60000 }, () => {
    const plain = 'a'.repeat(100_000);
    const p = analyseRedos(plain);
    assert.deepEqual([p.status, p.note, p.steps], ['unknown', 'budget', DEFAULT_BUDGET_STEPS], 'too long to analyse within the default budget: no verdict');
    assert.equal(analyseRedos('a'.repeat(10_000)).status, 'safe');
    const plainLoop = 'a'.repeat(100_000) + '(a+)+';
    const r = analyseRedos(plainLoop, { budgetSteps: 50_000 });
    assert.deepEqual([r.status, r.note, r.steps], ['unknown', 'budget', 50_000]);
    assert.equal(needsRedosAnalysis('b'.repeat(200_000) + '(b+)+'), false, 'over the default budget: nothing to warm up for');
  });

  test('results are cached per regex and budget, with the steps they took', () => {
    const src = '(\\w+,?)+ cached';
    const first = analyseRedos(src, {});
    assert.equal(first.status, 'vulnerable');
    assert.ok(first.steps > 0);
    const again = analyseRedos(src);
    assert.equal(again, first, 'second call is served from the cache');
  });

  test('needsRedosAnalysis: only Boost regexes with an undecided candidate loop', () => {
    assert.equal(needsRedosAnalysis('(\\d+)-(\\w+) (.*)'), false);
    assert.equal(needsRedosAnalysis('(a+)+', 're2'), false);
    assert.equal(needsRedosAnalysis('(z+)+needs'), true);
    analyseRedos('(z+)+needs', {});
    assert.equal(needsRedosAnalysis('(z+)+needs'), false);
  });

  test('with no budget left nothing is decided; a call with a budget decides', () => {
    assert.deepEqual(analyseRedos('(\\d+)-(\\d+) never-seen-before', { budgetSteps: 0 }).status, 'unknown');
    assert.equal(analyseRedos('(\\d+)-(\\d+) never-seen-before').status, 'safe');
    const r = analyseRedos('(q+)+never-seen-before', { budgetSteps: 0 });
    assert.deepEqual([r.status, r.note], ['unknown', 'budget']);
    assert.equal(analyseRedos('(q+)+never-seen-before').status, 'vulnerable');
  });
});

describe('regex rules on one file', () => {
  test('an invalid regex is reported once, by regex-invalid only', () => {
    const text = `enable: true
inputs:
  - {Type: input_file, FilePaths: [/var/log/a.log]}
processors:
  - Type: processor_parse_regex_native
    SourceKey: content
    Regex: '((a+)+'
    Keys: [a, b, c]
flushers:
  - {Type: flusher_sls, Endpoint: e, Project: p, Logstore: l}
`;
    const ids = lint(text, { uri: 'file:///p.yaml' })
      .findings.filter((f) => f.ruleId.startsWith('logtail/regex'))
      .map((f) => f.ruleId);
    assert.deepEqual(ids, ['logtail/regex-invalid']);
  });
  test('messages in Chinese carry a Chinese problem text', () => {
    const text = `{"configName":"c","inputType":"file","inputDetail":{"logType":"common_reg_log","logPath":"/l","filePattern":"*.log","regex":"(a","key":["a"]},"outputType":"LogService","outputDetail":{"logstoreName":"l"}}`;
    const f = lint(text, { uri: 'file:///c.json', locale: 'zh-CN' }).findings.find((x) => x.ruleId === 'logtail/regex-invalid');
    assert.ok(f);
    assert.match(f.message, /分组没有闭合/);
    assert.equal(text.slice(f.start, f.end), '(');
  });
});
