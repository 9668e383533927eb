import { get, getPair, isMap, isSeq, str, type MapNode, type Node } from '../../parse/nodes';
import { term } from '../../catalog';
import { defineRule } from '../../rule';

interface Plugin {
  map: MapNode;
  type?: string;
  /** The `Type` value, or the item when it has none (the finding's range). */
  anchor: Node;
}

function plugins(body: MapNode, key: string): Plugin[] {
  const s = get(body, key);
  if (!isSeq(s)) return [];
  return s.items.filter(isMap).map((map) => {
    const t = get(map, 'Type');
    return { map, type: str(t), anchor: t ?? map };
  });
}

const isNative = (t: string | undefined) => !!t && /_native$/.test(t);
const FILE_INPUTS = new Set(['input_file', 'input_container_stdio']);

export default defineRule({
  id: 'logtail/pipeline-structure',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A pipeline config breaks a load-time rule of the agent: plugin order or count (native processor after an extended one, `processor_spl` not alone, several aggregators, several file inputs, more than one input or flusher in a CRD).',
      zh: '流水线配置违反了采集器加载时的规则：插件顺序或数量（原生处理插件位于扩展插件之后、`processor_spl` 不是唯一处理插件、多个聚合插件、多个文件输入、CRD 中有多个输入或输出）。',
    },
    rationale: {
      en: 'The agent checks the structure of a pipeline when it loads it and rejects the whole config on these errors"): `native processor plugin comes after extended processor plugin` (every `*_native` processor must precede the Go processors), `native processor plugins coexist with spl processor` (`processor_spl` must be the only processor), `more than 1 aggregator is given`, `more than 1 input_file or input_container_stdio is given`. Through the SLS API and the `ClusterAliyunPipelineConfig` CRD a config has exactly one input and exactly one `flusher_sls`. A rejected config collects nothing.',
      zh: '采集器在加载流水线时检查其结构，出现以下错误会拒绝整个配置：`native processor plugin comes after extended processor plugin`（所有 `*_native` 处理插件必须位于 Go 处理插件之前）、`native processor plugins coexist with spl processor`（`processor_spl` 必须是唯一的处理插件）、`more than 1 aggregator is given`、`more than 1 input_file or input_container_stdio is given`。通过 SLS API 和 `ClusterAliyunPipelineConfig` CRD 提交的配置只能有一个输入和一个 `flusher_sls`。被拒绝的配置什么也不采集。',
    },
    remediation: {
      en: 'Move the `*_native` processors before the extended ones (or use only one kind); run an SPL script as the only processor; keep at most one aggregator; split several file inputs, and in a CRD or SLS API body several inputs or flushers, into separate configs; a CRD sends with `flusher_sls`. No quick fix: the right split or order depends on what the pipeline should do.',
      zh: '把 `*_native` 处理插件移到扩展插件之前（或只使用其中一种）；SPL 脚本作为唯一的处理插件运行；最多保留一个聚合插件；把多个文件输入，以及 CRD 或 SLS API 请求体中的多个输入或输出，拆分到不同的配置中；CRD 使用 `flusher_sls` 发送。不提供快速修复：正确的拆分或顺序取决于流水线的用途。',
    },
    notes: {
      en: 'Division of work with logtail/schema: the schema reports what a JSON Schema can express — `inputs` / `flushers` missing, not a list, or empty, and a plugin without a string `Type` — so this rule does not report those again; it owns the relations between plugins (order, `processor_spl` alone, counts). The one-input / one-`flusher_sls` limit applies to `ClusterAliyunPipelineConfig` and to a pipeline body with `configName` (the SLS `LogtailPipelineConfig` API body); a local pipeline file may have several inputs and flushers, except several `input_file` / `input_container_stdio` inputs. Each offending plugin gets a finding on its `Type` (the second and later ones for counts; every `processor_spl` when it is not alone, and then the order is not judged). Load-time errors that need the full plugin catalogue (native vs. extended inputs and flushers, routing, extensions) are not checked.',
      zh: '与 logtail/schema 的分工：JSON Schema 能表达的问题——`inputs` / `flushers` 缺失、不是列表或为空，以及插件缺少字符串类型的 `Type`——由 schema 报告，本规则不重复报告；本规则负责插件之间的关系（顺序、`processor_spl` 唯一、数量）。"只能有一个输入和一个 `flusher_sls`"的限制适用于 `ClusterAliyunPipelineConfig` 以及带 `configName` 的流水线请求体（SLS `LogtailPipelineConfig` API）；本地流水线文件可以有多个输入和输出，但不能有多个 `input_file` / `input_container_stdio` 输入。每个违规插件在其 `Type` 上报告一条诊断（数量问题报第二个及之后的插件；`processor_spl` 不唯一时报每个 `processor_spl`，此时不再判断顺序）。需要完整插件目录才能判断的加载错误（原生与扩展的输入和输出、路由、扩展插件）不检查。',
    },
    sources: ['lcInputFile', 'slsCrd'],
    bad: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
processors:
  - Type: processor_regex
    SourceKey: content
    Regex: (\\S+)\\s(.*)
    Keys: [level, msg]
  - Type: processor_parse_timestamp_native
    SourceKey: time
    SourceFormat: '%Y-%m-%d %H:%M:%S'
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
  - Type: processor_parse_timestamp_native
    SourceKey: time
    SourceFormat: '%Y-%m-%d %H:%M:%S'
  - Type: processor_regex
    SourceKey: content
    Regex: (\\S+)\\s(.*)
    Keys: [level, msg]
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['nativeAfterExtended', 'splNotAlone', 'aggregators', 'fileInputs', 'oneInput', 'oneFlusher', 'flusherType'],
  check(ctx) {
    for (const config of ctx.configs) {
      const body = config.body;
      if (config.bodyKind !== 'pipeline' || !body) continue;
      const inputs = plugins(body, 'inputs');
      const processors = plugins(body, 'processors');
      const aggregators = plugins(body, 'aggregators');
      const flushers = plugins(body, 'flushers');

      // processors: processor_spl alone, else native before extended
      const spl = processors.filter((p) => p.type === 'processor_spl');
      if (spl.length && processors.length > 1) {
        for (const p of spl) ctx.report({ node: p.anchor, messageId: 'splNotAlone', data: { count: processors.length } });
      } else {
        let extended: Plugin | undefined;
        for (const p of processors) {
          if (!p.type) continue;
          if (!isNative(p.type)) extended ??= p;
          else if (extended) ctx.report({ node: p.anchor, messageId: 'nativeAfterExtended', data: { type: p.type, extended: extended.type ?? '' } });
        }
      }

      if (aggregators.length > 1) {
        for (const a of aggregators.slice(1)) ctx.report({ node: a.anchor, messageId: 'aggregators', data: { count: aggregators.length } });
      }

      // one input and one flusher_sls: the CRD, and the SLS API body (it carries `configName`)
      const where =
        config.kind === 'clusterpipeline'
          ? 'ClusterAliyunPipelineConfig'
          : getPair(body, 'configName')
            ? term(ctx.locale, 'logtail/pipeline-structure.where.api')
            : undefined;
      if (where) {
        if (inputs.length > 1) for (const i of inputs.slice(1)) ctx.report({ node: i.anchor, messageId: 'oneInput', data: { where, count: inputs.length } });
        if (flushers.length > 1) for (const f of flushers.slice(1)) ctx.report({ node: f.anchor, messageId: 'oneFlusher', data: { where, count: flushers.length } });
        else if (flushers.length === 1 && flushers[0]!.type && flushers[0]!.type !== 'flusher_sls') {
          ctx.report({ node: flushers[0]!.anchor, messageId: 'flusherType', data: { where, type: flushers[0]!.type } });
        }
      } else {
        const files = inputs.filter((i) => i.type && FILE_INPUTS.has(i.type));
        if (files.length > 1) for (const i of files.slice(1)) ctx.report({ node: i.anchor, messageId: 'fileInputs', data: { count: files.length } });
      }
    }
  },
});
