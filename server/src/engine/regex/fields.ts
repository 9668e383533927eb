/**
 * The regex-valued settings of a Logtail config, with the dialect the agent compiles them in.
 *
 * Native (C++, Boost.Regex, Perl syntax) [spec §2.2, §2.3, §3.3]:
 * - legacy `inputDetail.regex` (when `logType` is `common_reg_log`, with `key`; or absent),
 *   `inputDetail.logBeginRegex`, `inputDetail.filterRegex[]`;
 * - pipeline `processor_parse_regex_native.Regex` (with `Keys`), the `Multiline`
 *   `StartPattern` / `ContinuePattern` / `EndPattern` of an input,
 *   `processor_filter_regex_native.FilterRegex[]` and the values of its `Include` map.
 *
 * Go plugins (RE2) [spec §2.4, §3.3]:
 * - `processor_regex.Regex` (with `Keys`), `processor_filter_regex` `Include`/`Exclude` values;
 * - `ContainerFilters.K8sNamespaceRegex` / `K8sPodRegex` / `K8sContainerRegex` of an input;
 * - `service_docker_stdout`: `BeginLineRegex`, `K8sNamespaceRegex`, `K8sPodRegex`,
 *   `K8sContainerRegex` (as a pipeline input, or in a legacy `inputDetail.plugin`, whose
 *   items use lowercase `type` / `detail`).
 */
import type { LogtailConfig } from '../model/logtail';
import { get, isMap, isScalar, isSeq, str, type MapNode, type Node, type ScalarNode } from '../parse/nodes';
import type { Dialect } from './syntax';

export type RegexRole = 'parse' | 'begin' | 'filter' | 'container';

export interface RegexField {
  config: LogtailConfig;
  /** Where the field is, relative to the config body, e.g. `processors[1].Regex`. */
  path: string;
  node: ScalarNode;
  value: string;
  dialect: Dialect;
  role: RegexRole;
  /** A parse regex's field names (`key` / `Keys`), when given as a list. */
  keys?: { node: Node; path: string; count: number };
}

const K8S_REGEX_KEYS = ['K8sNamespaceRegex', 'K8sPodRegex', 'K8sContainerRegex'];
const MULTILINE_KEYS = ['StartPattern', 'ContinuePattern', 'EndPattern'];

function stringScalar(n: Node | undefined): n is ScalarNode & { value: string } {
  return isScalar(n) && typeof n.value === 'string';
}

class Collector {
  readonly out: RegexField[] = [];
  constructor(private readonly config: LogtailConfig) {}

  add(map: MapNode | undefined, key: string, base: string, dialect: Dialect, role: RegexRole, keysKey?: string): void {
    const v = get(map, key);
    if (!stringScalar(v)) return;
    const field: RegexField = { config: this.config, path: `${base}${key}`, node: v, value: v.value, dialect, role };
    if (keysKey) {
      const k = get(map, keysKey);
      if (isSeq(k)) field.keys = { node: k, path: `${base}${keysKey}`, count: k.items.length };
    }
    this.out.push(field);
  }

  addList(map: MapNode | undefined, key: string, base: string, dialect: Dialect, role: RegexRole): void {
    const v = get(map, key);
    if (stringScalar(v)) this.add(map, key, base, dialect, role);
    if (!isSeq(v)) return;
    v.items.forEach((item, k) => {
      if (stringScalar(item)) this.out.push({ config: this.config, path: `${base}${key}[${k}]`, node: item, value: item.value, dialect, role });
    });
  }

  addMapValues(map: MapNode | undefined, key: string, base: string, dialect: Dialect, role: RegexRole): void {
    const m = get(map, key);
    if (!isMap(m)) return;
    for (const p of m.pairs) {
      if (stringScalar(p.value)) this.out.push({ config: this.config, path: `${base}${key}.${String(p.key.value)}`, node: p.value, value: p.value.value, dialect, role });
    }
  }

  /** A Go `service_docker_stdout` input's settings (flat map). */
  dockerStdout(m: MapNode, base: string): void {
    this.add(m, 'BeginLineRegex', base, 're2', 'begin');
    for (const k of K8S_REGEX_KEYS) this.add(m, k, base, 're2', 'container');
  }

  /** A processor's settings (flat map), by plugin type. */
  processor(type: string | undefined, m: MapNode, base: string): void {
    switch (type) {
      case 'processor_parse_regex_native':
        this.add(m, 'Regex', base, 'boost', 'parse', 'Keys');
        break;
      case 'processor_regex':
        this.add(m, 'Regex', base, 're2', 'parse', 'Keys');
        break;
      case 'processor_filter_regex_native':
        this.addList(m, 'FilterRegex', base, 'boost', 'filter');
        this.addMapValues(m, 'Include', base, 'boost', 'filter');
        break;
      case 'processor_filter_regex':
        this.addMapValues(m, 'Include', base, 're2', 'filter');
        this.addMapValues(m, 'Exclude', base, 're2', 'filter');
        break;
    }
  }

  legacy(body: MapNode): void {
    const d = get(body, 'inputDetail');
    if (!isMap(d)) return;
    const base = 'inputDetail.';
    // `regex`/`key` belong to `common_reg_log`; other log types never compile `regex`
    const logType = str(get(d, 'logType'));
    if (logType === 'common_reg_log') this.add(d, 'regex', base, 'boost', 'parse', 'key');
    else if (logType === undefined) this.add(d, 'regex', base, 'boost', 'parse');
    this.add(d, 'logBeginRegex', base, 'boost', 'begin');
    this.addList(d, 'filterRegex', base, 'boost', 'filter');
    // a Go plugin chain: inputDetail.plugin.{inputs,processors}[] with lowercase type/detail
    const plugin = get(d, 'plugin');
    if (!isMap(plugin)) return;
    for (const section of ['inputs', 'processors']) {
      const items = get(plugin, section);
      if (!isSeq(items)) continue;
      items.items.forEach((item, k) => {
        if (!isMap(item)) return;
        const detail = get(item, 'detail');
        if (!isMap(detail)) return;
        const type = str(get(item, 'type'));
        const b = `${base}plugin.${section}[${k}].detail.`;
        if (type === 'service_docker_stdout') this.dockerStdout(detail, b);
        else if (section === 'processors') this.processor(type, detail, b);
      });
    }
  }

  pipeline(body: MapNode): void {
    const inputs = get(body, 'inputs');
    if (isSeq(inputs)) {
      inputs.items.forEach((input, k) => {
        if (!isMap(input)) return;
        const base = `inputs[${k}].`;
        const multiline = get(input, 'Multiline');
        if (isMap(multiline)) for (const key of MULTILINE_KEYS) this.add(multiline, key, `${base}Multiline.`, 'boost', 'begin');
        const filters = get(input, 'ContainerFilters');
        if (isMap(filters)) for (const key of K8S_REGEX_KEYS) this.add(filters, key, `${base}ContainerFilters.`, 're2', 'container');
        if (str(get(input, 'Type')) === 'service_docker_stdout') this.dockerStdout(input, base);
      });
    }
    const processors = get(body, 'processors');
    if (isSeq(processors)) {
      processors.items.forEach((p, k) => {
        if (isMap(p)) this.processor(str(get(p, 'Type')), p, `processors[${k}].`);
      });
    }
  }
}

/** Every regex-valued setting of a config (none for startup parameter files). */
export function regexFields(config: LogtailConfig): RegexField[] {
  const body = config.body;
  if (!body) return [];
  const c = new Collector(config);
  if (config.bodyKind === 'legacy') c.legacy(body);
  else if (config.bodyKind === 'pipeline') c.pipeline(body);
  return c.out;
}

/** Every regex-valued setting of every config of a file. */
export function regexFieldsOf(configs: readonly LogtailConfig[]): RegexField[] {
  return configs.flatMap(regexFields);
}
