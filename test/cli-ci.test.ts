// CI entry points: the composite GitHub Action (action.yml) run step by step as the runner runs
// it, the documented code-scanning workflow and GitLab job, and the pre-commit hook definition.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { ROOT } from './helpers/fixtures';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  if?: string;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  name: string;
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

const sarifAjv = new Ajv4({ allErrors: true, strict: false });
addFormats(sarifAjv);
const validateSarif = sarifAjv.compile(JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')));

/**
 * Runs the composite action's steps as the runner does: `${{ inputs.* }}` expressions
 * substituted, GITHUB_ACTION_PATH = this tree (its dist/ is built, so the build step does
 * nothing), `shell: bash` as `bash --noprofile --norc -eo pipefail`. `uses:` steps are only
 * actions/setup-node here, whose Node is the one running this test. Stops at the first
 * failing step, as the runner does.
 */
function runAction(workspace: string, inputs: Record<string, string>) {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
  const expr = (s: string) => s.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => values[k] ?? '');
  const outputFile = join(workspace, '..', `gh-output-${Date.now()}`);
  writeFileSync(outputFile, '');
  for (const step of action.runs.steps) {
    if (step.uses) {
      assert.match(step.uses, /^actions\/setup-node@v\d+$/, 'the only action used is setup-node');
      continue;
    }
    assert.equal(step.shell, 'bash');
    const env: Record<string, string> = { ...(process.env as Record<string, string>), GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace, LANG: 'C', LC_ALL: '' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
    assert.doesNotMatch(step.run!, /\$\{\{/, 'inputs reach the script through env, never spliced into it');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd: workspace, env, encoding: 'utf8' });
    if (r.status !== 0) return { failedStep: step.id ?? step.name, status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readOutputs(outputFile) };
  }
  return { failedStep: undefined, status: 0, stdout: '', stderr: '', outputs: readOutputs(outputFile) };
}
const readOutputs = (f: string) => Object.fromEntries(readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lt-gha-'));
  const ws = join(dir, 'repo');
  mkdirSync(join(ws, 'deploy'), { recursive: true });
  mkdirSync(join(ws, 'k8s'), { recursive: true });
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml'), join(ws, 'deploy', 'api.yaml'));
  copyFileSync(join(ROOT, 'examples/emptydir/pod-emptydir.yaml'), join(ws, 'k8s', 'nginx.yaml'));
  return ws;
}

test('action.yml: a composite action whose outputs come from the lint step', () => {
  assert.equal(action.runs.using, 'composite');
  const lint = action.runs.steps.find((s) => s.id === 'lint')!;
  assert.match(lint.run!, /--format sarif/);
  assert.match(action.outputs['sarif-file']!.value, /steps\.lint\.outputs\.sarif-file/);
  assert.match(action.outputs['exit-code']!.value, /steps\.lint\.outputs\.exit-code/);
});

test('the action writes valid SARIF for the paths given and fails the step on an error-level finding', () => {
  const ws = workspace();
  const r = runAction(ws, { paths: 'deploy k8s' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.equal(r.failedStep, 'lint');
  assert.deepEqual(r.outputs, { 'sarif-file': 'logtail-lint.sarif', 'exit-code': '1' });
  const log = JSON.parse(readFileSync(join(ws, 'logtail-lint.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3)));
  const uris = new Set(log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ['deploy/api.yaml', 'k8s/nginx.yaml'], 'paths relative to the repository root, as code scanning needs');
  assert.ok(log.runs[0]!.results.some((x) => x.ruleId === 'k8s/subpath-expr-undefined-var'));
  assert.match(r.stdout, /::warning::/);
});

test('the action with fail-on-error false, extra args and its own SARIF path; a usage error always fails', () => {
  const ws = workspace();
  const ok = runAction(ws, { paths: 'deploy', 'fail-on-error': 'false', 'sarif-file': 'out/ll.sarif' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.deepEqual(ok.outputs, { 'sarif-file': 'out/ll.sarif', 'exit-code': '1' });
  assert.ok(existsSync(join(ws, 'out', 'll.sarif')), 'the directory of the report is created');
  const off = runAction(ws, { paths: 'deploy', args: '--rule k8s/subpath-expr-undefined-var=off' });
  assert.equal(off.status, 0, off.stdout + off.stderr);
  assert.equal(off.outputs['exit-code'], '0');
  const bad = runAction(ws, { paths: 'deploy', args: '--no-such-option', 'fail-on-error': 'false' });
  assert.equal(bad.status, 2);
  assert.equal(bad.outputs['exit-code'], '2');
});

test('the documented workflow runs the action and uploads its SARIF even when the lint step fails', () => {
  const wf = parse(readFileSync(join(ROOT, 'docs', 'ci', 'github-code-scanning.yml'), 'utf8')) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
  assert.equal(wf.permissions['security-events'], 'write');
  const steps = Object.values(wf.jobs)[0]!.steps;
  const lint = steps.find((s) => /\/logtail-lint@/.test(s.uses ?? ''))!;
  assert.ok(lint.id, 'the action step has an id');
  const upload = steps.find((s) => /^github\/codeql-action\/upload-sarif@v\d+$/.test(s.uses ?? ''))!;
  assert.match(upload.if!, /always\(\)/);
  assert.equal(upload.with!.sarif_file, `\${{ steps.${lint.id}.outputs.sarif-file }}`);
  assert.ok(steps.indexOf(upload) > steps.indexOf(lint));
});

test('the documented GitLab job writes the code-quality report it declares', () => {
  const ci = parse(readFileSync(join(ROOT, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; artifacts: { when: string; reports: { codequality: string } } }>;
  const job = Object.values(ci)[0]!;
  const report = job.artifacts.reports.codequality;
  assert.ok(job.script.some((l) => l.includes('--format gitlab') && l.includes(`--output-file ${report}`)), job.script.join('\n'));
  assert.equal(job.artifacts.when, 'always', 'the report is kept when findings fail the job');
});

test('.pre-commit-hooks.yaml: hook logtail-lint, language node, YAML and JSON files, one serial run', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; require_serial?: boolean }[];
  const hook = hooks.find((h) => h.id === 'logtail-lint')!;
  assert.equal(hook.language, 'node');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(pkg.bin[hook.entry], 'the entry is a bin of the package');
  const files = new RegExp(hook.files); // pre-commit uses Python's re.search; this pattern means the same in both
  for (const f of ['deploy/api.yaml', 'a.yml', 'logtail/config.json', 'k8s/x.YAML'.toLowerCase()]) assert.ok(files.test(f), f);
  for (const f of ['README.md', 'yaml.txt', 'a.yaml.bak']) assert.ok(!files.test(f), f);
  assert.equal(hook.require_serial, true);
});
