import { objectsOfDoc, type K8sObject } from '../model/k8s';
import { get, isMap, str } from '../parse/nodes';
import type { ParsedFile } from '../parse/types';

/** A Kustomize kustomization file: its directory and the `namespace` it sets (if any). */
export interface Kustomization {
  dir: string;
  namespace?: string;
}

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

function dirOf(uri: string): string {
  return uri.replace(/\/[^/]*$/, '');
}

/** The kustomization a file is, if it is one (by its name, as `kustomize build` finds it). */
export function kustomizationOf(uri: string, parsed: ParsedFile): Kustomization | undefined {
  if (!KUSTOMIZATION_FILE.test(uri)) return undefined;
  const root = parsed.docs[0]?.root;
  return { dir: dirOf(uri), namespace: isMap(root) ? str(get(root, 'namespace')) || undefined : undefined };
}

/**
 * Facts from other files of the workspace. The CLI fills it with every file it lints; the
 * language server with the open documents and a bounded scan of the workspace folders.
 * Entries are replaced per file (a change to one file invalidates only its own facts).
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, K8sObject[]>();
  private readonly kustomizations = new Map<string, Kustomization>();
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
    const k = kustomizationOf(uri, parsed);
    if (k) this.kustomizations.set(uri, k);
    else this.kustomizations.delete(uri);
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
    this.kustomizations.delete(uri);
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
  /** Every indexed file except `exceptUri`, with its objects. */
  entries(exceptUri?: string): [string, K8sObject[]][] {
    return [...this.files].filter(([uri]) => uri !== exceptUri);
  }
  /** The kustomization of the file's directory, or else of the nearest ancestor directory that has one. */
  kustomizationFor(uri: string): Kustomization | undefined {
    if (!this.kustomizations.size) return undefined;
    let best: Kustomization | undefined;
    for (const k of this.kustomizations.values()) {
      if ((uri.startsWith(k.dir + '/')) && (!best || k.dir.length > best.dir.length)) best = k;
    }
    return best;
  }
}

export const EMPTY_WORKSPACE = new WorkspaceIndex();
