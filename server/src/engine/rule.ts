import type { Editor } from './edit/editor';
import type { Locale } from './i18n';
import type { K8sObject, Workload } from './model/k8s';
import type { LogtailConfig } from './model/logtail';
import type { Node } from './parse/nodes';
import type { ParsedFile } from './parse/types';
import type { Edit, FixKind, RuleDocs, Settings, Severity } from './types';
import type { WorkspaceView } from './workspace/index';
import type { FactKind } from './model/facts';

export interface FixSpec {
  title: FixTitle;
  kind: FixKind;
  edits: Edit[];
}

export interface ReportSpec<M extends string> {
  /** The key or value the finding is about (its range is the finding's range). */
  node?: Node | { start: number; end: number };
  messageId: M;
  data?: Record<string, string | number>;
  fixes?: FixSpec[];
  /** A severity other than the rule's default for this finding (e.g. a milder case). Settings still win. */
  severity?: Severity;
  /** The other side of a cross-file finding (file and range), with a short localized label. */
  related?: RelatedSpec[];
}

export interface RelatedSpec {
  uri: string;
  node: Node | { start: number; end: number };
  /** The English template of the label: the key of the catalogs' `related` section. */
  message: string;
  data?: Record<string, string | number>;
}

export interface RuleContext<M extends string = string> {
  readonly uri: string;
  readonly file: ParsedFile;
  readonly locale: Locale;
  readonly settings: Settings;
  /** Every Kubernetes object of the document being checked (List items unwrapped). */
  readonly objects: readonly K8sObject[];
  /** Every object of the document with a pod spec. */
  readonly workloads: readonly Workload[];
  /** Every Logtail config of the document: standalone, in a CRD, or embedded in a ConfigMap. */
  readonly configs: readonly LogtailConfig[];
  /**
   * What this file can see: the facts of this file's documents first, then those of every other
   * indexed file (workloads(), collectors(), configs(), claims(), volumesAt(), patchesOf(), …).
   */
  readonly workspace: WorkspaceView;
  /** Edit builders for this file's language. */
  readonly edit: Editor;
  report(spec: ReportSpec<M>): void;
}

/**
 * What a rule reads beyond the document it checks. Every rule runs once per document (its
 * `ctx.objects`, `ctx.workloads`, `ctx.configs` are that document's):
 * - `document`: nothing else — its findings are cached with the document model and recomputed
 *   only when the document's text changes;
 * - `file`: also the facts of the other documents of the same file (`ctx.workspace`, limited to
 *   this file);
 * - `workspace`: also the facts of every indexed file (`ctx.workspace`).
 * File and workspace rules declare the kinds of facts they read (`inputs`); their findings for a
 * document are recomputed only when the document changed or a fingerprint of those facts did.
 * Reading an undeclared kind throws (reported as an internal error), so a declaration cannot lie.
 */
export type RuleScope = 'document' | 'file' | 'workspace';

export interface Rule<M extends string = string> {
  /** `<domain>/<problem>`; equals the rule file's path under rules/. */
  id: string;
  severity: Severity;
  /** Default `document` (every rule of rules/ declares it; a meta test checks). */
  scope?: RuleScope;
  /** The kinds of facts a `file` or `workspace` rule reads through `ctx.workspace`. */
  inputs?: readonly FactKind[];
  docs: RuleDocs;
  /**
   * The ids of the rule's messages. Their texts are in the catalogs (messages/<locale>.json): the
   * short sentence in the rule's section, the long explanation in `$details` (`<section>.<id>`).
   */
  messages: readonly M[];
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** A fix title: its English template, the key of the catalogs' `fixes` section, and its arguments. */
export interface FixTitle {
  key: string;
  data?: Record<string, string | number>;
}

/** A fix title from the catalogs (`fixes` section, keyed by the English template; `{name}` placeholders are filled from `data` and the finding's data). */
export function title(key: string, data?: Record<string, string | number>): FixTitle {
  return data ? { key, data } : { key };
}
