// The pre-commit hook as users install it (npm run test:integration): a project whose
// .pre-commit-config.yaml points at a clone of this repository (its committed HEAD), installed
// and run by the real `pre-commit` tool (Debian: apt-get install pre-commit). pre-commit builds
// a `language: node` hook with `npm install` in its own clone of the repository (which runs the
// `prepare` build), `npm pack`, and `npm install -g` of the tarball into its environment.
// Skipped, saying so, where pre-commit is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures';

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const missing = preCommit.error || preCommit.status !== 0 ? 'pre-commit is not installed (Debian: apt-get install pre-commit; or pip install pre-commit): the hook test is skipped' : undefined;
const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
const notGit = head.status !== 0 ? 'this tree is not a git clone: pre-commit installs hooks from a git repository' : undefined;

const sh = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) => spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });

/**
 * pre-commit runs npm without the user's npmrc (it unsets NPM_CONFIG_USERCONFIG); the registry
 * and certificate settings of this machine are passed on as npm_config_* variables instead.
 */
function npmEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['registry', 'cafile', 'proxy', 'https-proxy', 'strict-ssl']) {
    const v = sh('npm', ['config', 'get', key], ROOT).stdout.trim();
    if (v && v !== 'null' && v !== 'undefined') env[`npm_config_${key.replace(/-/g, '_')}`] = v;
  }
  return env;
}

test('pre-commit installs the logtail-lint hook from a clone and fails a commit with a finding', { skip: missing ?? notGit, timeout: 20 * 60_000 }, () => {
  console.log(`# ${preCommit.stdout.trim()}; hook repository ${ROOT} at ${head.stdout.trim()}`);
  const dir = mkdtempSync(join(tmpdir(), 'lt-pre-commit-'));
  const project = join(dir, 'project');
  mkdirSync(join(project, 'deploy'), { recursive: true });
  copyFileSync(join(ROOT, 'examples/hostpath/deployment-subpathexpr-no-env.yaml'), join(project, 'deploy', 'api.yaml'));
  writeFileSync(join(project, 'README.md'), '# a project\n');
  writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${ROOT}\n    rev: ${head.stdout.trim()}\n    hooks:\n      - id: logtail-lint\n`);
  const env = { PRE_COMMIT_HOME: join(dir, 'pre-commit-home'), LANG: 'C', LC_ALL: '', ...npmEnv() };
  for (const args of [['init', '-q'], ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.']]) assert.equal(sh('git', args, project).status, 0);

  const install = sh('pre-commit', ['install-hooks'], project, env);
  assert.equal(install.status, 0, `pre-commit install-hooks\n${install.stdout}\n${install.stderr}`);

  const run = sh('pre-commit', ['run', '--all-files'], project, env);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /logtail-lint\.+Failed/);
  assert.match(run.stdout, /^deploy\/api\.yaml:\d+:\d+ {2}error {2}.*k8s\/subpath-expr-undefined-var$/m);
  assert.doesNotMatch(run.stdout, /README\.md/, 'only YAML and JSON files are passed');

  // the same as a git hook: a commit with the broken manifest is refused, a fixed one goes through
  assert.equal(sh('pre-commit', ['install'], project, env).status, 0);
  const commit = sh('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'broken'], project, env);
  assert.notEqual(commit.status, 0, 'the commit is refused');
  // fix the file with the CLI itself, then the hook passes
  assert.equal(sh(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--fix', 'deploy/api.yaml'], project).status, 0);
  sh('git', ['add', '.'], project);
  const ok = sh('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'fixed'], project, env);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
});
