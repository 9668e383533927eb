// What a file is, for the editor's status item and for deferring the workspace scan until a
// file the product is about is open.
import { isConfigFile } from './config/names';
import { objectsOfDoc } from './model/k8s';
import { configsOfFile } from './model/logtail';
import type { ParsedFile } from './parse/types';

export type FileKind = 'kubernetes' | 'logtail-pipeline' | 'logtail-legacy' | 'logtail-crd' | 'logtail-startup' | 'project-config' | 'other';

/** The kind of a parsed file: a Logtail config wins over the Kubernetes objects that carry it. */
export function fileKind(parsed: ParsedFile, uri: string): FileKind {
  if (isConfigFile(uri)) return 'project-config';
  if (parsed.skipped) return 'other';
  const objects = parsed.docs.flatMap((d) => (d.errors.length && !d.root ? [] : objectsOfDoc(d)));
  const configs = configsOfFile(parsed, uri, objects);
  const first = configs[0];
  if (first) {
    if (first.object) return 'logtail-crd'; // a CR, or a config embedded in a ConfigMap
    if (first.kind === 'startup') return 'logtail-startup';
    return first.kind === 'pipeline' ? 'logtail-pipeline' : 'logtail-legacy';
  }
  return objects.length ? 'kubernetes' : 'other';
}
