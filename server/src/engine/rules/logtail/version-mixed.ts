import type { LogtailConfig } from '../../model/logtail';
import { get, isMap, isScalar, isSeq, str, type MapNode, type Node, type Pair } from '../../parse/nodes';
import { defineRule, title, type FixSpec } from '../../rule';

/** A name of one generation found in a pipeline config. */
interface Found {
  name: string;
  node: Node;
  /** For 1.x names: the 2.x name and how to rename. */
  v2?: string;
  pair?: Pair;
  map?: MapNode;
  /** For `file_log`: the input item. */
  item?: MapNode;
}

/** 1.x / 2.x names of the pipeline format (spec §3.3 flusher_sls table, "1.x YAML input for files was `file_log`", glossary). */
function scan(body: MapNode): { v1: Found[]; v2: Found[] } {
  const v1: Found[] = [];
  const v2: Found[] = [];
  const items = (key: string) => {
    const s = get(body, key);
    return isSeq(s) ? s.items.filter(isMap) : [];
  };
  for (const i of items('inputs')) {
    const t = get(i, 'Type');
    const type = str(t);
    if (type === 'file_log') v1.push({ name: 'file_log', node: t!, v2: 'input_file', item: i });
    else if (type === 'input_file' || type === 'input_container_stdio') v2.push({ name: type, node: t! });
  }
  for (const p of items('processors')) {
    const t = get(p, 'Type');
    const type = str(t);
    if (type && /_native$/.test(type)) v2.push({ name: type, node: t! });
  }
  for (const f of items('flushers')) {
    if (str(get(f, 'Type')) !== 'flusher_sls') continue;
    for (const pair of f.pairs) {
      const k = pair.key.value;
      if (k === 'ProjectName') v1.push({ name: k, node: pair.key, v2: 'Project', pair, map: f });
      else if (k === 'LogstoreName') v1.push({ name: k, node: pair.key, v2: 'Logstore', pair, map: f });
      else if (k === 'Project' || k === 'Logstore') v2.push({ name: k, node: pair.key });
    }
  }
  return { v1, v2 };
}

function fixFor(config: LogtailConfig, f: Found): FixSpec | undefined {
  if (!f.v2) return undefined;
  if (f.pair && f.map) {
    if (get(f.map, f.v2) !== undefined) return undefined; // both spellings: renaming would duplicate the key
    return { title: title('Rename to "{fV2}"', { fV2: f.v2 }), kind: 'safe', edits: [config.edit.renameKey(f.pair, f.v2)] };
  }
  if (isScalar(f.node) && f.item) return convertFileLog(config, f.node, f.item);
  return undefined;
}

/**
 * `file_log` → `input_file`, its parameters converted: `LogPath` + `FilePattern` → `FilePaths`
 * (LogPath, a `**` level and FilePattern with `MaxDirSearchDepth: <MaxDepth>` when `MaxDepth` > 0,
 * else LogPath and FilePattern). Offered only when the item has exactly these keys and `MaxDepth` is
 * written: its 1.x default is not documented, so the depth cannot be guessed, and a rename alone
 * would leave `input_file` without the `FilePaths` it requires.
 */
function convertFileLog(config: LogtailConfig, typeNode: Node, item: MapNode): FixSpec | undefined {
  const pair = (k: string) => item.pairs.find((p) => p.key.value === k);
  if (!item.pairs.every((p) => ['Type', 'LogPath', 'FilePattern', 'MaxDepth'].includes(String(p.key.value)))) return undefined;
  const logPath = pair('LogPath');
  const pattern = pair('FilePattern');
  const depth = pair('MaxDepth');
  const dir = str(logPath?.value);
  const file = str(pattern?.value);
  const d = isScalar(depth?.value) ? depth.value.value : undefined;
  const n = typeof d === 'number' ? d : typeof d === 'string' && /^\d+$/.test(d) ? Number(d) : undefined;
  if (!logPath || !pattern || !depth || !dir || !file || file.includes('/') || n === undefined || !Number.isInteger(n) || n < 0 || n > 1000) return undefined;
  const base = dir.replace(/(?<!^)\/+$/, '');
  const path = n > 0 ? `${base}/**/${file}` : `${base}/${file}`;
  return {
    title: title('Convert to "{fV2}" with FilePaths', { fV2: 'input_file' }),
    kind: 'suggestion',
    edits: [
      config.edit.replaceScalar(typeNode, 'input_file'),
      config.edit.renameKey(logPath, 'FilePaths'),
      config.edit.setList(logPath, [path]),
      config.edit.removePair(pattern),
      n > 0 ? config.edit.renameKey(depth, 'MaxDirSearchDepth') : config.edit.removePair(depth),
    ],
  };
}

export default defineRule({
  id: 'logtail/version-mixed',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A pipeline config mixes iLogtail 1.x names (`file_log`, `ProjectName`, `LogstoreName`) with 2.x names (`input_file`, `Project`, `Logstore`).',
      zh: '流水线配置混用了 iLogtail 1.x 的名称（`file_log`、`ProjectName`、`LogstoreName`）与 2.x 的名称（`input_file`、`Project`、`Logstore`）。',
    },
    rationale: {
      en: 'iLogtail 2.0 introduced a new pipeline config that is "not fully compatible with 1.x configs": the file input became `input_file` (1.x: `file_log`), and `flusher_sls` takes `Project` / `Logstore` (1.x: `ProjectName` / `LogstoreName`). In a config written for 2.x / LoongCollector a 1.x name is not what the 2.x plugin reads: a `flusher_sls` with `ProjectName` / `LogstoreName` lacks the `Project` / `Logstore` it needs, and `file_log` is not the 2.x file input. The reference: "A validator should flag `file_log`/`ProjectName` in 2.x configs and `input_file`/`Project` in 1.x configs."',
      zh: 'iLogtail 2.0 引入了新的流水线配置，"与 1.x 配置不完全兼容"：文件输入改为 `input_file`（1.x 为 `file_log`），`flusher_sls` 使用 `Project` / `Logstore`（1.x 为 `ProjectName` / `LogstoreName`）。在为 2.x / LoongCollector 编写的配置中，1.x 名称不是 2.x 插件读取的参数：使用 `ProjectName` / `LogstoreName` 的 `flusher_sls` 缺少它所需的 `Project` / `Logstore`，`file_log` 也不是 2.x 的文件输入。参考资料："A validator should flag `file_log`/`ProjectName` in 2.x configs and `input_file`/`Project` in 1.x configs."',
    },
    remediation: {
      en: 'Use the 2.x names throughout: quick fix **"Rename to `<2.x name>`"** on each 1.x name. `ProjectName` → `Project` and `LogstoreName` → `Logstore` are safe (same meaning; not offered when the 2.x key is already in the same flusher — delete the 1.x key then). `file_log` → `input_file` is quick fix **"Convert to `input_file` with FilePaths"** (a suggestion): `LogPath` + `FilePattern` become `FilePaths: [<LogPath>/**/<FilePattern>]` with `MaxDirSearchDepth: <MaxDepth>` (or `<LogPath>/<FilePattern>` when `MaxDepth` is 0). It is offered only when the input has just `LogPath`, `FilePattern` and an explicit `MaxDepth`: the 1.x default depth is not documented, and other 1.x keys (`ContainerFile`, `TopicFormat`, …) need converting by hand (logtail/schema lists the keys `input_file` does not know).',
      zh: '统一使用 2.x 名称：在每个 1.x 名称上使用快速修复**"改名为 `<2.x 名称>`"**。`ProjectName` → `Project`、`LogstoreName` → `Logstore` 是安全修复（含义相同；若同一 flusher 中已有 2.x 键则不提供，此时请删除 1.x 键）。`file_log` → `input_file` 使用快速修复**"转换为 `input_file`（FilePaths）"**（建议级）：`LogPath` + `FilePattern` 变为 `FilePaths: [<LogPath>/**/<FilePattern>]` 并设置 `MaxDirSearchDepth: <MaxDepth>`（`MaxDepth` 为 0 时为 `<LogPath>/<FilePattern>`）。仅当该输入只有 `LogPath`、`FilePattern` 和显式写出的 `MaxDepth` 时提供：1.x 的默认深度没有文档说明，其他 1.x 键（`ContainerFile`、`TopicFormat` 等）需要手动转换（logtail/schema 会列出 `input_file` 不认识的键）。',
    },
    notes: {
      en: 'Evidence of 2.x: an `input_file` or `input_container_stdio` input, a `*_native` processor (native processors arrived with 2.0), `Project` / `Logstore` in `flusher_sls`. Evidence of 1.x: a `file_log` input, `ProjectName` / `LogstoreName` in `flusher_sls`. A config with only 1.x names is a consistent iLogtail 1.x config and is not reported — except in a `ClusterAliyunPipelineConfig`, whose `spec.config` is the 2.x `LogtailPipelineConfig` format, where every 1.x name is reported. Findings go on each 1.x name (the key, or the `Type` value).',
      zh: '2.x 的依据：`input_file` 或 `input_container_stdio` 输入、`*_native` 处理插件（原生处理插件随 2.0 引入）、`flusher_sls` 中的 `Project` / `Logstore`。1.x 的依据：`file_log` 输入、`flusher_sls` 中的 `ProjectName` / `LogstoreName`。只含 1.x 名称的配置是一致的 iLogtail 1.x 配置，不报告——但 `ClusterAliyunPipelineConfig` 除外：其 `spec.config` 是 2.x 的 `LogtailPipelineConfig` 格式，其中每个 1.x 名称都会报告。诊断报在每个 1.x 名称上（键本身，或 `Type` 的值）。',
    },
    sources: ['lcInputFile', 'slsCrd'],
    bad: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    ProjectName: my-project
    LogstoreName: app-log
`,
    good: `enable: true
inputs:
  - Type: input_file
    FilePaths:
      - /var/log/app/*.log
flushers:
  - Type: flusher_sls
    Endpoint: cn-hangzhou.log.aliyuncs.com
    Project: my-project
    Logstore: app-log
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['mixed', 'mixedBoth', 'crd'],
  check(ctx) {
    for (const config of ctx.configs) {
      if (config.bodyKind !== 'pipeline' || !config.body) continue;
      const { v1, v2 } = scan(config.body);
      if (!v1.length) continue;
      const crd = config.kind === 'clusterpipeline';
      if (!v2.length && !crd) continue;
      const evidence = [...new Set(v2.map((f) => `\`${f.name}\``))].join(', ');
      for (const f of v1) {
        const fix = fixFor(config, f);
        const both = !!(f.pair && f.map && f.v2 && get(f.map, f.v2) !== undefined);
        const messageId = both ? 'mixedBoth' : v2.length ? 'mixed' : 'crd';
        ctx.report({ node: f.node, messageId, data: { name: f.name, v2: f.v2 ?? '', evidence }, fixes: fix ? [fix] : [] });
      }
    }
  },
});
