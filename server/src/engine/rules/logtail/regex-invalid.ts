import { regexFieldsOf } from '../../regex/fields';
import { rangeInValue } from '../../regex/source-map';
import { describeIssue, parseRegex } from '../../regex/syntax';
import { term } from '../../catalog';
import { defineRule } from '../../rule';
import { sourceOf } from '../../parse/text';


export default defineRule({
  id: 'logtail/regex-invalid',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A regex setting (`regex`, `logBeginRegex`, `filterRegex`, `Regex`, `Multiline.StartPattern`, container filters, …) does not compile in the engine the agent uses for it.',
      zh: '某个正则设置（`regex`、`logBeginRegex`、`filterRegex`、`Regex`、`Multiline.StartPattern`、容器过滤条件等）无法用采集 Agent 对应的正则引擎编译。',
    },
    rationale: {
      en: 'The native agent compiles `regex`, `logBeginRegex`, `filterRegex`, `processor_parse_regex_native.Regex`, the `Multiline` patterns and `processor_filter_regex_native` regexes with Boost.Regex (Perl syntax); Go plugins (`processor_regex`, `ContainerFilters.K8s*Regex`, `service_docker_stdout`) compile with Go RE2. A regex that does not compile makes the agent reject the config or the plugin, or ignore the setting (a broken `StartPattern` splits every multi-line event into single lines): the logs are lost, or arrive unparsed or mangled, with no error in the file itself.',
      zh: '原生 Agent 使用 Boost.Regex（Perl 语法）编译 `regex`、`logBeginRegex`、`filterRegex`、`processor_parse_regex_native.Regex`、`Multiline` 各模式以及 `processor_filter_regex_native` 的正则；Go 插件（`processor_regex`、`ContainerFilters.K8s*Regex`、`service_docker_stdout`）使用 Go RE2 编译。无法编译的正则会让 Agent 拒绝该配置或插件，或忽略该设置（`StartPattern` 损坏时每条多行日志会被拆成单行）：日志丢失，或以未解析、被错误切分的形式到达，而配置文件本身看不出任何错误。',
    },
    remediation: {
      en: 'Fix the part the message points at: close the group or character class, escape literal `(`, `)`, `[`, `{`, `*`, `+`, `?` with a backslash, put a literal `-` first or last in a character class. For Go RE2 fields, rewrite without backreferences, lookarounds, atomic groups or possessive quantifiers. No quick fix: the intended pattern cannot be guessed.',
      zh: '修正消息指出的位置：闭合分组或字符集，对字面量 `(`、`)`、`[`、`{`、`*`、`+`、`?` 加反斜杠转义，把字符集中的字面量 `-` 放在开头或结尾。对于 Go RE2 字段，请改写正则，不使用反向引用、环视、原子分组或占有量词。不提供快速修复：无法推断原本想写的模式。',
    },
    notes: {
      en: 'Perl constructs that JavaScript lacks are valid here and are not reported: possessive quantifiers (`a++`, `a*+`), atomic groups `(?>…)`, `\\A`, `\\z`, `\\Z`, inline flags `(?i)` / `(?i:…)`, `\\h`, POSIX classes `[[:digit:]]`, `\\Q…\\E`, named groups `(?<n>…)`, `(?P<n>…)`, `(?\'n\'…)`, `\\x{…}`, `[^]]` (a `]` first in a class is a literal). Reported for Boost: unbalanced `(`/`)`, unterminated `[`, a quantifier with nothing (or an anchor) before it, two quantifiers in a row (`a**`), `{n,m}` with n > m, a trailing backslash, malformed `\\x`, `\\c`, `\\p`, `\\g`, `\\k`, unknown `(?…)` groups and inline flags, a backreference to a group that does not exist or is not closed yet, ranges out of order (`[z-a]`), unknown POSIX classes, a `-` after a class or range that does not end the set (`[\\w-.]`: Boost.Regex rejects it although Perl accepts it), lookbehinds that can match texts of different lengths (Boost supports only fixed-length lookbehind, boostorg/regex#243), and empty `(?=)` / `(?>)`. An invalid `{` (e.g. `a{,5}`) is a literal, as in Perl and Boost. For Go RE2 fields the rule also reports what RE2 does not support: backreferences, lookarounds, atomic groups, possessive quantifiers, `(?\'n\'…)`, comments, conditionals, recursion, `\\Z`, `\\G`, `\\K`, `\\h`, the `x` flag, unknown escapes such as `\\y`, and repeat counts above 1000. Legacy `regex` is checked when `logType` is `common_reg_log` (or absent); other log types never compile it. The range is the offending construct when the value maps 1:1 to the file (plain, single-quoted and double-quoted/JSON strings, escapes decoded), else the whole value.',
      zh: 'JavaScript 不支持而 Perl 支持的写法在这里是合法的，不会报告：占有量词（`a++`、`a*+`）、原子分组 `(?>…)`、`\\A`、`\\z`、`\\Z`、内联标志 `(?i)` / `(?i:…)`、`\\h`、POSIX 字符类 `[[:digit:]]`、`\\Q…\\E`、命名分组 `(?<n>…)`、`(?P<n>…)`、`(?\'n\'…)`、`\\x{…}`、`[^]]`（字符集开头的 `]` 是字面量）。对 Boost 报告：`(`/`)` 不配对、`[` 未闭合、量词前没有内容（或是锚点）、连续两个量词（`a**`）、`{n,m}` 中 n > m、结尾单独的反斜杠、格式错误的 `\\x`、`\\c`、`\\p`、`\\g`、`\\k`、未知的 `(?…)` 分组和内联标志、引用不存在或尚未闭合分组的反向引用、顺序颠倒的范围（`[z-a]`）、未知的 POSIX 字符类、字符类或范围之后不在结尾的 `-`（`[\\w-.]`：Perl 接受但 Boost.Regex 拒绝）、可匹配不同长度文本的后行断言（Boost 只支持定长后行断言，boostorg/regex#243），以及空的 `(?=)` / `(?>)`。无效的 `{`（如 `a{,5}`）按字面量处理，与 Perl 和 Boost 一致。对 Go RE2 字段还会报告 RE2 不支持的写法：反向引用、环视、原子分组、占有量词、`(?\'n\'…)`、注释、条件分组、递归、`\\Z`、`\\G`、`\\K`、`\\h`、`x` 标志、`\\y` 之类的未知转义，以及超过 1000 的重复次数。旧版 `regex` 仅在 `logType` 为 `common_reg_log`（或未设置）时检查，其他日志类型不会编译它。当值与文件逐字符对应时（普通、单引号、双引号/JSON 字符串，转义会被解码），报告范围是出错的那部分，否则是整个值。',
    },
    sources: ['slsLogtailConfig', 'lcInputFile'],
    bad: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
processors:
  - Type: processor_parse_regex_native
    SourceKey: content
    Regex: '(\\d+-\\d+-\\d+ \\d+:\\d+:\\d+ \\[(\\w+)\\] (.*)'
    Keys: [time, level, message]
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
    good: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
processors:
  - Type: processor_parse_regex_native
    SourceKey: content
    Regex: '(\\d+-\\d+-\\d+ \\d+:\\d+:\\d+) \\[(\\w+)\\] (.*)'
    Keys: [time, level, message]
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['invalid', 'unsupported'],
  check(ctx) {
    for (const f of regexFieldsOf(ctx.configs)) {
      const issue = parseRegex(f.value, f.dialect).error;
      if (!issue) continue;
      const engine = f.dialect;
      ctx.report({
        node: rangeInValue(sourceOf(ctx.file), f.node, issue.start, issue.end),
        messageId: issue.code === 'unsupported' ? 'unsupported' : 'invalid',
        data: { field: f.path, engine: term(ctx.locale, `logtail/regex-invalid.engine.${engine}`), problem: describeIssue(issue, ctx.locale) },
      });
    }
  },
});
