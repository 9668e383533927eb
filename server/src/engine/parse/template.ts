// Go-template (Helm) masking: turn a chart template into YAML the parser can read, keeping
// every offset of the original text, so that the rules whose inputs are literal can run on it.
//
// - An action inside a line (`image: {{ .Values.image }}`, `name: {{ include "x" . }}-logs`) is
//   replaced by an opaque placeholder of the same length (`MASK_CHAR` repeated): the key keeps a
//   value, and every finding about that value can be recognised and dropped.
// - A line that holds only actions (`{{- if .Values.x }}`, `{{- end }}`, `{{- include "l" . |
//   nindent 4 }}`, `{{/* comment */}}`) is blanked: the content such a line produces, or makes
//   conditional, is unknown. Its range is recorded, so a finding next to unknown content can be
//   dropped too.
// Newlines are never touched, so line numbers and offsets stay exact.
import type { TextLike } from './text';

/** The character of masked values: one UTF-16 unit, a plain YAML scalar, absent from real manifests. */
export const MASK_CHAR = '\u2591'; // ░

export interface TemplateMask {
  /** The text with every action masked; same length and same newlines as the input. */
  text: string;
  /** Ranges of actions replaced by placeholders (inside a value). */
  values: { start: number; end: number }[];
  /** Ranges of lines that held only actions and were blanked (unknown content). */
  removed: { start: number; end: number }[];
}

/**
 * The actions of a template: from each `{{` to the first `}}` after it (what the regular
 * expression /\{\{-?[\s\S]*?-?\}\}/g matched), found with indexOf: linear time (the expression
 * rescanned to the end of the text from each unclosed `{{`, quadratic: 40,000 took 13 s).
 */
function actionsOf(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let from = 0; ; ) {
    const open = text.indexOf('{{', from);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    out.push({ start: open, end: close + 2 });
    from = close + 2;
  }
  return out;
}

/** Does the text contain Go-template actions? */
export function hasTemplateActions(text: TextLike): boolean {
  return text.includes('{{');
}

export function maskTemplate(text: string): TemplateMask {
  const out = text.split('');
  const values: TemplateMask['values'] = [];
  const removed: TemplateMask['removed'] = [];
  const actions = actionsOf(text);
  // an unclosed `{{` masks to the end of its line
  const lastEnd = actions.length ? actions[actions.length - 1]!.end : 0;
  const open = text.indexOf('{{', lastEnd);
  if (open >= 0) {
    const eol = text.indexOf('\n', open);
    actions.push({ start: open, end: eol < 0 ? text.length : eol });
  }
  const blank = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };
  let i = 0;
  while (i < actions.length) {
    const a = actions[i]!;
    const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
    // the actions of this line (an action may span lines: then its last line counts)
    let j = i;
    let lineEnd = text.indexOf('\n', a.end);
    if (lineEnd < 0) lineEnd = text.length;
    while (j + 1 < actions.length && actions[j + 1]!.start < lineEnd) {
      j++;
      // only an action that runs past the line end moves it (no rescan per action: linear)
      if (actions[j]!.end > lineEnd) {
        const e = text.indexOf('\n', actions[j]!.end);
        lineEnd = e < 0 ? text.length : e;
      }
    }
    // does anything but blanks stand on these lines outside the actions? (one scan of the gaps)
    let rest = !onlyBlanks(text, lineStart, actions[i]!.start) || !onlyBlanks(text, actions[j]!.end, lineEnd);
    for (let k = i; k < j && !rest; k++) rest = !onlyBlanks(text, actions[k]!.end, actions[k + 1]!.start);
    if (!rest) {
      blank(lineStart, lineEnd);
      removed.push({ start: lineStart, end: lineEnd });
    } else {
      for (let k = i; k <= j; k++) {
        const { start, end } = actions[k]!;
        for (let p = start; p < end; p++) if (out[p] !== '\n' && out[p] !== '\r') out[p] = MASK_CHAR;
        // an action spanning lines leaves masked text on each; keep the newlines and indent the rest
        values.push({ start, end });
      }
    }
    i = j + 1;
  }
  return { text: out.join(''), values, removed };
}

/** Is text[from, to) only white space (as String.prototype.trim sees it)? */
function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (text[p]!.trim() !== '') return false;
  return true;
}

/** Does a string hold masked template text? */
export function isMaskedValue(s: string | undefined): boolean {
  return !!s && s.includes(MASK_CHAR);
}
