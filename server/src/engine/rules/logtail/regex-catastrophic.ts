import { analyseRedos, DEFAULT_BUDGET_STEPS, needsRedosAnalysis, warmUpRedos } from '../../regex/redos';
import { regexFieldsOf } from '../../regex/fields';
import { rangeInValue } from '../../regex/source-map';
import { defineRule } from '../../rule';
import { sourceOf } from '../../parse/text';

/** Time for all not-yet-cached regexes of one file per lint; the rest waits for the next lint. */
/** Analysis steps for all regexes of one file (each regex gets up to DEFAULT_BUDGET_STEPS of it): the same verdicts on any machine. */
const FILE_BUDGET_STEPS = 4 * DEFAULT_BUDGET_STEPS;

function shorten(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

export default defineRule({
  id: 'logtail/regex-catastrophic',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A regex the native agent runs on every log line can backtrack exponentially (nested or overlapping quantifiers such as `(\\w+\\s?)*` or `(a|a)*`).',
      zh: '原生 Agent 对每行日志执行的某个正则可能发生指数级回溯（嵌套或重叠的量词，如 `(\\w+\\s?)*`、`(a|a)*`）。',
    },
    rationale: {
      en: 'Boost.Regex is a backtracking engine. When a repeated part can match the same text in several ways, a line that does not match makes it try every split: 2^n steps for n characters. Boost gives up only when a match has visited about N·S² + N² states (N = text length, S = regex size; at most 10^8), so each such line burns milliseconds to seconds of CPU and still fails to parse. A stream of them keeps the agent above `cpu_usage_limit`; after about 5 minutes the agent force-restarts, which loses or duplicates data (practice guide: SLS-Logtail数据采集可靠性, "资源占用超过限定值5分钟以上，则Logtail会强制重启，重启后可能会产生一定的数据重复").',
      zh: 'Boost.Regex 是回溯型引擎。当被重复的部分能以多种方式匹配同一段文本时，遇到不匹配的行就会尝试所有切分方式：n 个字符需要 2^n 步。Boost 要到一次匹配访问了约 N·S² + N² 个状态（N 为文本长度，S 为正则规模；最多 10^8）才放弃，因此每条这样的行都会消耗几毫秒到几秒的 CPU，最后仍然解析失败。持续出现这样的行会使 Agent 一直高于 `cpu_usage_limit`，约 5 分钟后 Agent 强制重启，导致数据丢失或重复（实践指南 SLS-Logtail数据采集可靠性："资源占用超过限定值5分钟以上，则Logtail会强制重启，重启后可能会产生一定的数据重复"）。',
    },
    remediation: {
      en: 'Rewrite the loop so that each piece of text can be matched in only one way: make what is repeated and what separates repetitions disjoint (`(\\w+\\s?)*` → `\\w+(?:\\s\\w+)*`), drop nested quantifiers (`(\\d+)*` → `\\d*`), make alternatives exclusive (`(\\w|\\d)+` → `\\w+`), or forbid backtracking with a possessive quantifier (`(?:\\w+\\s?)*+`) or an atomic group `(?>…)`, which Boost supports. No quick fix: the rewrite depends on what the regex must match.',
      zh: '改写该循环，使每段文本只有一种匹配方式：让重复的内容与分隔符互不重叠（`(\\w+\\s?)*` → `\\w+(?:\\s\\w+)*`），去掉嵌套量词（`(\\d+)*` → `\\d*`），让各分支互斥（`(\\w|\\d)+` → `\\w+`），或者用 Boost 支持的占有量词（`(?:\\w+\\s?)*+`）或原子分组 `(?>…)` 禁止回溯。不提供快速修复：改写方式取决于正则要匹配什么。',
    },
    notes: {
      en: 'Analysed: the native (Boost) regexes — `regex`, `logBeginRegex`, `filterRegex`, `processor_parse_regex_native.Regex`, `Multiline` patterns, `processor_filter_regex_native`. Go RE2 fields are not: RE2 matches in linear time. The analyser is recheck (docs/regex-analyser.md). Each loop (`*`, `+`, `{n,}`, or `{n,m}` with m ≥ 10) whose body contains a quantifier or an alternation is checked on its own, as the agent matches (the whole text, `.` matching newlines); only exponential backtracking is reported, plus large bounded repetitions of such a body (`(.*a){12}`: polynomial of degree 12). Possessive quantifiers and atomic groups never backtrack and are not reported. `(.*)*` at the very end of a regex is not reported: with Boost\'s dot it matches every text at once; followed by anything (`(.*)*x`) it is. The analysis is bounded by a budget of steps, not of time, so the verdict is the same on any machine: 60,000 steps per regex (its parsing, the choice of loops and up to three analyser calls) and 4 × that per file. Results are cached per regex. A regex the budget does not cover is not reported.',
      zh: '分析范围：原生（Boost）正则——`regex`、`logBeginRegex`、`filterRegex`、`processor_parse_regex_native.Regex`、`Multiline` 各模式、`processor_filter_regex_native`。Go RE2 字段不分析：RE2 是线性时间匹配。分析器为 recheck（见 docs/regex-analyser.md）。每个循环（`*`、`+`、`{n,}` 或 m ≥ 10 的 `{n,m}`）只要循环体内含量词或分支，就按 Agent 的匹配方式（整段文本匹配，`.` 可匹配换行）单独检查；只报告指数级回溯，以及对此类循环体的大次数有界重复（`(.*a){12}`：12 次多项式）。占有量词和原子分组不会回溯，不报告。正则末尾的 `(.*)*` 不报告：在 Boost 中 `.` 可匹配任意字符，它总能一次匹配成功；后面还有内容时（`(.*)*x`）会报告。分析以步数而非时间为预算，因此在任何机器上结论都相同：每个正则 60,000 步（解析、挑选循环以及至多三次分析器调用），每个文件为其 4 倍。结果按正则缓存。预算内无法判定的正则不报告。',
    },
    sources: [{ id: 'guide', section: 'SLS-Logtail数据采集可靠性' }, 'slsStartup', 'slsLogtailConfig'],
    bad: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: app-access
spec:
  logstore: app-access
  logtailConfig:
    inputType: file
    configName: app-access
    inputDetail:
      logType: common_reg_log
      logPath: /var/log/app
      filePattern: access.log
      regex: '(\\S+) "((?:\\w+\\s?)+)" (\\d+) (.*)'
      key: [ip, request, status, rest]
`,
    good: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: app-access
spec:
  logstore: app-access
  logtailConfig:
    inputType: file
    configName: app-access
    inputDetail:
      logType: common_reg_log
      logPath: /var/log/app
      filePattern: access.log
      regex: '(\\S+) "(\\w+(?:\\s\\w+)*)" (\\d+) (.*)'
      key: [ip, request, status, rest]
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['exponential', 'bounded'],
  check(ctx) {
    const fields = regexFieldsOf(ctx.configs).filter((f) => f.dialect === 'boost'); // RE2 is linear-time
    // load and warm up the analyser (once per process) outside the file's step budget
    if (fields.some((f) => needsRedosAnalysis(f.value, f.dialect)) && !warmUpRedos()) return;
    let left = FILE_BUDGET_STEPS;
    for (const f of fields) {
      const result = analyseRedos(f.value, { dialect: f.dialect, budgetSteps: Math.min(DEFAULT_BUDGET_STEPS, left) });
      left -= result.steps;
      for (const loop of result.loops) {
        ctx.report({
          node: rangeInValue(sourceOf(ctx.file), f.node, loop.start, loop.end),
          messageId: loop.bounded ? 'bounded' : 'exponential',
          data: { loop: shorten(f.value.slice(loop.start, loop.end)), field: f.path, max: loop.max },
        });
      }
    }
  },
});
