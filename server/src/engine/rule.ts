import type { Editor } from './fix/editor';
import type { Locale, Localized } from './i18n';
import type { K8sObject, Workload } from './model/k8s';
import type { LogtailConfig } from './model/logtail';
import type { Node } from './parse/nodes';
import type { ParsedFile } from './parse/types';
import type { Edit, FixKind, RuleDocs, Settings, Severity } from './types';
import type { WorkspaceView } from './workspace/index';

export interface FixSpec {
  title: Localized;
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
  message: Localized;
  data?: Record<string, string | number>;
}

export interface RuleContext<M extends string = string> {
  readonly uri: string;
  readonly file: ParsedFile;
  readonly locale: Locale;
  readonly settings: Settings;
  /** Every Kubernetes object of this file (List items unwrapped). */
  readonly objects: readonly K8sObject[];
  /** Every object of this file with a pod spec. */
  readonly workloads: readonly Workload[];
  /** Every Logtail config of this file: standalone, in a CRD, or embedded in a ConfigMap. */
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

export interface Rule<M extends string = string> {
  /** `<domain>/<problem>`; equals the rule file's path under rules/. */
  id: string;
  severity: Severity;
  docs: RuleDocs;
  messages: Record<M, Localized>;
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** A localized fix title. */
export function title(en: string, zh: string): Localized {
  return { en, zh };
}
