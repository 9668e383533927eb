import { objectsOfDoc, type K8sObject } from '../model/k8s';
import type { ParsedFile } from '../parse/types';

/**
 * Facts from other files of the workspace. The CLI fills it with every file it lints; the
 * language server with the open documents and a bounded scan of the workspace folders.
 * Entries are replaced per file (a change to one file invalidates only its own facts).
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, K8sObject[]>();
  private version = 0;

  /** Record (or replace) the facts of one file. */
  update(uri: string, parsed: ParsedFile): void {
    this.files.set(uri, parsed.docs.flatMap((d) => objectsOfDoc(d)));
    this.version++;
  }
  remove(uri: string): void {
    if (this.files.delete(uri)) this.version++;
  }
  get generation(): number {
    return this.version;
  }
  uris(): string[] {
    return [...this.files.keys()];
  }
  /** Objects of every indexed file except `exceptUri`. */
  objects(exceptUri?: string): K8sObject[] {
    const out: K8sObject[] = [];
    for (const [uri, objs] of this.files) if (uri !== exceptUri) out.push(...objs);
    return out;
  }
  objectsOf(uri: string): K8sObject[] {
    return this.files.get(uri) ?? [];
  }
}

export const EMPTY_WORKSPACE = new WorkspaceIndex();
