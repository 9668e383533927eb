import { regexFieldsOf } from '../../regex/fields';
import { parseRegex } from '../../regex/syntax';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'logtail/regex-keys-mismatch',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'The number of capture groups in a parse regex (`regex` / `Regex`) differs from the number of field names in `key` / `Keys`.',
      zh: '解析正则（`regex` / `Regex`）中的捕获组数量与 `key` / `Keys` 中的字段名数量不一致。',
    },
    rationale: {
      en: 'The agent turns capture group n into the field named by the n-th key. With fewer groups than keys, every log fails to parse (the agent raises "parse key count not match") and is dropped, or kept as the unparsed raw line, depending on the keep/discard settings. With more groups than keys, the values of the extra groups are silently thrown away.',
      zh: 'Agent 把第 n 个捕获组的内容写入第 n 个 key 命名的字段。捕获组少于 key 时，每条日志都会解析失败（Agent 报 "parse key count not match"），根据保留/丢弃设置被丢弃或以未解析的原始文本保留；捕获组多于 key 时，多出的捕获组的值会被悄悄丢掉。',
    },
    remediation: {
      en: 'Make the two match: add or remove field names, turn groups that are only for grouping into non-capturing groups `(?:…)`, or add the missing `(…)`. No quick fix: only you know which part of the line each field should hold.',
      zh: '让两者一致：增删字段名，把仅用于分组的括号改成非捕获分组 `(?:…)`，或补上缺少的 `(…)`。不提供快速修复：只有你知道每个字段应取日志的哪一部分。',
    },
    notes: {
      en: 'Groups are counted the way the engine numbers them: `(…)` and named groups `(?<n>…)`, `(?P<n>…)`, `(?\'n\'…)` count; `(?:…)`, lookarounds, atomic groups `(?>…)`, inline-flag groups `(?i:…)`, comments `(?#…)`, escaped parentheses `\\(` and parentheses inside a character class `[(]` or inside `\\Q…\\E` do not; a branch-reset group `(?|…)` counts its largest alternative. Checked: legacy `inputDetail.regex` with `key` when `logType` is `common_reg_log`, `processor_parse_regex_native` and `processor_regex` (pipeline, or in a legacy `plugin` chain) with `Keys`. Skipped when the regex does not compile (`logtail/regex-invalid` reports it) or when the key list is absent.',
      zh: '捕获组按引擎的编号方式计数：`(…)` 与命名分组 `(?<n>…)`、`(?P<n>…)`、`(?\'n\'…)` 计入；`(?:…)`、环视、原子分组 `(?>…)`、内联标志分组 `(?i:…)`、注释 `(?#…)`、转义的括号 `\\(`、字符集中的括号 `[(]` 以及 `\\Q…\\E` 中的括号不计入；分支重置分组 `(?|…)` 按分组最多的分支计数。检查范围：`logType` 为 `common_reg_log` 时旧版 `inputDetail.regex` 与 `key`，以及 `processor_parse_regex_native`、`processor_regex`（流水线中或旧版 `plugin` 链中）的 `Regex` 与 `Keys`。正则无法编译（由 `logtail/regex-invalid` 报告）或没有 key 列表时跳过。',
    },
    sources: ['slsLogtailConfig'],
    language: 'json',
    bad: `{
  "configName": "app-regex",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/var/log/app",
    "filePattern": "error.log",
    "logBeginRegex": "\\\\[\\\\d+-\\\\d+-\\\\w+:\\\\d+:\\\\d+,\\\\d+]\\\\s\\\\[\\\\w+]\\\\s.*",
    "regex": "\\\\[([^]]+)]\\\\s\\\\[(\\\\w+)]\\\\s\\\\[(\\\\w+)]\\\\s\\\\[([^:]+):(\\\\d+)]\\\\s(.*)",
    "key": ["time", "level", "method", "file", "message"]
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "app-log"
  }
}
`,
    good: `{
  "configName": "app-regex",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "/var/log/app",
    "filePattern": "error.log",
    "logBeginRegex": "\\\\[\\\\d+-\\\\d+-\\\\w+:\\\\d+:\\\\d+,\\\\d+]\\\\s\\\\[\\\\w+]\\\\s.*",
    "regex": "\\\\[([^]]+)]\\\\s\\\\[(\\\\w+)]\\\\s\\\\[(\\\\w+)]\\\\s\\\\[([^:]+):(\\\\d+)]\\\\s(.*)",
    "key": ["time", "level", "method", "file", "line", "message"]
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "app-log"
  }
}
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['fewer', 'more'],
  check(ctx) {
    for (const f of regexFieldsOf(ctx.configs)) {
      if (f.role !== 'parse' || !f.keys) continue;
      const parsed = parseRegex(f.value, f.dialect);
      if (parsed.error) continue; // logtail/regex-invalid reports it
      const groups = parsed.groups;
      const keys = f.keys.count;
      if (groups === keys) continue;
      ctx.report({
        node: f.node,
        messageId: groups < keys ? 'fewer' : 'more',
        data: { field: f.path, keysField: f.keys.path, groups, keys, extra: groups - keys },
      });
    }
  },
});
