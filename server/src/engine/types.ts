import type { Localized } from './i18n';
import type { SourceRef } from './sources';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** A text edit in UTF-16 offsets of the original text. */
export interface Edit {
  start: number;
  end: number;
  newText: string;
}

/**
 * `safe`: keeps the meaning the user intended (applied by `--fix`).
 * `suggestion`: changes behaviour (e.g. where logs land); applied only with `--unsafe-fixes`.
 */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: Edit[];
}

/** The other side of a cross-file finding: a range (UTF-16 offsets) in another file, or elsewhere in this one. */
export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One short sentence from the message catalog of the locale (messages/<locale>.json). */
  message: string;
  /** The catalog id of the message and its arguments (tests assert these, never sentences). */
  messageId?: string;
  data?: Record<string, string | number>;
  /** The longer explanation (the rule's own text): the hover of the flagged range shows it. */
  details?: string;
  start: number;
  end: number;
  fixes: Fix[];
  /** Where the other side is (the volume a path should match, the collector that lacks a mount, …). */
  related?: RelatedLocation[];
}

export interface Settings {
  /** Rule id → severity override or `off`. */
  rules?: Record<string, SeveritySetting>;
  /** `sizeLimit` value inserted by the emptyDir fix. */
  emptyDirSizeLimit?: string;
  /** Files larger than this many characters are not linted. */
  maxFileSize?: number;
  /** `off`: no structural check, completion or hover from the Kubernetes schemas (rule `k8s/schema`). Default `on`. */
  kubernetesSchema?: 'on' | 'off';
}

export interface RuleDocs {
  /** One line: what the rule finds. */
  summary: Localized;
  /** Why it matters. */
  rationale: Localized;
  /** What to do about it. */
  remediation: Localized;
  /** Public sources a user can open (see sources.ts); the practice guide by its title and section. */
  sources: SourceRef[];
  /** A document on which the rule fires. */
  bad: string;
  /** The corrected document: the rule stays silent. */
  good: string;
  /** Language of the examples (default yaml). */
  language?: 'yaml' | 'json';
  /** Optional notes on choices made where the catalog is ambiguous. */
  notes?: Localized;
}

export type { Localized };
