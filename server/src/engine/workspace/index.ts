import { objectsOfDoc, type K8sObject } from '../model/k8s';
import type { ParsedFile } from '../parse/types';

/**
 * Facts from other files of the workspace. The CLI fills it with every file it lints; the
 * language server with the open documents and a bounded scan of the workspace folders.
 * Entries are replaced per file (a change to one file invalidates only its own facts).
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, K8sObject[]>();
  private readonly fingerprints = new Map<string, string>();
  private version = 0;
  private memo?: { except: string | undefined; objects: K8sObject[] };

  /**
   * Record (or replace) the facts of one file. The generation moves only when the facts
   * themselves change (not on an edit of a comment, or a change that only moves offsets), so
   * the other files' diagnostics are recomputed only when they may depend on the change.
   */
  update(uri: string, parsed: ParsedFile): void {
    const objects = parsed.docs.flatMap((d) => objectsOfDoc(d));
    this.files.set(uri, objects);
    this.memo = undefined;
    // The facts are the documents' content: their text without comment and blank lines (cheap even
    // for a 5 MB file, unlike serialising every object on each keystroke).
    const fingerprint = parsed.docs.map((d) => parsed.text.slice(d.start, d.end).replace(/^[ \t]*(#.*)?(\r?\n|$)/gm, '')).join('\u0000');
    if (this.fingerprints.get(uri) !== fingerprint) {
      this.fingerprints.set(uri, fingerprint);
      this.version++;
    }
  }
  remove(uri: string): void {
    this.fingerprints.delete(uri);
    this.memo = undefined;
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
    // several rules ask for the same list in one lint: keep the last answer until a file changes
    if (this.memo && this.memo.except === exceptUri) return this.memo.objects;
    const out: K8sObject[] = [];
    for (const [uri, objs] of this.files) if (uri !== exceptUri) out.push(...objs);
    this.memo = { except: exceptUri, objects: out };
    return out;
  }
  objectsOf(uri: string): K8sObject[] {
    return this.files.get(uri) ?? [];
  }
}

export const EMPTY_WORKSPACE = new WorkspaceIndex();
