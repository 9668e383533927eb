import { editorFor, type Editor } from '../edit/editor';
import { parseJsonDoc } from '../parse/json';
import { at, get, isMap, isScalar, isSeq, str, type MapNode, type Node, type ScalarNode } from '../parse/nodes';
import { isCheckableDoc, type Language, type ParsedDoc, type ParsedFile } from '../parse/types';
import { parseYamlDocs } from '../parse/yaml';
import type { K8sObject } from './k8s';

/**
 * Logtail configs, detected by content (RULES.md "Objects the engine must recognise"):
 * - `legacy`: the SLS collection config (`configName`, `inputType`, `inputDetail`, …) [spec §2]
 * - `startup`: the agent's startup parameters (`ilogtail_config.json`, `loongcollector_config.json`) [spec §1]
 * - `pipeline`: iLogtail 2.x / LoongCollector pipeline config (`inputs` / `processors` / `flushers`) [spec §3.3]
 * - `aliyunlogconfig`: the `AliyunLogConfig` CRD; its `spec.logtailConfig` is a legacy config [spec §3.1]
 * - `clusterpipeline`: the `ClusterAliyunPipelineConfig` CRD; its `spec.config` is a pipeline config [spec §3.2]
 */
export type ConfigKind = 'legacy' | 'startup' | 'pipeline' | 'aliyunlogconfig' | 'clusterpipeline';

export interface LogtailConfig {
  kind: ConfigKind;
  /** The whole object that is validated against the kind's schema (for CRDs: the CR). */
  root: MapNode;
  /**
   * The collection config proper: `root` for standalone configs, `spec.logtailConfig` of an
   * AliyunLogConfig (a legacy config) or `spec.config` of a ClusterAliyunPipelineConfig (a
   * pipeline config). Undefined when a CR lacks it.
   */
  body?: MapNode;
  /** The kind of `body`: `legacy` or `pipeline` for CRDs, else equal to `kind`. */
  bodyKind: 'legacy' | 'pipeline' | 'startup';
  /** The document the config lives in (for embedded configs: the ConfigMap's document). */
  doc: ParsedDoc;
  /** The Kubernetes object (CR or ConfigMap) that holds the config, if any. */
  object?: K8sObject;
  /** Set for configs embedded as text in a ConfigMap: the data key and its value node. */
  embedded?: { key: string; valueNode: ScalarNode };
  /** Language of the config text itself. */
  language: 'yaml' | 'json';
  /**
   * Edit builder for this config, over the file's current text. Offsets of embedded configs are
   * offsets of the outer file (see `parseEmbedded`), so its edits apply to the outer text as they are.
   */
  readonly edit: Editor;
}

export const LEGACY_KEYS = ['configName', 'inputType', 'inputDetail', 'outputType', 'outputDetail'];
/** Keys that only a startup parameters file has (spec §1.3). */
export const STARTUP_SIGNAL_KEYS = [
  'cpu_usage_limit',
  'mem_usage_limit',
  'max_bytes_per_sec',
  'process_thread_count',
  'send_request_concurrency',
  'buffer_file_num',
  'buffer_file_size',
  'buffer_file_path',
  'check_point_filename',
  'check_point_file_path',
  'check_point_dump_interval',
  'user_config_file_path',
  'docker_file_cache_path',
  'config_server_address',
  'data_server_list',
  'working_ip',
  'working_hostname',
  'discard_old_data',
  'default_access_key_id',
  'max_read_buffer_size',
];

function keys(m: MapNode): string[] {
  return m.pairs.map((p) => String(p.key.value));
}

/**
 * A 1.x Go-plugin chain (`{inputs, processors, flushers}` whose items are `{type, detail}`): the
 * body of a legacy `inputDetail.plugin` [spec §2.4], also kept as a standalone file (iLogtail's
 * `example_config/data_pipelines/*.json`, the plugin runner's `--plugin` file). It is not a 2.x
 * pipeline: every plugin item has a lowercase `type` and a `detail` map (or nothing else), and none has `Type`.
 * (A pipeline item with a mistyped `type` and its parameters beside it stays a pipeline, so
 * `logtail/schema` can ask "Is "type" meant to be "Type"?".)
 */
function isPluginChain(m: MapNode): boolean {
  let items = 0;
  for (const key of ['inputs', 'processors', 'aggregators', 'flushers']) {
    const s = get(m, key);
    if (!s) continue;
    if (!isSeq(s)) return false;
    for (const i of s.items) {
      // `{type, detail}`; `detail` may be left out by a plugin without parameters (`{"type": "processor_default"}`)
      if (!isMap(i) || get(i, 'Type') || typeof str(get(i, 'type')) !== 'string') return false;
      const d = get(i, 'detail');
      if (d ? !isMap(d) : i.pairs.some((p) => p.key.value !== 'type')) return false;
      items++;
    }
  }
  return items > 0;
}

/** What kind of standalone config a map is, by its keys (and the file name for startup files). */
export function detectStandalone(m: MapNode, uri = ''): 'legacy' | 'startup' | 'pipeline' | undefined {
  if (get(m, 'apiVersion') || get(m, 'kind')) return undefined;
  const k = new Set(keys(m));
  if (/(^|[\\/])(ilogtail_config|loongcollector_config)\.json$/i.test(uri)) return 'startup';
  if (k.has('inputType') || (k.has('inputDetail') && (k.has('configName') || k.has('outputDetail')))) return 'legacy';
  const inputs = get(m, 'inputs');
  if (isPluginChain(m)) return undefined;
  if (inputs && (k.has('flushers') || k.has('processors') || (inputs.type === 'seq' && inputs.items.some((i) => isMap(i) && get(i, 'Type'))))) return 'pipeline';
  if (k.has('flushers') && k.has('processors')) return 'pipeline';
  if (STARTUP_SIGNAL_KEYS.some((s) => k.has(s))) return 'startup';
  return undefined;
}

/** Where the start of a block scalar's content is (the line after its `|` / `>` header), or undefined. */
function blockContentStart(outer: string, value: ScalarNode): number | undefined {
  if (!value.block || typeof value.value !== 'string') return undefined;
  let start = value.start;
  while (start < value.end && outer[start] !== '\n') start++;
  start++;
  if (start >= value.end) return undefined;
  if (outer[value.start] === '>') return undefined; // folded text changes line structure; not linted
  return start;
}

const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');

/** `outer` with every character outside the block scalar's content replaced by a space (line breaks kept). */
export function maskedFor(outer: string, value: ScalarNode): string | undefined {
  const start = blockContentStart(outer, value);
  if (start === undefined) return undefined;
  return blank(outer.slice(0, start)) + outer.slice(start, value.end) + blank(outer.slice(value.end));
}

/**
 * Parse the text of a block scalar (`data: {x.yaml: |\n  inputs: …}`) in place: the scalar's
 * content, with the rest of its document (`docStart`..`docEnd`) blanked (line breaks kept), so the
 * parsed nodes carry offsets of the outer file and edits built on the masked file apply to it.
 */
export function parseEmbedded(outer: string, value: ScalarNode, language: 'yaml' | 'json', docStart = 0, docEnd = outer.length): { doc: ParsedDoc } | undefined {
  const start = blockContentStart(outer, value);
  if (start === undefined) return undefined;
  const masked = blank(outer.slice(docStart, start)) + outer.slice(start, value.end) + blank(outer.slice(value.end, docEnd));
  const docs = language === 'yaml' ? parseYamlDocs(masked, docStart) : parseJsonDoc(masked, false, docStart);
  const doc = docs.find((d) => d.root) ?? docs[0];
  return doc ? { doc } : undefined;
}

/**
 * The text a file's configs are edited in: the current text of the file (a document model is
 * reused across versions, so its configs ask for the editor when a fix is built, not before).
 */
export interface ConfigEditors {
  /** The file's current text. */
  readonly text: string;
  readonly language: Language;
}

const editorCache = new WeakMap<ConfigEditors, { text: string; file?: Editor; embedded: Map<ScalarNode, Editor> }>();

function editorOf(src: ConfigEditors, c: Pick<LogtailConfig, 'embedded' | 'language'>): Editor {
  let e = editorCache.get(src);
  if (!e || e.text !== src.text) {
    e = { text: src.text, embedded: new Map() };
    editorCache.set(src, e);
  }
  if (!c.embedded) return (e.file ??= editorFor(src.text, src.language));
  let ed = e.embedded.get(c.embedded.valueNode);
  if (!ed) {
    ed = editorFor(maskedFor(src.text, c.embedded.valueNode) ?? src.text, c.language === 'yaml' ? 'yaml' : 'jsonc');
    e.embedded.set(c.embedded.valueNode, ed);
  }
  return ed;
}

function withEditor(c: Omit<LogtailConfig, 'edit'>, src: ConfigEditors): LogtailConfig {
  Object.defineProperty(c, 'edit', { get: () => editorOf(src, c), enumerable: false, configurable: true });
  return c as LogtailConfig;
}

/** The Logtail configs of one document (`objects`: the document's Kubernetes objects). */
export function configsOfDoc(doc: ParsedDoc, uri: string, objects: readonly K8sObject[], src: ConfigEditors): LogtailConfig[] {
  const out: LogtailConfig[] = [];
  const language = src.language === 'yaml' ? 'yaml' : 'json';
  if (!isCheckableDoc(doc)) return out;
  if (isMap(doc.root)) {
    const standalone = detectStandalone(doc.root, uri);
    if (standalone) {
      out.push(withEditor({ kind: standalone, root: doc.root, body: doc.root, bodyKind: standalone, doc, language }, src));
      return out;
    }
  }
  for (const obj of objects) {
    if (obj.kind === 'AliyunLogConfig' && obj.apiVersion.startsWith('log.alibabacloud.com/')) {
      const body = at(obj.node, 'spec', 'logtailConfig');
      out.push(withEditor({ kind: 'aliyunlogconfig', root: obj.node, body: isMap(body) ? body : undefined, bodyKind: 'legacy', doc: obj.doc, object: obj, language }, src));
    } else if ((obj.kind === 'ClusterAliyunPipelineConfig' || obj.kind === 'AliyunPipelineConfig') && obj.apiVersion.startsWith('telemetry.alibabacloud.com/')) {
      const body = at(obj.node, 'spec', 'config');
      out.push(withEditor({ kind: 'clusterpipeline', root: obj.node, body: isMap(body) ? body : undefined, bodyKind: 'pipeline', doc: obj.doc, object: obj, language }, src));
    } else if (obj.kind === 'ConfigMap' && src.language === 'yaml') {
      const data = get(obj.node, 'data');
      if (!isMap(data)) continue;
      for (const p of data.pairs) {
        const key = String(p.key.value ?? '');
        const lang = /\.json$/i.test(key) ? 'json' : /\.ya?ml$/i.test(key) ? 'yaml' : undefined;
        if (!lang || !isScalar(p.value)) continue;
        const parsed = parseEmbedded(src.text, p.value, lang, doc.start, doc.end);
        if (!parsed || !isMap(parsed.doc.root) || parsed.doc.errors.length) continue;
        const kind = detectStandalone(parsed.doc.root, key);
        if (!kind) continue;
        out.push(withEditor({ kind, root: parsed.doc.root, body: parsed.doc.root, bodyKind: kind, doc: parsed.doc, object: obj, embedded: { key, valueNode: p.value }, language: lang }, src));
      }
    }
  }
  return out;
}

/** The Logtail configs of a parsed file (`objects`: its Kubernetes objects). */
export function configsOfFile(file: ParsedFile, uri: string, objects: readonly K8sObject[]): LogtailConfig[] {
  const src: ConfigEditors = { text: file.text, language: file.language };
  return file.docs.flatMap((d) => configsOfDoc(d, uri, objects.filter((o) => o.doc === d), src));
}

/** `dockerFile` (legacy) / `EnableContainerDiscovery` (pipeline input) as a boolean; absent → false. */
export function containerMode(input: Node | undefined, bodyKind: 'legacy' | 'pipeline'): boolean {
  const v = get(input, bodyKind === 'legacy' ? 'dockerFile' : 'EnableContainerDiscovery');
  return isScalar(v) && (v.value === true || v.value === 'true');
}

export { str };
