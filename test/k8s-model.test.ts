// Unit tests of the storage model (server/src/engine/model/storage.ts) and of the
// cross-file behaviour of the k8s/ storage rules.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lint, parseFile, WorkspaceIndex, INTERNAL_RULE } from '../server/src/engine/index';
import { objectsOfDoc, workloadOf, type Workload } from '../server/src/engine/model/k8s';
import {
  claimOf,
  isLogPath,
  isLogVolume,
  isLogWord,
  isNodeManagedLogPath,
  isSingleNodeClaim,
  logUseOf,
  sameNamespace,
} from '../server/src/engine/model/storage';
import { factsOf } from '../server/src/engine/model/facts';
import { WorkspaceView } from '../server/src/engine/workspace/index';
import type { K8sObject } from '../server/src/engine/model/k8s';

/** What a file with these objects sees of the workspace (the rules' ctx.workspace). */
function view(uri: string, own: K8sObject[], ws: WorkspaceIndex): WorkspaceView {
  return new WorkspaceView(uri, factsOf(own, []), ws);
}

function objects(text: string) {
  return parseFile(text, 'yaml').docs.flatMap((d) => objectsOfDoc(d));
}
function workload(text: string): Workload {
  const w = objects(text).map(workloadOf).find((x) => !!x);
  assert.ok(w, 'a workload');
  return w;
}
function volume(w: Workload, name: string) {
  const v = w.volumes.find((x) => x.name === name);
  assert.ok(v, `volume ${name}`);
  return v;
}

describe('isLogPath', () => {
  for (const p of [
    '/var/log/nginx',
    '/var/log',
    '/var/log/',
    '/logs',
    '/log',
    '/app/logdir',
    '/home/admin/logs',
    '/home/admin/nginx-logs',
    '/opt/app/app_log',
    '/opt/app/applogs',
    '/opt/app/accesslog',
    '/opt/shop/gcLogs',
    '/data/LOGS',
    '/var/audit-log',
    '/srv/logging',
    '/var/log/app.log',
    '/log/nginx',
  ]) {
    test(`log path: ${p}`, () => assert.equal(isLogPath(p), true));
  }
  for (const p of [
    undefined,
    '',
    '/',
    '/mnt',
    '/tmp',
    '/data',
    '/var/lib/mysql',
    '/srv/catalog',
    '/var/www/blog',
    '/static/logo',
    '/etc/login.defs',
    '/app/logic',
    '/usr/share/technology',
    '/var/run/logtail',
    '/logtail_host',
    '/usr/local/ilogtail/checkpoint',
    '/etc/logrotate.d',
    '/usr/share/logstash/pipeline',
    '/l/og', // the letters span two segments
    '/lo/g',
    '/dialog',
    // database journals, not text logs
    '/datalog',
    '/var/lib/cassandra/commitlog',
    '/usr/share/elasticsearch/data/nodes/0/indices/x/0/translog',
    '/var/lib/postgresql/data/pg_xlog',
  ]) {
    test(`not a log path: ${String(p)}`, () => assert.equal(isLogPath(p), false));
  }
  test('words on segment and word boundaries', () => {
    assert.equal(isLogWord('log'), true);
    assert.equal(isLogWord('Logs'), true);
    assert.equal(isLogWord('syslog'), true);
    assert.equal(isLogWord('catalogs'), false);
    assert.equal(isLogWord('logo'), false);
    assert.equal(isLogWord('blogs'), false);
  });
});

describe('isNodeManagedLogPath', () => {
  test('the node\'s own log directories', () => {
    for (const p of ['/var/log', '/var/log/', '/var/log/pods', '/var/log/containers', '/var/log/journal/', '/var/lib/docker/containers', '/run/log/journal']) {
      assert.equal(isNodeManagedLogPath(p), true, p);
    }
  });
  test('application directories under /var/log are not', () => {
    for (const p of ['/var/log/nginx', '/var/logs', '/var/log/podsx', '/log/nginx', undefined]) assert.equal(isNodeManagedLogPath(p), false, String(p));
  });
});

describe('logUseOf', () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: example/app:1
    volumeMounts:
    - {name: by-path, mountPath: /var/log/app}
    - {name: shared, mountPath: /data/out}
    - {name: plain, mountPath: /data/cache}
    - {name: host, mountPath: /opt/out}
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    volumeMounts:
    - {name: shared, mountPath: /data/out, readOnly: true}
    - {name: own, mountPath: /var/log/agent}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
    volumeMounts:
    - {name: debug, mountPath: /logs}
  volumes:
  - {name: by-path, emptyDir: {}}
  - {name: shared, emptyDir: {}}
  - {name: plain, emptyDir: {}}
  - {name: host, hostPath: {path: /data/logs/app}}
  - {name: own, emptyDir: {}}
  - {name: debug, emptyDir: {}}
`;
  const w = workload(pod);
  test('an application mount at a log path', () => {
    const u = logUseOf(w, volume(w, 'by-path'));
    assert.equal(u?.reason, 'mount-path');
    assert.equal(u?.use?.container.name, 'app');
    assert.equal(u?.use?.mount.mountPath, '/var/log/app');
  });
  test('an emptyDir shared with a collector container', () => {
    const u = logUseOf(w, volume(w, 'shared'));
    assert.equal(u?.reason, 'collector');
    assert.equal(u?.collector?.name, 'logtail');
    assert.equal(u?.use?.container.name, 'app');
  });
  test('a hostPath whose host path is a log path', () => {
    assert.equal(logUseOf(w, volume(w, 'host'))?.reason, 'host-path');
  });
  test('not: a plain emptyDir, a collector-only volume, an ephemeral container\'s mount', () => {
    assert.equal(isLogVolume(w, volume(w, 'plain')), false);
    assert.equal(isLogVolume(w, volume(w, 'own')), false);
    assert.equal(isLogVolume(w, volume(w, 'debug')), false);
  });
});

describe('claims and namespaces', () => {
  test('sameNamespace: equal, or either absent', () => {
    assert.equal(sameNamespace(undefined, undefined), true);
    assert.equal(sameNamespace('a', undefined), true);
    assert.equal(sameNamespace(undefined, 'b'), true);
    assert.equal(sameNamespace('a', 'a'), true);
    assert.equal(sameNamespace('a', 'b'), false);
  });
  const claims = objects(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: rwo}
spec: {accessModes: [ReadWriteOnce]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: rwop}
spec: {accessModes: [ReadWriteOncePod]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: rwx}
spec: {accessModes: [ReadWriteMany]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: mixed}
spec: {accessModes: [ReadWriteOnce, ReadOnlyMany]}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: none}
spec: {accessModes: ReadWriteOnce}
`).map(claimOf);
  test('isSingleNodeClaim only for exactly RWO / RWOP', () => {
    assert.deepEqual(
      claims.map((c) => [c.name, isSingleNodeClaim(c)]),
      [['rwo', true], ['rwop', true], ['rwx', false], ['mixed', false], ['none', false]],
    );
  });
  test('workspace claims(): this file and the rest of the workspace, not this file twice', () => {
    const ws = new WorkspaceIndex();
    ws.update('file:///a.yaml', parseFile('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: from-a}\n', 'yaml'));
    ws.update('file:///b.yaml', parseFile('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: from-b}\n', 'yaml'));
    const own = objects('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: from-b-edited}\n');
    assert.deepEqual(view('file:///b.yaml', own, ws).claims().map((c) => c.name).sort(), ['from-a', 'from-b-edited']);
  });
  test('workspace claimTemplates(): <template>-<statefulset>-<ordinal>', () => {
    const sts = objects(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web.v1}
spec:
  volumeClaimTemplates:
  - metadata: {name: www}
`);
    const [p] = view('file:///x.yaml', sts, new WorkspaceIndex()).claimTemplates();
    assert.ok(p);
    assert.equal(p.re.test('www-web.v1-0'), true);
    assert.equal(p.re.test('www-web.v1-12'), true);
    assert.equal(p.re.test('www-webxv1-0'), false);
    assert.equal(p.re.test('www-web.v1'), false);
  });
  test('workspace collectors(): a DaemonSet with a collector container', () => {
    const objs = objects(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logtail-ds}
spec:
  template:
    spec:
      containers:
      - {name: logtail, image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluent-bit}
spec:
  template:
    spec:
      containers:
      - {name: fluent-bit, image: fluent/fluent-bit:3.1.9}
`);
    assert.deepEqual(view('file:///x.yaml', objs, new WorkspaceIndex()).collectors().filter((c) => c.workload.kind === 'DaemonSet').map((c) => c.workload.name), ['logtail-ds']);
  });
});

describe('storage rules across files', () => {
  const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        volumeMounts:
        - {name: logs, mountPath: /var/log/nginx}
        - {name: data, mountPath: /data}
      volumes:
      - name: logs
        emptyDir: {sizeLimit: 1Gi}
      - name: data
        persistentVolumeClaim:
          claimName: web-dat
`;
  const claims = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: web-data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;
  const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logtail-ds, namespace: kube-system}
spec:
  template:
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        volumeMounts: [{name: root, mountPath: /logtail_host, readOnly: true}]
      volumes: [{name: root, hostPath: {path: /}}]
`;
  const ids = (text: string, ws?: WorkspaceIndex) => lint(text, { uri: 'file:///app.yaml', workspace: ws }).findings.map((f) => f.ruleId);

  test('alone: no claim defined, no collector DaemonSet → quiet', () => {
    const got = ids(app);
    assert.ok(!got.includes('k8s/pvc-not-found'));
    assert.ok(!got.includes('k8s/emptydir-logs-lost-on-delete'));
  });
  test('with the PVC file and the DaemonSet file indexed', () => {
    const ws = new WorkspaceIndex();
    ws.update('file:///pvc.yaml', parseFile(claims, 'yaml'));
    ws.update('file:///ds.yaml', parseFile(ds, 'yaml'));
    const res = lint(app, { uri: 'file:///app.yaml', workspace: ws });
    const nf = res.findings.find((f) => f.ruleId === 'k8s/pvc-not-found');
    assert.ok(nf, 'pvc-not-found fires from the workspace PVC');
    assert.equal(nf.fixes[0]?.title, 'Change to "web-data"');
    // the DaemonSet leaves force_release_deleted_file_fd_timeout at -1: it reads a deleted pod's files to the end
    assert.ok(!res.findings.some((f) => f.ruleId === 'k8s/emptydir-logs-lost-on-delete'));
    // after the fix, the RWO claim is found and shared by three replicas
    const fixed = lint(app.replace('claimName: web-dat', 'claimName: web-data'), { uri: 'file:///app.yaml', workspace: ws }).findings;
    assert.ok(!fixed.some((f) => f.ruleId === 'k8s/pvc-not-found'));
    const rwo = fixed.find((f) => f.ruleId === 'k8s/pvc-rwo-shared');
    assert.ok(rwo);
    assert.equal(rwo.severity, 'warning');
    assert.match(rwo.details!, /volumeClaimTemplates/);
  });
  test('an HPA in another file makes a replica-less Deployment "several pods"', () => {
    const one = app.replace('  replicas: 3\n', '').replace('claimName: web-dat', 'claimName: web-data');
    const ws = new WorkspaceIndex();
    ws.update('file:///pvc.yaml', parseFile(claims, 'yaml'));
    assert.equal(lint(one, { uri: 'file:///app.yaml', workspace: ws }).findings.find((f) => f.ruleId === 'k8s/pvc-rwo-shared')?.severity, 'information');
    ws.update('file:///hpa.yaml', parseFile('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n', 'yaml'));
    assert.equal(lint(one, { uri: 'file:///app.yaml', workspace: ws }).findings.find((f) => f.ruleId === 'k8s/pvc-rwo-shared')?.severity, 'warning');
  });
});

describe('settings, locale and odd input', () => {
  const seed = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:latest
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  volumes:
  - name: log-v
    emptyDir: {}
`;
  test('emptyDirSizeLimit setting is the inserted value', () => {
    const f = lint(seed, { uri: 'file:///x.yaml', settings: { emptyDirSizeLimit: '512Mi' } }).findings.find((x) => x.ruleId === 'k8s/emptydir-no-size-limit');
    assert.ok(f);
    assert.match(f.fixes[0]!.edits[0]!.newText, /sizeLimit: 512Mi/);
  });
  test('Chinese messages name the volume', () => {
    const f = lint(seed, { uri: 'file:///x.yaml', locale: 'zh-CN' }).findings.find((x) => x.ruleId === 'k8s/emptydir-no-size-limit');
    assert.ok(f);
    assert.match(f.message, /emptyDir "log-v"/);
  });
  test('never throws on odd shapes', () => {
    const odd = `apiVersion: v1
kind: Pod
metadata: {name: odd}
spec:
  containers:
  - name: a
    image: x
    volumeMounts: [{name: v1, mountPath: 7}, {name: v2}, "str", {name: v3, mountPath: /logs, readOnly: yes}]
    volumeDevices: [{}, "x", {name: 3}]
  - "scalar container"
  volumes:
  - {name: v1, emptyDir: "x"}
  - {name: v2, hostPath: "x"}
  - {name: v3, hostPath: {path: [1]}}
  - {name: v4, persistentVolumeClaim: {claimName: {a: 1}}}
  - {name: v5, persistentVolumeClaim: null}
  - {name: v6, emptyDir: {medium: [Memory]}}
  - {name: 7}
  - "scalar volume"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: [x]}
spec: {accessModes: {a: b}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec: {scaleTargetRef: "x", maxReplicas: many}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec: {volumeClaimTemplates: [{metadata: "x"}, "y"], template: {spec: {containers: "none"}}}
`;
    const res = lint(odd, { uri: 'file:///odd.yaml' });
    assert.deepEqual(res.findings.filter((f) => f.ruleId === INTERNAL_RULE).map((f) => f.message), []);
  });
});

describe('kustomize: volumes supplied by an overlay patch in another file', () => {
  const base = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: example.com/api:1.4.2
        volumeMounts:
        - {name: tls, mountPath: /etc/tls, readOnly: true}
`;
  const patch = (kind: string, name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
spec:
  template:
    spec:
      volumes:
      - name: tls
        secret: {secretName: api-tls}
`;
  const undefinedMounts = (ws?: WorkspaceIndex) =>
    lint(base, { uri: 'file:///base/deployment.yaml', workspace: ws }).findings.filter((f) => f.ruleId === 'k8s/volume-mount-undefined');

  test('alone, the base mount is undefined', () => {
    assert.equal(undefinedMounts().length, 1);
  });
  test('a patch of the same Deployment in the workspace supplies the volume', () => {
    const ws = new WorkspaceIndex();
    ws.update('file:///overlays/prod/tls.yaml', parseFile(patch('Deployment', 'api'), 'yaml'));
    assert.equal(undefinedMounts(ws).length, 0);
  });
  test('a patch of another workload, or a complete workload of the same name, does not', () => {
    const ws = new WorkspaceIndex();
    ws.update('file:///overlays/prod/tls.yaml', parseFile(patch('Deployment', 'web'), 'yaml'));
    ws.update('file:///other/sts.yaml', parseFile(patch('StatefulSet', 'api'), 'yaml'));
    ws.update('file:///copy/deployment.yaml', parseFile(base.replace('readOnly: true}', 'readOnly: true}\n      volumes:\n      - {name: tls, emptyDir: {}}'), 'yaml'));
    assert.equal(undefinedMounts(ws).length, 1);
  });
});

describe('kustomize: a volume of the base mounted by an overlay patch in another file', () => {
  const base = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx:1.27}
      volumes:
      - name: logs
        emptyDir: {sizeLimit: 1Gi}
`;
  const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        volumeMounts:
        - {name: logs, mountPath: /var/log/nginx}
`;
  const unused = (ws?: WorkspaceIndex) =>
    lint(base, { uri: 'file:///base/deployment.yaml', workspace: ws }).findings.filter((f) => f.ruleId === 'k8s/volume-unused');
  test('alone the volume is unused; with the patch indexed it is used', () => {
    assert.equal(unused().length, 1);
    const ws = new WorkspaceIndex();
    ws.update('file:///overlays/prod/logs.yaml', parseFile(patch, 'yaml'));
    assert.equal(unused(ws).length, 0);
  });
});
