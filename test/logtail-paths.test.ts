// The path rules of logtail/ and startup/checkpoint-in-tmp on the seed's exact cases, across
// files (workspace, CLI), and on odd input.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { lint, applyEdits, parseFile, WorkspaceIndex, type Finding } from '../server/src/engine/index';
import { analyzeRecursive, parseKubeletPodPath, formatKubeletPodPath, stripHostPrefix, addHostPrefix } from '../server/src/engine/model/logtail-paths';
import { ROOT } from './helpers/fixtures';

const MINE = [
  'logtail/host-path-without-prefix',
  'logtail/prefix-with-docker-file',
  'logtail/pod-uid-in-path',
  'logtail/kubelet-path-shape',
  'logtail/recursive-wildcard-placement',
  'logtail/recursive-depth-zero',
  'logtail/no-preserve',
  'logtail/delay-skip',
  'logtail/version-mixed',
  'logtail/pipeline-structure',
  'logtail/config-name',
  'startup/checkpoint-in-tmp',
];

const only = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id);

function applyOnly(text: string, uri: string, id: string, fixTitle: string, workspace?: WorkspaceIndex): string {
  const f = only(lint(text, { uri, workspace }).findings, id);
  assert.equal(f.length, 1, `one ${id} finding`);
  const fix = f[0]!.fixes.find((x) => x.title === fixTitle);
  assert.ok(fix, `fix "${fixTitle}" offered; got ${f[0]!.fixes.map((x) => x.title).join(', ')}`);
  return applyEdits(text, fix.edits);
}

const SEED_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        volumeMounts:
        - name: workdir1
          mountPath: /logs
          subPathExpr: $(POD_NAME)
      volumes:
      - name: workdir1
        hostPath:
          path: /mnt
          type: DirectoryOrCreate
`;

const aliyunLogConfig = (logPath: string) => `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-hostpath
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-hostpath
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: ${logPath}
      filePattern: '*.log'
      dockerFile: false
`;

const legacyJson = (logPath: string) => `{
  "configName": "nginx-log-hostpath",
  "inputType": "file",
  "inputDetail": {
    "logType": "common_reg_log",
    "logPath": "${logPath}",
    "filePattern": "*.log",
    "dockerFile": false
  },
  "outputType": "LogService",
  "outputDetail": {
    "logstoreName": "nginx-log"
  }
}
`;

describe('logtail/host-path-without-prefix', () => {
  const ID = 'logtail/host-path-without-prefix';

  test('seed HostPath: AliyunLogConfig /mnt/ next to the Deployment with hostPath /mnt becomes /logtail_host/mnt/', () => {
    const text = `${SEED_DEPLOYMENT}---\n${aliyunLogConfig('/mnt/')}`;
    const fixed = applyOnly(text, 'file:///seed.yaml', ID, 'Prefix with /logtail_host');
    const docs = fixed.split(/^---$/m).map((d) => parse(d));
    assert.equal(docs[1].spec.logtailConfig.inputDetail.logPath, '/logtail_host/mnt/');
    assert.equal(fixed, `${SEED_DEPLOYMENT}---\n${aliyunLogConfig('/logtail_host/mnt/')}`);
    assert.equal(only(lint(fixed, { uri: 'file:///seed.yaml' }).findings, ID).length, 0);
  });

  test('legacy JSON config with the workload in a sibling file (workspace index)', () => {
    const ws = new WorkspaceIndex();
    ws.update('file:///repo/deploy.yaml', parseFile(SEED_DEPLOYMENT, 'yaml'));
    const text = legacyJson('/mnt/');
    ws.update('file:///repo/config.json', parseFile(text, 'json'));
    assert.equal(only(lint(text, { uri: 'file:///repo/config.json' }).findings, ID).length, 0, 'alone: nothing says /mnt is a node directory');
    const fixed = applyOnly(text, 'file:///repo/config.json', ID, 'Prefix with /logtail_host', ws);
    assert.equal(JSON.parse(fixed).inputDetail.logPath, '/logtail_host/mnt/');
    assert.equal(only(lint(fixed, { uri: 'file:///repo/config.json', workspace: ws }).findings, ID).length, 0);
  });

  test('zh-CN message names the path, the volume and the fix', () => {
    const f = only(lint(`${SEED_DEPLOYMENT}---\n${aliyunLogConfig('/mnt/')}`, { uri: 'file:///seed.yaml', locale: 'zh-CN' }).findings, ID)[0]!;
    assert.match(f.message, /\/mnt\//);
    assert.match(f.details!, /workdir1/);
    assert.match(f.message, /\/logtail_host\/mnt\//);
    assert.equal(f.fixes[0]!.title, '添加 /logtail_host 前缀');
  });

  test('CLI: the workspace holds every file given; --fix rewrites the JSON config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logtail-lint-'));
    writeFileSync(join(dir, 'deploy.yaml'), SEED_DEPLOYMENT);
    writeFileSync(join(dir, 'config.json'), legacyJson('/mnt/'));
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'src', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    const r = cli(['--format', 'json', join(dir, 'deploy.yaml'), join(dir, 'config.json')]);
    const out = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const cfg = out.find((o) => o.filePath.endsWith('config.json'))!;
    const hits = cfg.messages.filter((m) => m.ruleId === ID);
    assert.equal(hits.length, 1, r.stdout + r.stderr);
    assert.equal(hits[0]!.line, 6);
    const f = cli(['--fix', join(dir, 'deploy.yaml'), join(dir, 'config.json')]);
    assert.ok(f.status === 0 || f.status === 1, f.stderr);
    assert.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).inputDetail.logPath, '/logtail_host/mnt/');
  });

  test('a workspace collector DaemonSet that mounts the node directory at the same path sees it as it is', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
spec:
  selector:
    matchLabels: {k8s-app: logtail-ds}
  template:
    metadata:
      labels: {k8s-app: logtail-ds}
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        volumeMounts:
        - {name: mnt, mountPath: /mnt, readOnly: true}
      volumes:
      - name: mnt
        hostPath: {path: /mnt}
`;
    const ws = new WorkspaceIndex();
    ws.update('file:///repo/ds.yaml', parseFile(ds, 'yaml'));
    const text = `${SEED_DEPLOYMENT}---\n${aliyunLogConfig('/mnt/')}`;
    assert.equal(only(lint(text, { uri: 'file:///repo/c.yaml', workspace: ws }).findings, ID).length, 0);
  });

  test('a quoted path keeps its quotes', () => {
    const text = `${SEED_DEPLOYMENT}---\n${aliyunLogConfig(`'/mnt/'`)}`;
    const fixed = applyOnly(text, 'file:///q.yaml', ID, 'Prefix with /logtail_host');
    assert.ok(fixed.includes(`logPath: '/logtail_host/mnt/'`), fixed);
  });
});

describe('logtail/pod-uid-in-path', () => {
  test("seed PVC path with a literal pod UID becomes the seed's path with *", () => {
    const broken = '/logtail_host/var/lib/kubelet/pods/0c9f4c52-6a64-4b4e-9a3b-2f4b1f0d8e71/volumes/kubernetes.io~csi/nginx-log-pv/mount/';
    const correct = '/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/nginx-log-pv/mount/';
    const fixed = applyOnly(aliyunLogConfig(broken), 'file:///pvc.yaml', 'logtail/pod-uid-in-path', 'Replace pod UID with "*"');
    assert.equal(fixed, aliyunLogConfig(correct));
    const f = only(lint(aliyunLogConfig(broken), { uri: 'file:///pvc.yaml' }).findings, 'logtail/pod-uid-in-path')[0]!;
    assert.equal(f.fixes[0]!.kind, 'safe', 'CSI: the PV name selects the volume');
    const all = lint(fixed, { uri: 'file:///pvc.yaml' }).findings.filter((x) => MINE.includes(x.ruleId));
    assert.deepEqual(all.map((x) => x.ruleId), [], "the seed's final path is clean for every path rule");
  });
});

describe('logtail/kubelet-path-shape', () => {
  test('kubernetes.io/csi and a missing /mount are corrected in one fix', () => {
    const fixed = applyOnly(
      aliyunLogConfig('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io/csi/nginx-log-pv'),
      'file:///k.yaml',
      'logtail/kubelet-path-shape',
      'Correct kubelet volume path',
    );
    assert.equal(fixed, aliyunLogConfig('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/nginx-log-pv/mount'));
  });
});

describe('startup/checkpoint-in-tmp', () => {
  test('absent key: the fix inserts check_point_filename into valid JSON', () => {
    const text = '{\n  "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",\n  "cpu_usage_limit": 0.4\n}\n';
    const fixed = applyOnly(text, 'file:///etc/ilogtail_config.json', 'startup/checkpoint-in-tmp', 'Move checkpoint to /etc/ilogtail/checkpoint/');
    assert.equal(JSON.parse(fixed).check_point_filename, '/etc/ilogtail/checkpoint/logtail_check_point');
  });

  test('a workspace DaemonSet that sets ALIYUN_LOGTAIL_CHECK_POINT_PATH overrides the file', () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
spec:
  selector:
    matchLabels: {k8s-app: logtail-ds}
  template:
    metadata:
      labels: {k8s-app: logtail-ds}
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - {name: ALIYUN_LOGTAIL_CHECK_POINT_PATH, value: /var/run/logtail/logtail_check_point}
`;
    const ws = new WorkspaceIndex();
    ws.update('file:///repo/ds.yaml', parseFile(ds, 'yaml'));
    const text = '{"check_point_filename": "/tmp/logtail_check_point", "cpu_usage_limit": 0.4}';
    assert.equal(only(lint(text, { uri: 'file:///repo/ilogtail_config.json' }).findings, 'startup/checkpoint-in-tmp').length, 1);
    assert.equal(only(lint(text, { uri: 'file:///repo/ilogtail_config.json', workspace: ws }).findings, 'startup/checkpoint-in-tmp').length, 0);
  });
});

describe('path helpers', () => {
  test('analyzeRecursive', () => {
    assert.deepEqual(analyzeRecursive('/var/log/**/*.log'), { count: 1, recursive: true, misplaced: [] });
    assert.deepEqual(analyzeRecursive('/**/a.log'), { count: 1, recursive: true, misplaced: [] });
    assert.equal(analyzeRecursive('/a/**/b/**/c.log').count, 2);
    assert.deepEqual(analyzeRecursive('/a/**.log').misplaced, [{ segment: '**.log', fileName: true }]);
    assert.deepEqual(analyzeRecursive('/a/b**/c.log').misplaced, [{ segment: 'b**', fileName: false }]);
  });
  test('kubelet paths and the host prefix', () => {
    const k = parseKubeletPodPath('/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/pv/mount/')!;
    assert.equal(k.prefix, '/logtail_host');
    assert.deepEqual(k.rest, ['*', 'volumes', 'kubernetes.io~csi', 'pv', 'mount', '']);
    assert.equal(formatKubeletPodPath(k), '/logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/pv/mount/');
    assert.equal(parseKubeletPodPath('/var/lib/kubeletx/pods/a'), undefined);
    assert.equal(stripHostPrefix('/logtail_host/mnt/'), '/mnt/');
    assert.equal(stripHostPrefix('/logtail_host'), '/');
    assert.equal(stripHostPrefix('/logtail_hostile/x'), '/logtail_hostile/x');
    assert.equal(addHostPrefix('/mnt/'), '/logtail_host/mnt/');
  });
});

describe('odd input never throws', () => {
  const odd: [string, string][] = [
    ['file:///a.yaml', 'inputs: 3\nflushers: [1, null, {Type: 7}]\nprocessors: {a: b}\n'],
    ['file:///b.yaml', 'inputs:\n  - Type: input_file\n    FilePaths: [~, 3, "", "**", "/**", "relative/**/x"]\n    MaxDirSearchDepth: abc\n    EnableContainerDiscovery: [x]\nflushers: []\n'],
    ['file:///c.json', '{"configName": 5, "inputType": "file", "inputDetail": {"logPath": ["/var/lib/kubelet/pods"], "dockerFile": null, "advanced": {"blacklist": {"dir_blacklist": "/x"}}, "preserve": 0, "delaySkipBytes": "lots", "maxDepth": "0"}}'],
    ['file:///d.yaml', 'apiVersion: log.alibabacloud.com/v1alpha1\nkind: AliyunLogConfig\nmetadata: {name: [x]}\nspec: {logtailConfig: null}\n'],
    ['file:///e.yaml', 'apiVersion: telemetry.alibabacloud.com/v1alpha1\nkind: ClusterAliyunPipelineConfig\nmetadata: {name: x}\nspec: {config: {inputs: [{Type: input_file, FilePaths: "/var/lib/kubelet/pods//volumes/kubernetes.io/"}], flushers: [a, b]}}\n'],
    ['file:///ilogtail_config.json', '{"check_point_filename": ["/tmp"], "cpu_usage_limit": "x"}'],
    ['file:///f.json', '{"check_point_filename": "C:\\\\LogtailData\\\\logtail_check_point"}'],
    ['file:///g.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a.yaml: |\n    inputs: [{Type: input_file, FilePaths: [/var/lib/kubelet/pods/volumes]}]\n    flushers: [{Type: flusher_sls}]\n  ilogtail_config.json: |\n    {"cpu_usage_limit": 1\n'],
  ];
  for (const [uri, text] of odd) {
    test(uri, () => {
      const findings = lint(text, { uri }).findings;
      const crashes = findings.filter((f) => f.ruleId === 'internal/rule-error' && MINE.some((id) => f.message.includes(id)));
      assert.deepEqual(crashes.map((f) => f.message), []);
    });
  }
});
