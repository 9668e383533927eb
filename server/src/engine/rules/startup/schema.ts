import { defineRule } from '../../rule';
import { isPlaceholder } from '../../model/placeholder';
import { isScalar } from '../../parse/nodes';
import { SCHEMA_MESSAGE_IDS, messageData, schemaFixes, startupMisspellings, validateConfig } from '../../schemas/index';

export default defineRule({
  id: 'startup/schema',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'An agent startup parameter (ilogtail_config.json, loongcollector_config.json) has the wrong JSON type or a value outside its documented range, or is a misspelling of a known parameter.',
      zh: 'Agent 启动参数（ilogtail_config.json、loongcollector_config.json）的 JSON 类型错误、取值超出文档范围，或是某个已知参数的拼写错误。',
    },
    rationale: {
      en: 'The agent type-checks each value it reads from the startup file, and a value of the wrong JSON type is generally ignored, with the default kept and no error: `"cpu_usage_limit": "0.4"` (a string) leaves the CPU limit at its default. A misspelt key such as `cpu_usage_limt` is not an error either: every other top-level key is only applied to a gflag of the same name, so the intended parameter keeps its default. Ranges are the documented ones, e.g. `process_thread_count` 1–64. The resource limits matter for loss and duplication: exceeding them for about 5 minutes makes the agent restart itself.',
      zh: 'Agent 会对从启动配置文件读取的每个值做类型检查，类型错误的值通常被忽略，保留默认值且不报错：`"cpu_usage_limit": "0.4"`（字符串）会让 CPU 限制保持默认值。拼错的键（如 `cpu_usage_limt`）也不会报错：其他顶层键只会被设置到同名的 gflag 上，本来要设置的参数仍为默认值。取值范围采用文档范围，例如 `process_thread_count` 为 1–64。资源限制关系到日志丢失和重复：持续超出约 5 分钟，Agent 会自行重启。',
    },
    remediation: {
      en: 'Write numbers and booleans without quotes and keep values in the documented range. Quick fixes (`safe`): "Convert to number" for a numeric string where a number is required (an integer where an integer is required), "Convert to boolean" for `"true"`/`"false"`, "Convert to string" for a number or boolean where a string is required, "Change to `<value>`" for a value of an enumeration written as a string (`"443"` → `443`), and "Rename to `<known key>`" for a misspelt key.',
      zh: '数字和布尔值不要加引号，并让取值位于文档范围内。快速修复（`safe`）：需要数字却写成数字字符串时"转换为数字"（需要整数时仅限整数），`"true"`/`"false"` 时"转换为布尔值"，需要字符串却写成数字或布尔值时"转换为字符串"，枚举值写成字符串时"改为 `<值>`"（`"443"` → `443`），键名拼错时"重命名为 `<已知键>`"。',
    },
    notes: {
      en: 'Type and range errors are errors. A misspelling is a warning: a top-level key that the schema does not declare (and no `polling_*`/`streamlog_*` pattern matches) but that is, ignoring case, within edit distance 2 of a declared key of 10 or more characters or within 1 of a shorter one (`cpu_usage_limt`, `CPU_USAGE_LIMIT`, `run_dirs`; not `bin_dir`). Any other unknown key is accepted silently, because the agent maps every key to a gflag. The rename fix is not offered when the file already has the intended key.',
      zh: '类型错误与范围错误为错误级别。拼写错误为警告：Schema 未声明（也不匹配 `polling_*`/`streamlog_*` 模式）的顶层键，在忽略大小写后与某个 10 个字符及以上的已声明键编辑距离不超过 2，或与较短的已声明键编辑距离不超过 1（`cpu_usage_limt`、`CPU_USAGE_LIMIT`、`run_dirs`；不含 `bin_dir`）。其他未知键一律接受，因为 Agent 会把每个键映射到 gflag。文件中已有目标键时不提供重命名修复。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置' }, 'slsStartup'],
    language: 'json',
    bad: `{
  "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",
  "data_server_list": [{"cluster": "cn-hangzhou", "endpoint": "cn-hangzhou-intranet.log.aliyuncs.com"}],
  "cpu_usage_limit": "0.4",
  "mem_usage_limt": 384,
  "check_point_filename": "/var/run/logtail/logtail_check_point"
}
`,
    good: `{
  "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",
  "data_server_list": [{"cluster": "cn-hangzhou", "endpoint": "cn-hangzhou-intranet.log.aliyuncs.com"}],
  "cpu_usage_limit": 0.4,
  "mem_usage_limit": 384,
  "check_point_filename": "/var/run/logtail/logtail_check_point"
}
`,
  },
  messages: [...SCHEMA_MESSAGE_IDS, 'misspelled'],
  check(ctx) {
    for (const config of ctx.configs) {
      if (config.kind !== 'startup') continue;
      for (const p of [...validateConfig(config), ...startupMisspellings(config)]) {
        if (['pattern', 'enum', 'const', 'format'].includes(p.keyword) && isScalar(p.value) && isPlaceholder(p.value.value)) continue; // logtail/placeholder-unfilled
        ctx.report({
          node: p,
          messageId: p.messageId,
          data: messageData(p, ctx.locale),
          severity: p.severity,
          fixes: schemaFixes(p, config),
        });
      }
    }
  },
});
