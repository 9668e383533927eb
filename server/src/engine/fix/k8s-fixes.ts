import type { Container, Mount, Volume } from '../model/k8s';
import { isMap } from '../parse/nodes';
import type { Edit } from '../types';
import type { Editor, Value } from '../edit/editor';
import { combineEdits } from '../edit/inserts';

/** Downward API fields for the variables people use in `subPathExpr`. */
export const DOWNWARD_FIELDS: Record<string, string> = {
  POD_NAME: 'metadata.name',
  POD_NAMESPACE: 'metadata.namespace',
  POD_UID: 'metadata.uid',
  NODE_NAME: 'spec.nodeName',
};

export function downwardEnvItem(name: string, fieldPath: string): Value {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/** Add env `name` from the Downward API to a container (appending to `env`, or creating it). */
export function addDownwardEnv(edit: Editor, c: Container, name: string): Edit {
  return edit.addToList(c.node, 'env', downwardEnvItem(name, DOWNWARD_FIELDS[name] ?? 'metadata.name'));
}

/** Set `hostPath.type` of a volume. */
export function setHostPathType(edit: Editor, v: Volume, type: string): Edit | undefined {
  const hp = v.sourceNode;
  if (isMap(hp)) return edit.setScalar(hp, 'type', type);
  return undefined;
}

/** The edits of "Isolate per pod with subPathExpr" for one mount. */
export function isolatePerPodEdits(edit: Editor, c: Container, m: Mount, v: Volume): Edit[] {
  const edits: Edit[] = [];
  if (m.subPathPair && m.subPath !== undefined) {
    edits.push(edit.renameKey(m.subPathPair, 'subPathExpr'));
    edits.push(edit.replaceScalar(m.subPathPair.value, `${m.subPath.replace(/(?<!\/)\/+$/, '')}/$(POD_NAME)`));
  } else {
    edits.push(edit.insertIntoMap(m.node, { subPathExpr: '$(POD_NAME)' }));
  }
  if (!c.env.some((e) => e.name === 'POD_NAME')) edits.push(addDownwardEnv(edit, c, 'POD_NAME'));
  if (v.hostPath?.type !== 'DirectoryOrCreate') {
    const e = setHostPathType(edit, v, 'DirectoryOrCreate');
    if (e) edits.push(e);
  }
  return combineEdits(edits);
}
