// Hover from the same schemas as completion: on a key (or its scalar value) of any Logtail config
// (standalone, in a CRD, in a ConfigMap) the description in the locale, type, default, allowed
// values and minimum agent version; on a collector container's env name, the env var's docs.
import { normalizeLocale, type Locale } from '../i18n';
import { isCollector } from '../model/collector';
import { objectsOfDoc, workloadOf, type K8sObject, type Workload } from '../model/k8s';
import { configsOfFile } from '../model/logtail';
import { parseAround } from './context';
import { isMap, isScalar, isSeq, toJS, type Node } from '../parse/nodes';
import { isCheckableDoc, type Language } from '../parse/types';
import { envDoc, envMarkdown } from './env';
import { schemaMarkdown } from './format';
import { K8S_FIELDS, k8sFieldKey } from './k8s-words';
import { CATALOGS } from '../catalog';
import { describe, descriptionIn, k8sRootSchema, resolvePath, rootSchema, type PathSeg } from './schema-nav';

export interface HoverResult {
  /** Markdown, in the requested locale. */
  markdown: string;
  /** UTF-16 offsets of the hovered key or value. */
  start: number;
  end: number;
}

export interface HoverOptions {
  uri?: string;
  locale?: Locale | string;
  /** `off`: no hover from the Kubernetes schemas (setting `logtailLint.kubernetesSchema`). */
  kubernetesSchema?: 'on' | 'off';
}

interface Hit {
  path: PathSeg[];
  start: number;
  end: number;
  onValue: boolean;
  value?: unknown;
}

function within(offset: number, n: { start: number; end: number }): boolean {
  return offset >= n.start && offset <= n.end && n.end > n.start;
}

/** The key (or scalar value) at `offset` below `node`, with its path. */
function findAt(node: Node, offset: number, path: PathSeg[] = [], depth = 0): Hit | undefined {
  if (depth > 100) return undefined;
  if (isMap(node)) {
    for (const p of node.pairs) {
      const key = String(p.key.value);
      if (within(offset, p.key)) return { path: [...path, key], start: p.key.start, end: p.key.end, onValue: false };
      if (isScalar(p.value) && within(offset, p.value)) return { path: [...path, key], start: p.value.start, end: p.value.end, onValue: true, value: p.value.value };
      if (!isScalar(p.value) && offset >= p.value.start && offset <= p.value.end) {
        const h = findAt(p.value, offset, [...path, key], depth + 1);
        if (h) return h;
      }
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const it = node.items[i]!;
      if (offset < it.start || offset > it.end) continue;
      if (isScalar(it)) return within(offset, it) ? { path: [...path, i], start: it.start, end: it.end, onValue: true, value: it.value } : undefined;
      const h = findAt(it, offset, [...path, i], depth + 1);
      if (h) return h;
    }
  }
  return undefined;
}

/** Hover documentation at `offset`, or undefined when there is nothing to say. */
export function hover(text: string, language: Language, offset: number, options: HoverOptions = {}): HoverResult | undefined {
  const locale = normalizeLocale(options.locale);
  const uri = options.uri ?? '';
  const parsed = parseAround(text, language, offset); // only the document under the mouse
  const objects: K8sObject[] = [];
  for (const d of parsed.docs) if (isCheckableDoc(d) && d.root) objects.push(...objectsOfDoc(d));

  // collector env names
  for (const w of objects.map(workloadOf).filter((x): x is Workload => !!x)) {
    for (const c of w.containers) {
      if (!isCollector(c)) continue;
      for (const e of c.env) {
        if (!within(offset, e.nameNode)) continue;
        const d = envDoc(e.name);
        if (d) return { markdown: envMarkdown(d, locale), start: e.nameNode.start, end: e.nameNode.end };
      }
    }
  }

  // keys and values of Logtail configs
  for (const c of configsOfFile(parsed, uri, objects)) {
    if (offset < c.root.start || offset > c.root.end) continue;
    const hit = findAt(c.root, offset);
    if (!hit) continue;
    const instance = toJS(c.root);
    const root = rootSchema(c.kind);
    const resolved = resolvePath(root, hit.path, instance);
    if (!resolved.schemas.length) continue;
    const info = describe(resolved.schemas);
    const last = hit.path[hit.path.length - 1];
    let markdown = schemaMarkdown(info, locale, typeof last === 'string' ? last : undefined);
    if (hit.onValue && typeof last === 'string') {
      // a dispatching value (`Type: input_file`, `inputType: file`): the definition it selects
      const parent = hit.path.slice(0, -1);
      const withValue = new Set(resolvePath(root, parent, instance).schemas.map((s) => s.schema));
      const without = toJS(c.root) as Record<string, unknown>;
      let cur: unknown = without;
      for (const seg of parent) cur = (cur as Record<string | number, unknown> | undefined)?.[seg];
      if (cur && typeof cur === 'object' && !Array.isArray(cur)) delete (cur as Record<string, unknown>)[last];
      const base = new Set(resolvePath(root, parent, without).schemas.map((s) => s.schema));
      const added = resolvePath(root, parent, instance).schemas.filter((s) => withValue.has(s.schema) && !base.has(s.schema));
      const d = descriptionIn(describe(added), locale);
      if (d) markdown = `**${String(hit.value)}**\n\n${d}\n\n---\n\n${markdown}`;
    }
    if (!markdown.trim()) continue;
    return { markdown, start: hit.start, end: hit.end };
  }

  // fields of Kubernetes objects with a bundled schema: the official description and the type
  if (options.kubernetesSchema !== 'off') {
    for (const obj of objects) {
      if (offset < obj.node.start || offset > obj.node.end) continue;
      const root = k8sRootSchema(obj.apiVersion, obj.kind);
      const hit = root && findAt(obj.node, offset);
      if (!root || !hit || hit.onValue) continue; // keys only: a value's own hover belongs to the env/config docs above
      const resolved = resolvePath(root, hit.path, toJS(obj.node));
      if (!resolved.schemas.length) continue;
      const last = hit.path[hit.path.length - 1];
      const info = describe(resolved.schemas);
      // an entry of a map the catalogs describe (`ephemeral-storage` of `resources.limits`): not a property of its own
      const own = k8sFieldKey(info.described);
      const parentKey = typeof last === 'string' && !own?.includes('.') ? k8sFieldKey(describe(resolvePath(root, hit.path.slice(0, -1), toJS(obj.node)).schemas).described) : undefined;
      const entryKey = parentKey && CATALOGS.en[K8S_FIELDS]?.[`${parentKey}.${last}`] !== undefined ? `${parentKey}.${last}` : undefined;
      const markdown = schemaMarkdown(info, locale, typeof last === 'string' ? last : undefined, entryKey);
      if (markdown.trim()) return { markdown, start: hit.start, end: hit.end };
    }
  }
  return undefined;
}
