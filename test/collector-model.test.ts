// Unit tests of collector recognition (model/collector.ts), agent state paths (model/agent-paths.ts),
// agent limits (model/agent-limits.ts) and Kubernetes quantities (model/quantity.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../server/src/engine/parse/index';
import { objectsOfDoc, workloadOf, type Workload } from '../server/src/engine/model/k8s';
import {
  collectorFamily,
  collectorRole,
  compareVersions,
  imageFamily,
  imagePin,
  imageVersion,
  isAliyunLogtailImage,
  isCollector,
  isCommunityImage,
  parseAgentVersion,
  parseImage,
  tagExample,
} from '../server/src/engine/model/collector';
import {
  effectiveStatePaths,
  envLiteral,
  isLogtailMode,
  isTmpfsHostDir,
  layoutOf,
  resolvePath,
  runningCollectorsOf,
  stateFilesOf,
  storageOfDir,
} from '../server/src/engine/model/agent-paths';
import { limitEnvsOf } from '../server/src/engine/model/agent-limits';
import { correctQuantityCase, parseQuantity, toMiB } from '../server/src/engine/model/quantity';
import { lint, applyEdits } from '../server/src/engine/index';

function workloads(yaml: string): Workload[] {
  const parsed = parseFile(yaml, 'yaml');
  return parsed.docs.flatMap(objectsOfDoc).map(workloadOf).filter((w): w is Workload => !!w);
}

/** A Pod with one container given as YAML lines (indented under `- `), plus optional volumes. */
function pod(container: string, volumes = '', extra = ''): Workload {
  const c = container.trim().split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
  return workloads(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${c}\n${extra}${volumes ? `  volumes:\n${volumes}` : ''}`)[0]!;
}

describe('collector recognition (spec §4.4)', () => {
  const images: [string, string | undefined][] = [
    ['registry.cn-hangzhou.aliyuncs.com/log-service/logtail:latest', 'logtail'],
    ['registry-vpc.cn-hangzhou.aliyuncs.com/log-service/logtail:v2.1.11.0-aliyun', 'logtail'],
    ['registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.6.0-without-deps.0-aliyun', 'logtail'],
    ['registry-vpc.cn-beijing.aliyuncs.com/acs/logtail:v0.16.62.3-da583e0-aliyun', 'logtail'],
    ['aliyun-observability-release-registry.cn-hangzhou.cr.aliyuncs.com/loongcollector/loongcollector:v3.0.12.0-25723a1-aliyun', 'loongcollector'],
    ['sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4', 'ilogtail'],
    ['sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:latest', 'ilogtail'],
    ['sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2', 'loongcollector'],
    ['localhost:5000/sls/logtail', 'logtail'],
    ['ilogtail', 'ilogtail'],
    ['logtail@sha256:0f1e2d3c', 'logtail'],
    ['  registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun  ', 'logtail'],
    ['fluent/fluent-bit:latest', undefined],
    ['docker.elastic.co/beats/filebeat:8.14.0', undefined],
    ['prom/node-exporter', undefined],
    ['grafana/grafana:latest', undefined],
    ['cassandra:4.1', undefined],
    ['registry.example.com/logtail-exporter:1.0', undefined],
    ['nginx:latest', undefined],
  ];
  for (const [image, family] of images) {
    test(`${image.trim()} → ${family ?? 'not a collector'}`, () => assert.equal(imageFamily(image), family));
  }

  test('parseImage splits registry, path, tag and digest', () => {
    assert.deepEqual(parseImage('localhost:5000/sls/logtail:v1@sha256:ab'), { registry: 'localhost:5000', path: 'sls/logtail', name: 'logtail', tag: 'v1', digest: 'sha256:ab' });
    assert.deepEqual(parseImage('logtail'), { registry: undefined, path: 'logtail', name: 'logtail', tag: undefined, digest: undefined });
  });

  test('Alibaba Cloud Logtail image family vs community editions', () => {
    assert.ok(isAliyunLogtailImage('registry.cn-hangzhou.aliyuncs.com/log-service/logtail:latest'));
    assert.ok(isAliyunLogtailImage('registry-vpc.cn-hangzhou.aliyuncs.com/acs/logtail:v0.16.62.3-da583e0-aliyun'));
    assert.ok(!isAliyunLogtailImage('sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4'));
    assert.ok(isCommunityImage('sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2'));
    assert.ok(!isCommunityImage('aliyun-observability-release-registry.cn-hangzhou.cr.aliyuncs.com/loongcollector/loongcollector:v3.0.12.0-25723a1-aliyun'));
  });

  test('the env signal: ALIYUN_LOGTAIL_* / LOONG_* make a collector; LOG_LEVEL and aliyun_logs_* do not', () => {
    const [w] = workloads(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: registry.example.com/app:1
    env:
    - {name: LOG_LEVEL, value: debug}
    - {name: aliyun_logs_app, value: stdout}
    - {name: ALIYUN_LOG_ENV_TAGS, value: a}
    - {name: LOONGSON, value: x}
  - name: mirror
    image: harbor.example/infra/sls-agent:1
    env:
    - {name: ALIYUN_LOGTAIL_CONFIG, value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json}
  - name: loong
    image: harbor.example/infra/agent:1
    env:
    - {name: LOONG_CONFIG, value: /x.json}
`);
    const [app, mirror, loong] = w!.containers;
    assert.equal(isCollector(app!), false);
    assert.equal(collectorFamily(mirror!), 'logtail');
    assert.equal(collectorFamily(loong!), 'loongcollector');
    assert.deepEqual(runningCollectorsOf(w!).map((c) => c.name), ['mirror', 'loong']);
    assert.equal(collectorRole(w!, mirror!), 'sidecar');
  });

  test('non-native init containers are not running collectors; native sidecars are', () => {
    const [w] = workloads(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
  - {name: once, image: "ilogtail:1.8.4"}
  - {name: native, image: "ilogtail:1.8.4", restartPolicy: Always}
  containers:
  - {name: app, image: "app:1"}
`);
    assert.deepEqual(runningCollectorsOf(w!).map((c) => c.name), ['native']);
  });
});

describe('agent versions from tags', () => {
  test('tag forms of spec §4.4', () => {
    assert.deepEqual(parseAgentVersion('v0.16.62.3-da583e0-aliyun'), [0, 16, 62, 3]);
    assert.deepEqual(parseAgentVersion('v1.8.7.0-aliyun'), [1, 8, 7, 0]);
    assert.deepEqual(parseAgentVersion('1.8.4'), [1, 8, 4]);
    assert.deepEqual(parseAgentVersion('v3.0.12.0-25723a1-aliyun'), [3, 0, 12, 0]);
    assert.deepEqual(parseAgentVersion('v1.6.0-without-deps.0-aliyun'), [1, 6, 0]);
    assert.deepEqual(parseAgentVersion('v1.6.0-libs-aliyun'), [1, 6, 0]);
  });
  test('unparseable tags are not versions (and not errors)', () => {
    for (const t of ['latest', 'stable', '', undefined, 'v', 'abc-1.2', 'sha-0f1e2d']) assert.equal(parseAgentVersion(t), undefined, String(t));
    assert.equal(imageVersion('registry.cn-hangzhou.aliyuncs.com/log-service/logtail@sha256:0f1e'), undefined);
  });
  test('compareVersions pads missing parts with 0', () => {
    assert.ok(compareVersions([0, 16, 30, 2], [0, 16, 36]) < 0);
    assert.equal(compareVersions([0, 16, 56, 0], [0, 16, 56]), 0);
    assert.ok(compareVersions([1, 8, 4], [0, 16, 56]) > 0);
  });
  test('imagePin and tag examples', () => {
    assert.equal(imagePin('a/logtail'), 'none');
    assert.equal(imagePin('a/logtail:latest'), 'latest');
    assert.equal(imagePin('a/logtail:latest@sha256:00'), 'digest');
    assert.equal(imagePin('localhost:5000/logtail'), 'none');
    assert.equal(imagePin('a/logtail:v1.8.7.0-aliyun'), 'tag');
    assert.equal(tagExample('logtail', 'registry-vpc.cn-hangzhou.aliyuncs.com/acs/logtail'), 'v0.16.62.3-da583e0-aliyun');
    assert.equal(tagExample('loongcollector', 'x/loongcollector-community-edition/loongcollector'), '3.3.2');
  });
});

describe('Kubernetes quantities', () => {
  const bytes: [string | number, number][] = [
    ['512Mi', 512 * 2 ** 20],
    ['1G', 1e9],
    ['1e9', 1e9],
    ['1E3', 1000],
    [1000000000, 1e9],
    ['1e+21', 1e21],
    ['2048M', 2048e6],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['.5Gi', 0.5 * 2 ** 30],
    ['100m', 0.1],
    ['536870912', 536870912],
    ['1k', 1000],
    ['64Ki', 65536],
    ['2E', 2e18],
  ];
  for (const [q, v] of bytes) {
    test(`${q} = ${v}`, () => {
      const r = parseQuantity(q);
      assert.ok(r?.ok);
      assert.ok(r.ok && Math.abs(r.value - v) < 1e-9 * Math.max(1, v));
    });
  }
  for (const bad of ['512MI', '1gb', '512 Mi', 'Mi', '1K', '1e', '1.2.3', 'abc', '']) {
    test(`${JSON.stringify(bad)} is invalid`, () => assert.equal(parseQuantity(bad)?.ok, false));
  }
  test('case-only suffix mistakes are corrected, others not', () => {
    assert.equal(correctQuantityCase('512MI'), '512Mi');
    assert.equal(correctQuantityCase('1gi'), '1Gi');
    assert.equal(correctQuantityCase('64kI'), '64Ki');
    assert.equal(correctQuantityCase('512Mi'), undefined);
    assert.equal(correctQuantityCase('1gb'), undefined);
    assert.equal(correctQuantityCase('512MB'), undefined);
  });
  test('toMiB', () => {
    assert.equal(toMiB(2 ** 30), '1024');
    assert.equal(toMiB(1e9), '953.7');
    assert.equal(toMiB(0.1), '<0.1');
  });
});

describe('effective state paths (spec §1.2, §1.3, §1.5)', () => {
  const paths = (w: Workload, i = 0) => effectiveStatePaths(w.containers[i]!).map((p) => `${p.setting}=${p.path ?? '?'} (${p.source}${p.env ? ' ' + p.env.name : ''})`);

  test('Logtail defaults', () => {
    assert.deepEqual(paths(pod('name: logtail\nimage: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:latest')), [
      'check_point_filename=/tmp/logtail_check_point (default)',
      'user_config_file_path=/usr/local/ilogtail/user_log_config.json (default)',
      'docker_file_cache_path=/usr/local/ilogtail/docker_path_config.json (default)',
    ]);
  });
  test('iLogtail community defaults (relative checkpoint/ under /usr/local/ilogtail; no user_config_file_path)', () => {
    assert.deepEqual(paths(pod('name: c\nimage: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4')), [
      'check_point_filename=/usr/local/ilogtail/checkpoint/logtail_check_point (default)',
      'docker_file_cache_path=/usr/local/ilogtail/checkpoint/docker_path_config.json (default)',
    ]);
  });
  test('LoongCollector defaults, LOONG_DATA_DIR, Logtail mode', () => {
    const lc = 'name: c\nimage: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2';
    assert.deepEqual(paths(pod(lc)), [
      'check_point_filename=/usr/local/loongcollector/data/file_check_point (default)',
      'docker_file_cache_path=/usr/local/loongcollector/data/docker_path_config.json (default)',
    ]);
    assert.deepEqual(paths(pod(`${lc}\nenv:\n- {name: LOONG_DATA_DIR, value: state}\n- {name: check_point_filename, value: /ignored}`)), [
      'check_point_filename=/usr/local/loongcollector/state/file_check_point (default LOONG_DATA_DIR)',
      'docker_file_cache_path=/usr/local/loongcollector/state/docker_path_config.json (default LOONG_DATA_DIR)',
    ]);
    const mode = pod(`${lc}\nenv:\n- {name: LOGTAIL_MODE, value: "true"}`);
    assert.ok(isLogtailMode(mode.containers[0]!));
    assert.deepEqual(paths(mode), ['check_point_filename=/tmp/logtail_check_point (default)', 'docker_file_cache_path=/usr/local/loongcollector/data/docker_path_config.json (default)']);
    assert.deepEqual(paths(pod(`${lc}\nenv:\n- {name: LOGTAIL_MODE, value: "true"}\n- {name: ALIYUN_LOGTAIL_CHECK_POINT_PATH, value: /ck/x}\n- {name: LOONG_DOCKER_FILE_CACHE_PATH, value: /ck/d}\n- {name: docker_file_cache_path, value: /lower}`)), [
      'check_point_filename=/ck/x (env ALIYUN_LOGTAIL_CHECK_POINT_PATH)',
      'docker_file_cache_path=/ck/d (env LOONG_DOCKER_FILE_CACHE_PATH)',
    ]);
  });
  test('env precedence: ALIYUN_LOGTAIL_* over the lowercase name, whatever the order; later duplicate wins', () => {
    const w = pod(`name: logtail
image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
env:
- {name: ALIYUN_LOGTAIL_CHECK_POINT_PATH, value: /a/ck}
- {name: check_point_filename, value: /b/ck}
- {name: user_config_file_path, value: /b/u.json}
- {name: ALIYUN_LOGTAIL_USER_CONIFG_PATH, value: /a/u.json}
- {name: docker_file_cache_path, value: /first}
- {name: docker_file_cache_path, value: ./d/../d2/cache.json}`);
    assert.deepEqual(paths(w), [
      'check_point_filename=/a/ck (env ALIYUN_LOGTAIL_CHECK_POINT_PATH)',
      'user_config_file_path=/a/u.json (env ALIYUN_LOGTAIL_USER_CONIFG_PATH)',
      'docker_file_cache_path=/usr/local/ilogtail/d2/cache.json (env docker_file_cache_path)',
    ]);
  });
  test('values that cannot be known: valueFrom, unresolved $(VAR), Windows paths', () => {
    const w = pod(`name: logtail
image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
env:
- name: check_point_filename
  valueFrom: {configMapKeyRef: {name: x, key: y}}
- {name: user_config_file_path, value: "$(NOPE)/u.json"}
- {name: docker_file_cache_path, value: 'C:\\LogtailData\\d.json'}`);
    assert.deepEqual(paths(w), ['check_point_filename=? (env check_point_filename)', 'user_config_file_path=? (env user_config_file_path)', 'docker_file_cache_path=? (env docker_file_cache_path)']);
  });
  test('$(VAR) expansion from earlier env vars; $$ escapes', () => {
    const w = pod(`name: logtail
image: logtail:1
env:
- {name: BASE, value: /state}
- {name: DIR, value: "$(BASE)/logtail"}
- {name: A, value: "$(DIR)/ck"}
- {name: B, value: "$$(DIR)"}
- {name: C, value: "$(LATER)"}
- {name: LATER, value: x}`);
    const c = w.containers[0]!;
    const val = (n: string) => envLiteral(c, c.env.find((e) => e.name === n)!);
    assert.equal(val('A'), '/state/logtail/ck');
    assert.equal(val('B'), '$(DIR)');
    assert.equal(val('C'), undefined);
  });
  test('resolvePath', () => {
    assert.equal(resolvePath('checkpoint/x', '/usr/local/ilogtail'), '/usr/local/ilogtail/checkpoint/x');
    assert.equal(resolvePath('//var//run/./logtail/', '/'), '/var/run/logtail');
    assert.equal(resolvePath('C:\\x', '/'), undefined);
    assert.equal(resolvePath('  ', '/'), undefined);
  });
  test('layoutOf is undefined for non-collectors', () => {
    assert.equal(layoutOf(pod('name: a\nimage: fluent/fluent-bit:latest\nenv:\n- {name: LOG_LEVEL, value: info}').containers[0]!), undefined);
  });
});

describe('what stores a directory (longest mountPath on segment boundaries)', () => {
  const w = workloads(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  template:
    spec:
      containers:
      - name: c
        image: logtail:1
        volumeMounts:
        - {name: run, mountPath: /var/run}
        - {name: root, mountPath: /logtail_host, readOnly: true}
        - {name: ck, mountPath: /logtail_host/var/lib/ck/}
        - {name: sub, mountPath: /sub, subPath: run/x}
        - {name: ed, mountPath: /ed}
        - {name: cm, mountPath: /cm}
        - {name: eph, mountPath: /eph}
        - {name: nfs, mountPath: /nfs}
        - {name: tpl, mountPath: /tpl}
        - {name: missing, mountPath: /missing}
      volumes:
      - {name: run, hostPath: {path: /var/run}}
      - {name: root, hostPath: {path: /}}
      - {name: ck, hostPath: {path: /var/lib/ck}}
      - {name: sub, hostPath: {path: /var}}
      - {name: ed, emptyDir: {}}
      - {name: cm, configMap: {name: x}}
      - {name: eph, ephemeral: {volumeClaimTemplate: {spec: {}}}}
      - {name: nfs, nfs: {server: a, path: /b}}
  volumeClaimTemplates:
  - metadata: {name: tpl}
`)[0]!;
  const c = w.containers[0]!;
  const kind = (dir: string) => storageOfDir(w, c, dir).kind;
  test('kinds', () => {
    assert.equal(kind('/var/run/logtail'), 'hostPath');
    assert.equal(kind('/var/running'), 'layer');
    assert.equal(kind('/tmp'), 'layer');
    assert.equal(kind('/logtail_host/var/log'), 'readOnly');
    assert.equal(kind('/logtail_host/var/lib/ck/a'), 'hostPath');
    assert.equal(kind('/ed/x'), 'emptyDir');
    assert.equal(kind('/cm'), 'readOnly');
    assert.equal(kind('/eph'), 'ephemeral');
    assert.equal(kind('/nfs'), 'other');
    assert.equal(kind('/tpl/x'), 'pvc');
    assert.equal(kind('/missing'), 'unknown');
  });
  test('host directories and tmpfs', () => {
    const s = storageOfDir(w, c, '/sub/y');
    assert.equal(s.kind === 'hostPath' && s.hostDir, '/var/run/x/y');
    const t = storageOfDir(w, c, '/var/run/logtail');
    assert.equal(t.kind === 'hostPath' && t.hostDir, '/var/run/logtail');
    assert.ok(isTmpfsHostDir('/run/logtail'));
    assert.ok(isTmpfsHostDir('/var/run'));
    assert.ok(!isTmpfsHostDir('/var/running'));
    assert.ok(!isTmpfsHostDir('/var/lib/ck'));
  });
  test('stateFilesOf combines both', () => {
    const files = stateFilesOf(w, c);
    assert.deepEqual(files.map((f) => f.storage.kind), ['layer', 'layer', 'layer']);
  });
});

describe('agent limits from env', () => {
  test('names per family, numbers, non-numbers, valueFrom', () => {
    const lc = pod(`name: lc
image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/loongcollector-community-edition/loongcollector:3.3.2
env:
- {name: LOONG_MEM_USAGE_LIMIT, value: "512"}
- {name: cpu_usage_limit, value: 500m}
- name: mem_usage_limit
  valueFrom: {configMapKeyRef: {name: x, key: y}}`);
    assert.deepEqual(limitEnvsOf(lc.containers[0]!).map((l) => [l.kind, l.env.name, l.value]), [['cpu', 'cpu_usage_limit', undefined], ['mem', 'LOONG_MEM_USAGE_LIMIT', 512]]);
    const logtail = pod('name: l\nimage: a/logtail:1\nenv:\n- {name: LOONG_MEM_USAGE_LIMIT, value: "512"}');
    assert.deepEqual(limitEnvsOf(logtail.containers[0]!), []);
  });
});

describe('"Persist Logtail checkpoint" fix', () => {
  const uri = 'file:///x.yaml';
  const fixOf = (text: string) => {
    const f = lint(text, { uri }).findings.find((x) => x.ruleId === 'collector/checkpoint-not-persisted');
    assert.ok(f, 'finding');
    assert.equal(f.fixes.length, 1);
    return applyEdits(text, f.fixes[0]!.edits);
  };
  const ds = (containerTail: string, volumes: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
${containerTail}${volumes}`;

  test('on the DaemonSet pattern of the practice guide (host /var/run at /var/run) it adds the env vars and a disk hostPath, and leaves no finding', () => {
    const before = ds(
      `        env:
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
`,
      `      volumes:
      - name: run
        hostPath:
          path: /var/run
`,
    );
    const after = fixOf(before);
    assert.equal(
      after,
      ds(
        `        env:
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        - name: check_point_filename
          value: /etc/ilogtail/checkpoint/logtail_check_point
        - name: user_config_file_path
          value: /etc/ilogtail/checkpoint/user_log_config.json
        - name: docker_file_cache_path
          value: /etc/ilogtail/checkpoint/docker_path_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
        - name: logtail-checkpoint
          mountPath: /etc/ilogtail/checkpoint
`,
        `      volumes:
      - name: run
        hostPath:
          path: /var/run
      - name: logtail-checkpoint
        hostPath:
          path: /var/lib/kube-system-logtail-ds/checkpoint
          type: DirectoryOrCreate
`,
      ),
    );
    // not under /var/run (tmpfs on most nodes): no hint either, and nothing the file did not have
    const ids = (t: string) => lint(t, { uri }).findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids(after), ids(before).filter((id) => id !== 'collector/checkpoint-not-persisted'));
  });

  test('an existing env var with another value is changed, not duplicated', () => {
    const before = ds(
      `        env:
        - name: check_point_filename
          value: "/tmp/logtail_check_point"
        - name: user_config_file_path
          value: /var/run/logtail/user_log_config.json
        volumeMounts:
        - name: run
          mountPath: /var/run
`,
      `      volumes:
      - name: run
        hostPath:
          path: /var/run
`,
    );
    const after = fixOf(before);
    assert.equal((after.match(/name: check_point_filename/g) ?? []).length, 1);
    assert.match(after, /name: check_point_filename\n {10}value: \/etc\/ilogtail\/checkpoint\/logtail_check_point\n/);
    assert.match(after, /name: docker_file_cache_path\n {10}value: \/etc\/ilogtail\/checkpoint\/docker_path_config.json/);
    assert.match(after, /name: user_config_file_path\n {10}value: \/var\/run\/logtail\/user_log_config.json/, 'a persisted file is not moved');
    assert.match(after, /path: \/var\/lib\/kube-system-logtail-ds\/checkpoint\n/, 'the new files on a disk of the node');
  });

  test('without any mount it adds the env vars, the volume and its mount', () => {
    const after = fixOf(ds('', ''));
    assert.equal(
      after,
      ds(
        `        env:
        - name: check_point_filename
          value: /etc/ilogtail/checkpoint/logtail_check_point
        - name: user_config_file_path
          value: /etc/ilogtail/checkpoint/user_log_config.json
        - name: docker_file_cache_path
          value: /etc/ilogtail/checkpoint/docker_path_config.json
        volumeMounts:
        - name: logtail-checkpoint
          mountPath: /etc/ilogtail/checkpoint
`,
        `      volumes:
      - name: logtail-checkpoint
        hostPath:
          path: /var/lib/kube-system-logtail-ds/checkpoint
          type: DirectoryOrCreate
`,
      ),
    );
  });

  test('a sidecar gets no automatic fix, and the message says why', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: nginx}
spec:
  containers:
  - {name: nginx, image: "nginx:1.27"}
  - {name: logtail, image: "registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun"}
`;
    const f = lint(text, { uri }).findings.find((x) => x.ruleId === 'collector/checkpoint-not-persisted')!;
    assert.deepEqual(f.fixes, []);
    assert.equal(f.messageId, 'sidecar');
    assert.match(f.details!, /PersistentVolumeClaim/);
    assert.match(f.details!, /default path/);
    assert.equal(text.slice(f.start, f.end), '"registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun"');
    const zh = lint(text, { uri, locale: 'zh-CN' }).findings.find((x) => x.ruleId === 'collector/checkpoint-not-persisted')!;
    assert.match(zh.details!, /需要将checkpoint固化到PV中/);
    assert.match(zh.details!, /默认路径/);
  });

  test('iLogtail DaemonSet: mounts a hostPath at its checkpoint directory', () => {
    const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ilogtail-ds
  namespace: ilogtail
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: sls-opensource-registry.cn-shanghai.cr.aliyuncs.com/ilogtail-community-edition/ilogtail:1.8.4
`;
    const after = fixOf(text);
    assert.match(after, /- name: checkpoint\n {10}mountPath: \/usr\/local\/ilogtail\/checkpoint\n/);
    assert.match(after, /path: \/var\/lib\/ilogtail-ilogtail-ds\/checkpoint\n {10}type: DirectoryOrCreate/);
    assert.deepEqual(lint(after, { uri }).findings.filter((f) => f.ruleId.startsWith('collector/checkpoint')), []);
  });
});
