// npm run test:editor — the extension proven inside real editors, on a machine without internet:
//   1. builds the extension (dist/) and the extension tests (dist-test/e2e/)
//   2. installs VS Code (code-server 4.139.1 = VS Code 1.139.1) once, from the npm registry and
//      Debian's packages: scripts/editor/install-code-server.sh (idempotent; ~3.5 min cold)
//   3. runs the extension test suite in it, in three sessions (YAML first, then the full suite,
//      which starts with a JSON Logtail config, each on a fresh copy of test/e2e/workspace; then
//      test/e2e/workspace-plain, without Kubernetes or Logtail files: the activation cost)
//   4. Neovim 0.7 as a second LSP client: the server over stdio, push diagnostics
//   5. packages logtail-lint.vsix (its bundles must be byte for byte those of `npm pack` of the
//      same tree) and installs it into a fresh code-server, which must show the squiggle and the
//      Problems row; the screenshot goes to docs/images/vscode-problems.png
//   6. the screenshots of docs/images/ in the packaged extension, English then Chinese
//      (scripts/editor-screenshots.sh): each step waits for what it shows; also the snippets
//      offered while typing their prefix in YAML and JSON
// Prints every step, the timings (also written to bench/out/editor-timings.json) and a final
// "N passed, N failed" line; exits 1 when anything failed.
// env: REAL_VSCODE_PREFIX (default /tmp/real-vscode), VERBOSE=1 (workbench noise too),
//      TEST_TIMEOUT_MS (one session's limit, default 900000: a loaded 2-core machine needs it),
//      LOGTAIL_E2E_GREP=<regexp> (only the matching extension tests; skips steps 4-5)
import { spawn } from 'node:child_process';
import { cpSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { buildE2e, ROOT } from './build-e2e.mjs';

const TOOLS = join(ROOT, 'scripts', 'editor');
const PREFIX = process.env.REAL_VSCODE_PREFIX || '/tmp/real-vscode';
const VSIX = join(ROOT, 'logtail-lint.vsix');
const SCREENSHOT = join(ROOT, 'docs', 'images', 'vscode-problems.png');
const NOISE = /Creating a socket|Service Worker|AgentHost|AccountPolicyGate|grace time|builtin extensions cache|connection token|authentication provider 'github'|workbench\.js:|Creation of workbench contribution|DialogService: Dialog requested|onWillSaveTextDocument/;

let passed = 0, failed = 0, pendingCount = 0;
const results = [];
const timings = [];
const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Runs a command, echoing its output (minus workbench noise); resolves { code, out }. */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', partial = '';
    const onData = (chunk) => {
      const s = chunk.toString();
      out += s;
      const lines = (partial + s).split('\n');
      partial = lines.pop();
      for (const l of lines) if (process.env.VERBOSE || !NOISE.test(l)) process.stdout.write(`    ${l}\n`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      if (partial && (process.env.VERBOSE || !NOISE.test(partial))) process.stdout.write(`    ${partial}\n`);
      resolve({ code: code ?? 1, out });
    });
    child.on('error', (e) => resolve({ code: 1, out: String(e) }));
  });
}

async function step(name, fn) {
  const t = Date.now();
  console.log(`\n▶ ${name}`);
  let ok = false, note = '';
  try {
    const r = await fn();
    ok = r?.ok ?? true;
    note = r?.note ?? '';
  } catch (e) {
    note = e?.message ?? String(e);
  }
  console.log(`${ok ? '✔' : '✘'} ${name} (${secs(Date.now() - t)})${note ? ` — ${note}` : ''}`);
  results.push({ name, ok, note, ms: Date.now() - t });
  return ok;
}

/** A fresh copy of test/e2e/workspace. The YAML-first session gets no .json file: VS Code fires
 *  onLanguage:json at startup for a workspace with JSON files, which would activate the extension
 *  before the test opens its YAML file and hide the cold start. */
function freshWorkspace(yamlOnly, from = 'workspace') {
  const dir = mkdtempSync(join(tmpdir(), 'logtail-lint-e2e-ws-'));
  cpSync(join(ROOT, 'test', 'e2e', from), dir, { recursive: true, filter: (src) => !(yamlOnly && src.endsWith('.json')) });
  return dir;
}

/** The extension host log of a kept code-server run: when and by which event logtail-lint was activated. */
function activationFromLog(runDir) {
  const logs = join(runDir, 'data', 'logs');
  if (!existsSync(logs)) return undefined;
  for (const session of readdirSync(logs)) {
    const f = join(logs, session, 'exthost1', 'remoteexthost.log');
    if (!existsSync(f)) continue;
    const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[info\] ExtensionService#_doActivateExtension logtail-lint\.logtail-lint, startup: (\w+), activationEvent: '([^']+)'/m.exec(readFileSync(f, 'utf8'));
    if (m) return { at: new Date(`${m[1]}T${m[2]}`).getTime(), event: m[4] }; // local time, like the log
  }
  return undefined;
}

/** One VS Code session: the extension tests of `entry`, on a fresh workspace copy. */
async function vscodeSession(entry, session, from = 'workspace') {
  const ws = freshWorkspace(session.startsWith('YAML first'), from);
  const r = await run('bash', [join(TOOLS, 'run-vscode-ext-tests.sh'), ROOT, entry, ws], { env: { KEEP_RUN_DIR: '1', REAL_VSCODE_PREFIX: PREFIX, TEST_TIMEOUT_MS: process.env.TEST_TIMEOUT_MS || '900000' } });
  rmSync(ws, { recursive: true, force: true });
  const runDir = /^logs: (\S+)$/m.exec(r.out)?.[1];
  const activation = runDir ? activationFromLog(runDir) : undefined;
  if (runDir && runDir.startsWith('/tmp/cs-run.')) rmSync(runDir, { recursive: true, force: true });
  const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop(); // the runner's closing line
  const p = m ? +m[1] : 0, f = m ? +m[2] : 1;
  const pend = +(/^\s*\[ext \w+\]\s+(\d+) pending/m.exec(r.out)?.[1] ?? 0);
  passed += p; failed += f; pendingCount += pend;
  const bench = [];
  for (const line of r.out.split('\n')) {
    const b = /BENCH (\{.*\})\s*$/.exec(line);
    if (b) bench.push({ session, ...JSON.parse(b[1]) });
  }
  timings.push(...bench);
  if (activation) {
    // `at`: when the test opened its first file; `firstDiagnosticAt`: when its diagnostic arrived
    const opened = bench.find((t) => t.at)?.at;
    const diag = bench.find((t) => t.firstDiagnosticAt)?.firstDiagnosticAt;
    // VS Code's workbench opens JSON/JSONC documents of its own (the user settings.json), at
    // startup or on the first open, which fires onLanguage:json/jsonc. The activation cost is
    // measurable only when the extension was not yet active when the test opened its file.
    const cold = bench.some((t) => t.firstDiagnosticAt && /not yet active/.test(t.name));
    const when = opened === undefined ? '' : activation.at >= opened ? `, ${activation.at - opened} ms after the test opened its first file` : `, ${opened - activation.at} ms before the test opened its first file`;
    console.log(`    logtail-lint was activated by ${activation.event}${when}${opened === undefined ? '' : cold ? ' (not yet active at the open: cold start measured)' : ' (already active at the open)'}`);
    if (diag && cold) timings.push({ session, name: 'cold start: activation -> first diagnostic on the small YAML', ms: diag - activation.at, event: activation.event });
    if (diag && !cold && opened !== undefined) timings.push({ session, name: 'activation -> already active when the test opened its file (upper bound of activate())', ms: opened - activation.at, event: activation.event });
  }
  return { ok: r.code === 0 && f === 0 && pend === 0, note: `${p} passed, ${f} failed, ${pend} skipped` };
}

// ---------------------------------------------------------------------------------------------
const grep = process.env.LOGTAIL_E2E_GREP;
let entries;
const built = await step('build dist/ (node scripts/build.mjs) and the extension tests (dist-test/e2e/)', async () => {
  const b = await run(process.execPath, ['scripts/build.mjs']);
  if (b.code !== 0) return { ok: false, note: 'node scripts/build.mjs failed' };
  entries = await buildE2e();
  return { ok: true, note: Object.values(entries).map((e) => e.slice(ROOT.length + 1)).join(', ') };
});
if (!built) failed++;

const ready = built && (await step(`real VS Code under ${PREFIX} (scripts/editor/install-code-server.sh, idempotent)`, async () => {
  const r = await run('bash', [join(TOOLS, 'install-code-server.sh'), PREFIX]);
  return { ok: r.code === 0 };
}));
if (built && !ready) failed++;

if (ready) {
  // LOGTAIL_E2E_COLD_RUNS=N repeats session 1 (for bench/RESULTS.md: only some runs are cold starts)
  const coldRuns = grep ? 0 : Math.max(1, +(process.env.LOGTAIL_E2E_COLD_RUNS || 1));
  for (let i = 1; i <= coldRuns; i++) {
    const label = coldRuns > 1 ? `YAML first #${i}` : 'YAML first';
    await step(`VS Code session 1${coldRuns > 1 ? ` (#${i})` : ''}: the first file opened is YAML (dist-test/e2e/yaml-first.js)`, () => vscodeSession(entries['yaml-first'], label));
  }
  await step(`VS Code session 2: the full extension test suite (dist-test/e2e/index.js)${grep ? ` — only /${grep}/` : ''}`, () => vscodeSession(entries.index, 'full suite'));
  if (!grep) await step('VS Code session 3: a workspace without Kubernetes or Logtail files, activation cost (dist-test/e2e/plain-first.js)', () => vscodeSession(entries['plain-first'], 'plain workspace', 'workspace-plain'));
}

if (built && !grep) {
  const probe = await step('Neovim 0.7 as LSP client: node dist/server.js --stdio, push diagnostics', async () => {
    const r = await run('bash', [join(TOOLS, 'nvim-lsp-probe.sh'), 'examples/hostpath/deployment-subpathexpr-no-env.yaml', 'yaml', JSON.stringify(['node', join(ROOT, 'dist', 'server.js'), '--stdio']), '^k8s/subpath%-expr%-undefined%-var$']);
    const ms = /^\[(\d+)ms\] publishDiagnostics/m.exec(r.out)?.[1];
    if (ms) timings.push({ session: 'Neovim', name: 'Neovim: server start -> publishDiagnostics (small YAML)', ms: +ms });
    return { ok: r.code === 0 && /RESULT: PASS/.test(r.out) };
  });
  probe ? passed++ : failed++;

  const packaged = await step('package logtail-lint.vsix (vsce package)', async () => {
    rmSync(VSIX, { force: true });
    // = npm run package, plus --no-rewrite-relative-links: README links docs/ relatively and
    // package.json has no repository to rewrite them against
    const r = await run(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', VSIX]);
    if (r.code !== 0 || !existsSync(VSIX)) return { ok: false };
    const l = await new Promise((resolve) => { const c = spawn('unzip', ['-l', VSIX]); let out = ''; c.stdout.on('data', (d) => (out += d)); c.on('close', () => resolve({ out })); });
    const bad = l.out.split('\n').filter((x) => /node_modules\/|\.map$|\.ts$|dist-test\/|test\//.test(x));
    if (bad.length) return { ok: false, note: `unexpected files in the .vsix: ${bad.join('; ')}` };
    return { ok: true, note: `${(statSync(VSIX).size / 1024).toFixed(0)} KiB` };
  });
  packaged ? passed++ : failed++;

  if (packaged) {
    const same = await step('the .vsix and the npm package hold the same bundles (npm pack of this tree)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'logtail-lint-pack-'));
      const p = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir]);
      const tgz = readdirSync(dir).find((n) => n.endsWith('.tgz'));
      if (p.code !== 0 || !tgz) return { ok: false, note: 'npm pack failed' };
      const bytes = (cmd, args) => new Promise((resolve) => { const c = spawn(cmd, args); const chunks = []; c.stdout.on('data', (d) => chunks.push(d)); c.on('close', () => resolve(Buffer.concat(chunks))); });
      const diff = [];
      for (const f of ['dist/server.js', 'dist/client.js', 'package.json']) {
        const inVsix = await bytes('unzip', ['-p', VSIX, `extension/${f}`]);
        const inTgz = await bytes('tar', ['-xzOf', join(dir, tgz), `package/${f}`]);
        if (!inVsix.length || !inVsix.equals(inTgz)) diff.push(f);
      }
      rmSync(dir, { recursive: true, force: true });
      return { ok: diff.length === 0, note: diff.length ? `different: ${diff.join(', ')}` : 'dist/server.js, dist/client.js, package.json identical' };
    });
    same ? passed++ : failed++;
  }

  if (packaged && ready) {
    const ui = await step('acceptance: the .vsix installed in a fresh code-server shows the squiggle and the Problems row', async () => {
      const out = mkdtempSync(join(tmpdir(), 'logtail-lint-acceptance-'));
      // FILE is matched against the Explorer rows, which show base names: open the file's folder
      const r = await run('bash', [join(TOOLS, 'acceptance-ui-check.sh'), VSIX, 'examples/hostpath', 'deployment-subpathexpr-no-env.yaml', 'POD_NAME', out], { env: { REAL_VSCODE_PREFIX: PREFIX } });
      const png = join(out, 'workbench-ok.png');
      const ok = r.code === 0 && existsSync(png);
      if (ok) {
        mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
        copyFileSync(png, SCREENSHOT);
      }
      rmSync(out, { recursive: true, force: true });
      const t = /^\[([\d.]+)s\] Problems panel row/m.exec(r.out)?.[1];
      if (t) timings.push({ session: 'acceptance', name: 'acceptance: browser up -> Problems panel row', ms: Math.round(+t * 1000) });
      return { ok, note: ok ? `screenshot: ${SCREENSHOT.slice(ROOT.length + 1)}` : '' };
    });
    ui ? passed++ : failed++;

    // The screenshots of docs/images/, taken in the packaged extension by scripts/editor-screenshots.sh
    // (each screenshot waits for what it shows: the Problems row, the code action and the rendered
    // rule page, the status item, the hover, the suggest widget while typing in YAML and JSON, the
    // Chinese row); copied to docs/images/ only when every step of the session passed.
    for (const mode of ['en', 'zh']) {
      const shots = await step(`screenshots in the packaged extension (${mode === 'zh' ? 'Chinese UI and messages' : 'English'}): scripts/editor-screenshots.sh ${mode}`, async () => {
        const out = mkdtempSync(join(tmpdir(), 'logtail-lint-shots-'));
        const r = await run('bash', [join(ROOT, 'scripts', 'editor-screenshots.sh'), mode], { env: { REAL_VSCODE_PREFIX: PREFIX, OUT_DIR: out } });
        const m = [...r.out.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].pop();
        const ok = r.code === 0 && !!m && +m[2] === 0 && +m[1] > 0;
        const pngs = readdirSync(out).filter((n) => n.endsWith('.png'));
        if (ok) {
          mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
          for (const n of pngs) copyFileSync(join(out, n), join(ROOT, 'docs', 'images', n));
        }
        rmSync(out, { recursive: true, force: true });
        return { ok, note: `${m ? `${m[1]} passed, ${m[2]} failed` : 'no result'}; ${ok ? `docs/images/: ${pngs.join(', ')}` : 'docs/images/ unchanged'}` };
      });
      shots ? passed++ : failed++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
const machine = { cpus: `${cpus().length} x ${cpus()[0]?.model ?? '?'}`, memoryGiB: +(totalmem() / 2 ** 30).toFixed(1), kernel: release(), node: process.version };
if (timings.length) {
  mkdirSync(join(ROOT, 'bench', 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'out', 'editor-timings.json'), JSON.stringify({ date: new Date().toISOString(), machine, timings }, null, 2) + '\n');
  console.log('\nTimings (also in bench/out/editor-timings.json):');
  for (const t of timings) console.log(`  ${String(t.ms).padStart(7)} ms  ${t.session}: ${t.name}`);
  const names = [...new Set(timings.map((t) => t.name))];
  if (timings.length > names.length) {
    console.log('Median of repeated figures:');
    for (const n of names) {
      const v = timings.filter((t) => t.name === n).map((t) => t.ms).sort((a, b) => a - b);
      if (v.length > 1) console.log(`  ${String(v[Math.floor(v.length / 2)]).padStart(7)} ms  ${n} (n=${v.length}, min ${v[0]}, max ${v[v.length - 1]})`);
    }
  }
}
console.log('\nSteps:');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name}${r.note ? ` — ${r.note}` : ''}`);
console.log(`\ntotal ${secs(Date.now() - T0)}; ${pendingCount} skipped (a skipped extension test fails the run)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
