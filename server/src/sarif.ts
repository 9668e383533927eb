// SARIF 2.1.0 output of the CLI (GitHub code scanning and other CI dashboards read it).
// Written result by result: a report with millions of findings never becomes one string.
import { pathToFileURL } from 'node:url';
import { sep } from 'node:path';
import { allRules, LineIndex, type Locale, localize, term } from './engine/index';
import { type FileResult, type LinesOf, type Sink, relatedOf, reportPath } from './formats';
import { sourceUrl } from './engine/sources';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF relatedLocations: the other side of a cross-file finding. */
function relatedLocationsOf(f: FileResult['findings'][number], linesOf: LinesOf | undefined, cwd: string) {
  return relatedOf(f, linesOf).map((r, id) => ({
    id,
    physicalLocation: { artifactLocation: { uri: reportPath(r.filePath, cwd), uriBaseId: '%SRCROOT%' }, region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn } },
    message: { text: r.message },
  }));
}

function region(lines: LineIndex, start: number, end: number) {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** Indents a JSON value (stringified with 2 spaces) for its place `depth` levels deep. */
const at = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, '\n' + '  '.repeat(depth));

export function writeSarif(results: readonly FileResult[], version: string, locale: Locale, out: Sink, cwd = process.cwd(), linesOf?: LinesOf): void {
  const ids = new Set<string>();
  for (const r of results) for (const f of r.findings) ids.add(f.ruleId);
  const used = [...ids].sort();
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const rule = allRules.find((r) => r.id === id);
    if (!rule) return { id, shortDescription: { text: id } };
    return {
      id,
      shortDescription: { text: localize(rule.docs.summary, locale) },
      fullDescription: { text: localize(rule.docs.rationale, locale) },
      help: { text: localize(rule.docs.remediation, locale), markdown: `${localize(rule.docs.remediation, locale)}\n\n${term(locale, 'sarif.seePage', { page: `docs/rules/${id}.md` })}` },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { sources: rule.docs.sources.map(sourceUrl).filter((u): u is string => !!u) },
    };
  });
  const run = {
    tool: { driver: { name: 'logtail-lint', version, semanticVersion: version, rules } },
    originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + sep).toString() } },
    columnKind: 'utf16CodeUnits',
  };
  const head = at(run, 2);
  out.write(`{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    ${head.slice(0, -1).trimEnd()},\n      "results": [`);
  let first = true;
  for (const { file, text, findings } of results) {
    if (!findings.length) continue;
    const lines = new LineIndex(text);
    const artifactLocation = { uri: reportPath(file, cwd), uriBaseId: '%SRCROOT%' };
    for (const f of findings) {
      const result = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(lines, f.start, f.end) } }],
        ...(f.related?.length ? { relatedLocations: relatedLocationsOf(f, linesOf, cwd) } : {}),
        ...(f.fixes.length
          ? {
              fixes: f.fixes.map((x) => ({
                description: { text: `${x.title}${x.kind === 'suggestion' ? ' (suggestion: changes behaviour)' : ''}` },
                artifactChanges: [{ artifactLocation, replacements: x.edits.map((e) => ({ deletedRegion: region(lines, e.start, e.end), insertedContent: { text: e.newText } })) }],
              })),
            }
          : {}),
      };
      out.write(`${first ? '' : ','}\n        ${at(result, 4)}`);
      first = false;
    }
  }
  out.write(`${first ? '' : '\n      '}]\n    }\n  ]\n}\n`);
}
