import type { LogtailConfig } from '../../model/logtail';
import { get, isMap, isScalar, isSeq, str, type Node, type ScalarNode } from '../../parse/nodes';
import { term } from '../../catalog';
import { defineRule, title } from '../../rule';
import { sourceOf, type TextLike } from '../../parse/text';

/** Container filter maps of the native inputs (ContainerDiscoveryOptions.cpp), read as map<string, string>. */
const FILTER_MAPS = ['IncludeK8sLabel', 'ExcludeK8sLabel', 'IncludeEnv', 'ExcludeEnv', 'IncludeContainerLabel', 'ExcludeContainerLabel'];
/** Maps of an input itself read as map<string, string>. */
const INPUT_MAPS = ['ExternalK8sLabelTag', 'ExternalEnvTag'];
const NATIVE_INPUTS = new Set(['input_file', 'input_container_stdio']);
/** 2.x items of the Go plugin `service_docker_stdout`: Go decodes these maps into map[string]string. */
const GO_STDOUT_MAPS = ['IncludeLabel', 'ExcludeLabel', 'IncludeEnv', 'ExcludeEnv', 'IncludeK8sLabel', 'ExcludeK8sLabel', 'ExternalK8sLabelTag', 'ExternalEnvTag'];

/**
 * Does the agent read this plain YAML scalar as something other than a string? LoongCollector
 * converts YAML with yaml-cpp (core/common/YamlUtil.cpp `ParseScalar`): an unquoted scalar that
 * decodes as an int, a double or a bool becomes a JSON number or bool, and `~`/`null`/empty a null.
 * yaml-cpp's bools include `yes`/`no`/`on`/`off`/`y`/`n` (YAML 1.1), which YAML 1.2 parsers read as strings.
 */
function agentTypeOfPlain(text: string): 'bool' | 'number' | 'null' | undefined {
  const t = text.trim();
  if (t === '' || t === '~' || /^(null|Null|NULL)$/.test(t)) return 'null';
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(t)) return 'bool';
  if (/^[-+]?(0x[0-9a-fA-F]+|0o?[0-7]+|\d+)$/.test(t)) return 'number';
  if (/^[-+]?(\d+(?:\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t) || /^[-+]?\.(inf|Inf|INF)$/.test(t) || /^\.(nan|NaN|NAN)$/.test(t)) return 'number';
  return undefined;
}

export default defineRule({
  id: 'logtail/filter-value-not-string',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A value in a container filter map (`ContainerFilters.IncludeEnv`, `ExcludeK8sLabel`, …) is a boolean, number or null instead of a string.',
      zh: '容器过滤映射（`ContainerFilters.IncludeEnv`、`ExcludeK8sLabel` 等）中的值是布尔值、数字或 null，而不是字符串。',
    },
    rationale: {
      en: 'iLogtail 2.x and LoongCollector read these maps as string → string (`GetOptionalMapParam<std::string>` in core/common/ParamExtractor.h, called from core/container_manager/ContainerDiscoveryOptions.cpp). A YAML pipeline is converted with yaml-cpp (core/common/YamlUtil.cpp `ParseScalar`): an unquoted `false`, `yes`, `123` or `1.5` becomes a JSON bool or number, the map fails the check ("value in map param … is not of type string"), and the agent drops the filter with a warning in its own log (`PARAM_WARNING_IGNORE`). An `ExcludeEnv: {COLLECT_FLAG: false}` then excludes nothing and the input collects every container; an include filter then includes everything. For the Go plugin `service_docker_stdout` the map is decoded by Go `encoding/json` into `map[string]string`, which fails and the plugin does not start.',
      zh: 'iLogtail 2.x 与 LoongCollector 把这些映射按字符串 → 字符串读取（core/common/ParamExtractor.h 的 `GetOptionalMapParam<std::string>`，由 core/container_manager/ContainerDiscoveryOptions.cpp 调用）。YAML 流水线配置经 yaml-cpp 转换（core/common/YamlUtil.cpp 的 `ParseScalar`）：未加引号的 `false`、`yes`、`123`、`1.5` 会变成 JSON 布尔值或数字，映射检查失败（"value in map param … is not of type string"），采集器在自身日志中记录警告后丢弃该过滤条件（`PARAM_WARNING_IGNORE`）。于是 `ExcludeEnv: {COLLECT_FLAG: false}` 什么也排除不了，输入会采集所有容器；包含类过滤则变成包含全部。对 Go 插件 `service_docker_stdout`，该映射由 Go `encoding/json` 解码为 `map[string]string`，解码失败，插件无法启动。',
    },
    remediation: {
      en: 'Quote the value (quick fix **"Quote the value"**): `COLLECT_FLAG: "false"`. An empty value means "the key exists" and is written `""`. Checked in pipeline configs (standalone, in a `ClusterAliyunPipelineConfig`, or embedded in a ConfigMap): the `ContainerFilters` maps and `ExternalK8sLabelTag` / `ExternalEnvTag` of `input_file` and `input_container_stdio`, and the maps of a `service_docker_stdout` item. Plain YAML scalars are judged as yaml-cpp reads them (YAML 1.1 booleans such as `yes`/`on` included); in JSON any non-string value counts.',
      zh: '给值加上引号（快速修复**"给值加引号"**）：`COLLECT_FLAG: "false"`。空值表示"键存在"，应写为 `""`。检查范围：流水线配置（独立文件、`ClusterAliyunPipelineConfig` 中或嵌在 ConfigMap 中）里 `input_file` 与 `input_container_stdio` 的 `ContainerFilters` 各映射及 `ExternalK8sLabelTag` / `ExternalEnvTag`，以及 `service_docker_stdout` 插件项的映射。未加引号的 YAML 标量按 yaml-cpp 的读法判断（包括 `yes`/`on` 等 YAML 1.1 布尔值）；JSON 中任何非字符串值都计入。',
    },
    sources: ['lcInputFile', 'slsCrd'],
    bad: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
    EnableContainerDiscovery: true
    ContainerFilters:
      ExcludeEnv:
        COLLECT_FLAG: false
flushers:
  - Type: flusher_sls
    Project: my-project
    Logstore: app
    Region: cn-hangzhou
    Endpoint: cn-hangzhou.log.aliyuncs.com
`,
    good: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
    EnableContainerDiscovery: true
    ContainerFilters:
      ExcludeEnv:
        COLLECT_FLAG: "false"
flushers:
  - Type: flusher_sls
    Project: my-project
    Logstore: app
    Region: cn-hangzhou
    Endpoint: cn-hangzhou.log.aliyuncs.com
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['native', 'goPlugin'],
  check(ctx) {
    const names = { bool: term(ctx.locale, 'logtail/filter-value-not-string.type.bool'), number: term(ctx.locale, 'logtail/filter-value-not-string.type.number'), null: term(ctx.locale, 'logtail/filter-value-not-string.type.null') };
    const checkMap = (config: LogtailConfig, map: Node | undefined, label: string, messageId: 'native' | 'goPlugin') => {
      if (!isMap(map)) return;
      for (const p of map.pairs) {
        const v = p.value;
        if (!isScalar(v)) continue;
        const type = typeOf(sourceOf(ctx.file), v, config.language);
        if (!type) continue;
        const fixable = v.end > v.start;
        ctx.report({
          node: fixable ? v : p.key,
          messageId,
          data: { map: label, key: String(p.key.value), type: names[type] },
          fixes: fixable
            ? [{ title: title('Quote the value'), kind: 'safe', edits: [{ start: v.start, end: v.end, newText: JSON.stringify(type === 'null' ? '' : sourceOf(ctx.file).slice(v.start, v.end).trim()) }] }]
            : [],
        });
      }
    };
    for (const config of ctx.configs) {
      if (config.bodyKind !== 'pipeline' || !config.body) continue;
      const inputs = get(config.body, 'inputs');
      if (!isSeq(inputs)) continue;
      for (const input of inputs.items) {
        if (!isMap(input)) continue;
        const type = str(get(input, 'Type'));
        if (type && NATIVE_INPUTS.has(type)) {
          const filters = get(input, 'ContainerFilters');
          for (const m of FILTER_MAPS) checkMap(config, get(filters, m), `ContainerFilters.${m}`, 'native');
          for (const m of INPUT_MAPS) checkMap(config, get(input, m), m, 'native');
        } else if (type === 'service_docker_stdout') {
          for (const m of GO_STDOUT_MAPS) checkMap(config, get(input, m), m, 'goPlugin');
        }
      }
    }
  },
});

/** How the agent types a map value: undefined when it is a string. */
function typeOf(text: TextLike, v: ScalarNode, language: 'yaml' | 'json'): 'bool' | 'number' | 'null' | undefined {
  if (language === 'json') {
    if (v.value === null) return 'null';
    if (typeof v.value === 'boolean') return 'bool';
    if (typeof v.value === 'number') return 'number';
    return undefined;
  }
  if (v.quoted || v.block) return undefined;
  return agentTypeOfPlain(text.slice(v.start, v.end));
}
