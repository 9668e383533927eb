// Findings on a Go/Helm template (parse/template.ts masks its actions): keep only those whose
// inputs are literal. A finding is dropped when it touches a masked value, would write one, or lies in
// a region (a pod spec, a Logtail config, else the whole object) where a line of template actions
// was removed: what that line produces or makes conditional is unknown.
import type { Locale } from './i18n';
import { catalogMessage } from './catalog';
import type { K8sObject, Workload } from './model/k8s';
import type { LogtailConfig } from './model/logtail';
import { MASK_CHAR } from './parse/template';
import type { ParsedFile } from './parse/types';
import type { Finding } from './types';

export const TEMPLATE_RULE = 'internal/template-not-checked';

type Range = { start: number; end: number };
const MASKED_RUN = new RegExp(`${MASK_CHAR}+`, 'g');
const within = (r: Range, outer: Range) => r.start >= outer.start && r.start <= outer.end;
const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

export function templateFindings(
  findings: Finding[],
  parsed: ParsedFile,
  scope: { objects: readonly K8sObject[]; workloads: readonly Workload[]; configs: readonly LogtailConfig[] },
  locale: Locale,
  isEngineFinding: (f: Finding) => boolean,
  uri = '',
): Finding[] {
  const templated = parsed.docs.filter((d) => d.templated);
  if (!templated.length) return findings;
  const regions: Range[] = [
    ...scope.workloads.map((w) => w.podSpec),
    ...scope.configs.map((c) => c.body ?? c.root),
    ...scope.objects.map((o) => o.node),
  ];
  const out = findings
    // an object named by a template action is named as such in messages (`Deployment "{{…}}"`)
    .map((f) => (f.message.includes(MASK_CHAR) ? { ...f, message: f.message.replace(MASKED_RUN, '{{…}}') } : f))
    .filter((f) => {
    if (isEngineFinding(f)) return true;
    const doc = parsed.docs.find((d) => f.start >= d.start && f.start <= d.end);
    const t = doc?.template;
    if (!doc?.templated) return true;
    if (!t) return false;
    if (f.fixes.some((x) => x.title.includes(MASK_CHAR) || x.edits.some((e) => e.newText.includes(MASK_CHAR)))) return false;
    if (t.values.some((v) => overlaps(v, { start: f.start, end: Math.max(f.end, f.start + 1) }))) return false;
    // the smallest region around the finding: a pod spec, a config, else its object
    const around = regions.filter((r) => within(f, r)).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    if (!around || t.removed.some((r) => belongsTo(parsed.text, r, around))) return false;
    return true;
  });
  // one information when no templated document of a chart template (`templates/…`) could be
  // checked at all; other files with `{{` (values.yaml, Go templates in a ConfigMap) are not charts' manifests
  const isChartTemplate = /(^|[\\/])templates[\\/]/.test(uri);
  const checked = !isChartTemplate || templated.some((d) => d.template && !d.errors.length && scope.objects.some((o) => o.doc === d) || scope.configs.some((c) => c.doc === d && d.template && !d.errors.length));
  if (!checked) {
    out.push({
      ruleId: TEMPLATE_RULE,
      severity: 'information',
      message: catalogMessage(locale, 'internal', 'templateNotChecked')!,
      messageId: 'templateNotChecked',
      start: templated[0]!.start,
      end: templated[0]!.start,
      fixes: [],
    });
  }
  return out;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * Does the removed line `r` lie in `region`? Inside its range, or after it and indented at least
 * as deep as the region's first key with nothing shallower in between (a YAML node's range ends
 * at its last content, so `volumes:` followed by `{{- include … | nindent 8 }}` ends before it).
 */
function belongsTo(text: string, r: Range, region: Range): boolean {
  if (overlaps(r, region) || (r.start >= region.start && r.start <= region.end)) return true;
  if (r.start < region.end) return false;
  const col = columnOf(text, region.start);
  const indent = (lineStart: number) => /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  const ownIndent = /^[ ]*/.exec(text.slice(r.start))![0].length;
  let p = text.indexOf('\n', region.end);
  while (p >= 0 && p + 1 < r.start) {
    const ls = p + 1;
    const le = text.indexOf('\n', ls);
    const line = text.slice(ls, le < 0 ? text.length : le);
    if (line.trim() && !/^\s*#/.test(line) && !/^\s*\{\{/.test(line) && indent(ls) < col) return false;
    p = le;
  }
  return ownIndent >= col || /^\s*\{\{-/.test(text.slice(r.start, r.end));
}
