// Keeps the snippets honest (design/RULES.md "Snippets"): every snippet, expanded with each
// placeholder's default and each choice's first value, parses and triggers no rule at any
// severity, hints and information included — alone and all together as one workspace. The list-item fragments are inserted into a realistic host manifest at a
// nested position, indented as VS Code indents a multi-line snippet.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lint, parseFile, WorkspaceIndex, type Finding } from '../server/src/engine/index';
import { ROOT } from './helpers/fixtures';
import { expandSnippet, insertAtMarker, parseSnippet } from './helpers/snippet-expander';

interface Snippet {
  prefix: string;
  description: string;
  body: string[] | string;
}

const FILES = {
  yaml: join(ROOT, 'snippets', 'yaml.code-snippets.json'),
  json: join(ROOT, 'snippets', 'json.code-snippets.json'),
} as const;
const load = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, Snippet>;
const YAML_SNIPPETS = load(FILES.yaml);
const JSON_SNIPPETS = load(FILES.json);

/** List-item fragments (snippets/README.md "Complete documents") and the list they go into. */
const FRAGMENTS: Record<string, 'env' | 'mount' | 'volume'> = {
  'k8s-logtail-checkpoint-env': 'env',
  'k8s-logtail-checkpoint-mount': 'mount',
  'k8s-logtail-checkpoint-volume': 'volume',
};

/** Findings of the given severities (default: all, hints included), one readable line each. */
function offenders(text: string, findings: Finding[], severities: readonly string[] = ['error', 'warning', 'information', 'hint']): string[] {
  const lines = text.split(/\r?\n/);
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r?\n/).length;
  return findings
    .filter((f) => severities.includes(f.severity))
    .map((f) => `  line ${lineOf(f.start)} ${f.ruleId} [${f.severity}] ${f.message}\n    > ${lines[lineOf(f.start) - 1]?.trim() ?? ''}`);
}

function assertYamlParses(text: string, what: string) {
  const docs = parseAllDocuments(text);
  const problems = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message.split('\n')[0]));
  assert.deepEqual(problems, [], `${what} does not parse:\n${text}`);
}

function assertClean(text: string, uri: string, what: string) {
  const { findings } = lint(text, { uri });
  const bad = offenders(text, findings);
  assert.equal(bad.length, 0, `${what} produced:\n${bad.join('\n')}\n--- expanded text ---\n${text}`);
}

describe('snippet expander (VS Code snippet syntax)', () => {
  test('placeholders, mirrors, nested placeholders, choices, $0, escapes and variables', () => {
    assert.equal(expandSnippet('a ${1:x} b $1 ${1} c$0'), 'a x b x x c');
    assert.equal(expandSnippet('${1:outer ${2:inner}} / $2'), 'outer inner / inner');
    assert.equal(expandSnippet('$1 then ${1:late}'), 'late then late', 'a mirror before its placeholder takes its value');
    assert.equal(expandSnippet('${1|first,second|} $1'), 'first first');
    assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
    assert.equal(expandSnippet('cost \\$5 \\} \\\\ ok'), 'cost $5 } \\ ok');
    assert.equal(expandSnippet('x: \\$(POD_NAME)'), 'x: $(POD_NAME)');
    assert.equal(expandSnippet('${0:end} $TM_FILENAME ${TM_FILENAME} ${TM_SELECTED_TEXT:sel}'), 'end   sel');
    assert.equal(expandSnippet('a\\nb \\d'), 'a\\nb \\d', 'other backslashes are literal');
    assert.equal(expandSnippet('${1:abc} ${1/b/X/}'), 'abc aXc');
    assert.equal(expandSnippet(['l1', '  ${1:v}']), 'l1\n  v');
    assert.equal(expandSnippet('$ and ${ not a tabstop'), '$ and ${ not a tabstop');
    assert.throws(() => expandSnippet('${1:unterminated'));
    assert.throws(() => expandSnippet('${1|,x|}'), /empty choice/);
  });

  test('fragments are indented like VS Code indents them', () => {
    const host = 'a:\n  list:\n    - x\n    %HERE%\n';
    assert.equal(insertAtMarker(host, '%HERE%', '- y\n  z: 1'), 'a:\n  list:\n    - x\n    - y\n      z: 1\n');
  });
});

describe('snippet files: structure', () => {
  test('there are YAML and JSON snippets', () => {
    assert.ok(Object.keys(YAML_SNIPPETS).length >= 10);
    assert.ok(Object.keys(JSON_SNIPPETS).length >= 4);
  });

  for (const [file, snippets, lang] of [
    [FILES.yaml, YAML_SNIPPETS, 'yaml'],
    [FILES.json, JSON_SNIPPETS, 'json'],
  ] as const) {
    test(`${lang}: prefix, short name and description in words a user knows, non-empty body, right language`, () => {
      const problems: string[] = [];
      for (const [name, s] of Object.entries(snippets)) {
        const where = `${file.slice(ROOT.length + 1)} "${name}"`;
        const wantPrefix = lang === 'yaml' ? /^k8s-[a-z0-9-]+$/ : /^logtail-[a-z0-9-]+$/;
        if (typeof s.prefix !== 'string' || !wantPrefix.test(s.prefix)) problems.push(`${where}: prefix ${JSON.stringify(s.prefix)} must match ${wantPrefix}`);
        if (typeof s.description !== 'string' || s.description.trim().length < 30) problems.push(`${where}: description missing or too short`);
        else if (s.description.length > 80) problems.push(`${where}: description longer than 80 characters`);
        if (name.length > 80) problems.push(`${where}: name longer than 80 characters`);
        if (/\bseed\b|原文|spec §|the source document/i.test(name + ' ' + s.description)) problems.push(`${where}: internal shorthand in name or description`);
        const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
        if (typeof body !== 'string' || !body.trim()) problems.push(`${where}: empty body`);
        try {
          parseSnippet(body);
        } catch (e) {
          problems.push(`${where}: ${(e as Error).message}`);
        }
        const expanded = expandSnippet(body);
        if (lang === 'json') {
          try {
            JSON.parse(expanded);
          } catch (e) {
            problems.push(`${where}: expansion is not strict JSON: ${(e as Error).message}`);
          }
        } else {
          if (/^\s*[{[]/.test(expanded)) problems.push(`${where}: a YAML snippet must not be JSON`);
          if (/\t/.test(body)) problems.push(`${where}: tab character in a YAML snippet`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  test('no snippet silences a rule with a disable comment', () => {
    const silenced = [...Object.values(YAML_SNIPPETS), ...Object.values(JSON_SNIPPETS)].filter((s) => /logtail-lint-disable/.test(([] as string[]).concat(s.body).join('\n'))).map((s) => s.prefix);
    assert.deepEqual(silenced, []);
  });

  test('prefixes are unique and every one is in the snippets/README.md catalogue', () => {
    const prefixes = [...Object.values(YAML_SNIPPETS), ...Object.values(JSON_SNIPPETS)].map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
    const readme = readFileSync(join(ROOT, 'snippets', 'README.md'), 'utf8');
    const missing = prefixes.filter((p) => !readme.includes('`' + p + '`'));
    assert.deepEqual(missing, [], 'not in the README catalogue');
    for (const p of Object.keys(FRAGMENTS)) assert.ok(prefixes.includes(p), `fragment ${p} exists`);
  });
});

describe('every snippet inserted with its defaults gives no finding at all (hints included)', () => {
  for (const s of Object.values(YAML_SNIPPETS)) {
    if (FRAGMENTS[s.prefix]) continue;
    test(`yaml: ${s.prefix}`, () => {
      const text = expandSnippet(s.body) + '\n';
      assertYamlParses(text, s.prefix);
      assertClean(text, `file:///snippets/${s.prefix}.yaml`, s.prefix);
    });
  }
  for (const s of Object.values(JSON_SNIPPETS)) {
    test(`json: ${s.prefix}`, () => {
      const text = expandSnippet(s.body) + '\n';
      assert.doesNotThrow(() => JSON.parse(text), s.prefix);
      // a startup-parameters file is recognised by its name as well as by its keys
      const name = /startup/.test(s.prefix) ? 'ilogtail_config' : s.prefix;
      assertClean(text, `file:///snippets/${name}.json`, s.prefix);
    });
  }
});

test('all snippets together as one workspace, YAML and JSON, each with its defaults: still no finding of any severity (cross-file rules)', () => {
  const ws = new WorkspaceIndex();
  const texts = new Map<string, string>();
  for (const [snippets, ext] of [
    [YAML_SNIPPETS, 'yaml'],
    [JSON_SNIPPETS, 'json'],
  ] as const) {
    for (const s of Object.values(snippets)) {
      if (FRAGMENTS[s.prefix]) continue;
      const uri = `file:///snippets/${/startup/.test(s.prefix) ? 'ilogtail_config' : s.prefix}.${ext}`;
      const text = expandSnippet(s.body) + '\n';
      texts.set(uri, text);
      ws.update(uri, parseFile(text, ext));
    }
  }
  const bad: string[] = [];
  for (const [uri, text] of texts) for (const o of offenders(text, lint(text, { uri, workspace: ws }).findings)) bad.push(`${uri}:\n${o}`);
  assert.ok([...texts.keys()].some((u) => u.endsWith('.json')) && [...texts.keys()].some((u) => u.endsWith('.yaml')), 'both languages are in the workspace');
  assert.deepEqual(bad, []);
});

// A self-managed Logtail DaemonSet as it is before the checkpoint fragments are applied. Each
// slot (%ENV%, %MOUNT%, %VOLUME%) receives either the fragment under test (inserted like VS Code
// does) or the equivalent lines already written by hand.
const HOST = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: logtail-ds
  template:
    metadata:
      labels:
        k8s-app: logtail-ds
    spec:
      tolerations:
        - operator: Exists
      containers:
        - name: logtail
          image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
          imagePullPolicy: IfNotPresent
          env:
            %ENV_FIRST%
            - name: ALIYUN_LOGTAIL_USER_ID
              value: "1234567890123456"
            - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
              value: k8s-group-my-cluster
            - name: ALIYUN_LOGTAIL_CONFIG
              value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
            - name: cpu_usage_limit
              value: "1"
            - name: mem_usage_limit
              value: "1024"
            %ENV%
          livenessProbe:
            exec:
              command:
                - /etc/init.d/ilogtaild
                - status
            initialDelaySeconds: 30
            periodSeconds: 30
          resources:
            requests:
              cpu: 100m
              memory: 256Mi
            limits:
              cpu: "2"
              memory: 2Gi
          volumeMounts:
            - name: root
              mountPath: /logtail_host
              readOnly: true
              mountPropagation: HostToContainer
            %MOUNT%
      volumes:
        - name: root
          hostPath:
            path: /
        %VOLUME%
`;

const BY_HAND = {
  env: '- name: check_point_filename\n  value: /etc/ilogtail/checkpoint/logtail_check_point\n- name: user_config_file_path\n  value: /etc/ilogtail/checkpoint/user_log_config.json\n- name: docker_file_cache_path\n  value: /etc/ilogtail/checkpoint/docker_path_config.json',
  mount: '- name: logtail-checkpoint\n  mountPath: /etc/ilogtail/checkpoint',
  volume: '- name: logtail-checkpoint\n  hostPath:\n    path: /var/lib/kube-system-logtail-ds/checkpoint\n    type: DirectoryOrCreate',
};

function host(fill: Partial<Record<'env' | 'mount' | 'volume' | 'envFirst', string>>): string {
  let text = HOST;
  text = insertAtMarker(text, '%ENV_FIRST%', fill.envFirst ?? '');
  text = insertAtMarker(text, '%ENV%', fill.env ?? '');
  text = insertAtMarker(text, '%MOUNT%', fill.mount ?? '');
  text = insertAtMarker(text, '%VOLUME%', fill.volume ?? '');
  // a slot left empty leaves a blank line behind, as the editor would
  return text.replace(/^[ \t]+$/gm, '');
}

function fragment(prefix: string): string {
  const s = Object.values(YAML_SNIPPETS).find((x) => x.prefix === prefix);
  assert.ok(s, `snippet ${prefix} exists`);
  return expandSnippet(s.body);
}

describe('list-item fragments inserted into a DaemonSet', () => {
  test('the host, completed by hand, is itself clean (so the tests below test the fragments)', () => {
    const text = host(BY_HAND);
    assertYamlParses(text, 'host');
    assertClean(text, 'file:///snippets/host.yaml', 'host completed by hand');
  });

  for (const [prefix, slot] of Object.entries(FRAGMENTS)) {
    test(`${prefix} under ${slot === 'env' ? 'env:' : slot === 'mount' ? 'volumeMounts:' : 'volumes:'} (end of the list)`, () => {
      const text = host({ ...BY_HAND, [slot]: fragment(prefix) });
      assertYamlParses(text, prefix);
      assertClean(text, `file:///snippets/${prefix}.yaml`, `${prefix} inserted into the DaemonSet`);
    });
  }

  test('k8s-logtail-checkpoint-env at the start of env:', () => {
    const text = host({ ...BY_HAND, env: '', envFirst: fragment('k8s-logtail-checkpoint-env') });
    assertYamlParses(text, 'env first');
    assertClean(text, 'file:///snippets/env-first.yaml', 'k8s-logtail-checkpoint-env inserted first');
  });

  test('all three fragments together turn the bare DaemonSet into a clean one', () => {
    const text = host({ env: fragment('k8s-logtail-checkpoint-env'), mount: fragment('k8s-logtail-checkpoint-mount'), volume: fragment('k8s-logtail-checkpoint-volume') });
    assertYamlParses(text, 'all three');
    assertClean(text, 'file:///snippets/all-fragments.yaml', 'the three checkpoint fragments');
  });

  test('without the fragments the host is flagged (the fragments are what fixes it)', () => {
    const text = host({});
    const { findings } = lint(text, { uri: 'file:///snippets/bare.yaml' });
    assert.ok(
      findings.some((f) => f.ruleId === 'collector/checkpoint-not-persisted'),
      findings.map((f) => f.ruleId).join(', '),
    );
  });
});
