// Helpers shared by the workspace/ rules (not a rule: the file name starts with `_`).
import { at, type Node } from '../../parse/nodes';
import type { K8sObject, Workload } from '../../model/k8s';
import type { LogtailConfig } from '../../model/logtail';
import { replacePath, type ConfigPath } from '../../model/logtail-paths';
import type { CollectGlob } from '../../model/node-paths';
import type { RelatedSpec, RuleContext } from '../../rule';
import type { Edit } from '../../types';
import { sourceOf } from '../../parse/text';

/** A related location in the file that holds `item` (this file when not indexed elsewhere). */
/** The other side of a finding; `message`: the English template, the key of the catalogs' `related` section. */
export function related(ctx: RuleContext, item: K8sObject | Workload | LogtailConfig, node: Node | undefined, message: string, data?: Record<string, string | number>): RelatedSpec[] {
  const target = node ?? ('obj' in item ? item.obj.node : 'node' in item ? item.node : (item as LogtailConfig).root);
  return [{ uri: ctx.workspace.uriOf(item) ?? ctx.uri, node: target, message, data }];
}

/** `metadata.name` of an object (its value node), else the object. */
export function nameNode(obj: K8sObject): Node {
  return at(obj.node, 'metadata', 'name') ?? obj.node;
}

/** The path a collect pattern would have with another node directory (same prefix, same file part). */
export function pathWithDir(g: CollectGlob, dir: readonly string[]): string {
  const base = g.prefix.replace(/(?<!\/)\/+$/, '') + (dir.length ? '/' + dir.join('/') : '');
  if (g.path.input.form === 'legacy') return base + (g.path.value.endsWith('/') ? '/' : '');
  return base + (g.recursive ? '/**' : '') + '/' + (g.file ?? '*');
}

/** An edit that replaces a config path string in this file. */
export function replaceEdit(ctx: RuleContext, p: ConfigPath, value: string): Edit {
  return replacePath(sourceOf(ctx.file), p.input.config, p.node, value);
}

/** The range of `value.slice(index, index + length)` inside a path string node (quotes skipped), else the whole node. */
export function subRange(ctx: RuleContext, p: ConfigPath, index: number, length: number): { start: number; end: number } {
  const node = p.node;
  for (const q of [0, 1]) {
    const s = node.start + q + index;
    if (sourceOf(ctx.file).slice(s, s + length) === p.value.slice(index, index + length) && sourceOf(ctx.file).slice(node.start + q, node.start + q + index) === p.value.slice(0, index)) return { start: s, end: s + length };
  }
  return node;
}
