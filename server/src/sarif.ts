// SARIF 2.1.0 output of the CLI (GitHub code scanning and other CI dashboards read it).
import { pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import { allRules, LineIndex, type Finding, type Locale, localize } from './engine/index';

export interface FileResult {
  file: string;
  text: string;
  findings: Finding[];
}

const LEVEL: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(lines: LineIndex, start: number, end: number) {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function toSarif(results: FileResult[], version: string, locale: Locale, cwd = process.cwd()): unknown {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const rule = allRules.find((r) => r.id === id);
    if (!rule) return { id, shortDescription: { text: id } };
    return {
      id,
      shortDescription: { text: localize(rule.docs.summary, locale) },
      fullDescription: { text: localize(rule.docs.rationale, locale) },
      help: { text: localize(rule.docs.remediation, locale), markdown: `${localize(rule.docs.remediation, locale)}\n\nSee docs/rules/${id}.md.` },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { source: rule.docs.source },
    };
  });
  const out = results.flatMap(({ file, text, findings }) => {
    const lines = new LineIndex(text);
    const uri = relative(cwd, file).split(sep).join('/');
    const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
    return findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(lines, f.start, f.end) } }],
      ...(f.fixes.length
        ? {
            fixes: f.fixes.map((x) => ({
              description: { text: `${x.title}${x.kind === 'suggestion' ? ' (suggestion: changes behaviour)' : ''}` },
              artifactChanges: [{ artifactLocation, replacements: x.edits.map((e) => ({ deletedRegion: region(lines, e.start, e.end), insertedContent: { text: e.newText } })) }],
            })),
          }
        : {}),
    }));
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'logtail-lint', version, semanticVersion: version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + sep).toString() } },
        columnKind: 'utf16CodeUnits',
        results: out,
      },
    ],
  };
}
