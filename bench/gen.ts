// Generated benchmark inputs (nothing checked in): multi-document manifests and workspaces of
// small files, the same shapes the issue measures (500 documents ≈ 15k lines).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Deployment writing logs to a per-pod hostPath (no finding), ~31 lines. */
export function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  labels:
    app: app-${i}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
          subPathExpr: $(POD_NAME)
      volumes:
      - name: logs
        hostPath:
          path: /var/log/app-${i}
          type: DirectoryOrCreate
`;
}

export function pvc(i: number): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-${i}
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: 1Gi
`;
}

export function legacyConfig(i: number): string {
  return JSON.stringify(
    { configName: `c-${i}`, inputType: 'file', inputDetail: { logType: 'common_reg_log', logPath: `/logtail_host/var/log/app-${i}`, filePattern: '*.log', dockerFile: false, key: ['content'], regex: '(.*)' }, outputType: 'LogService', outputDetail: { logstoreName: 's' } },
    null,
    2,
  );
}

export const collectorDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logtail-ds
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: logtail}
  template:
    metadata:
      labels: {app: logtail}
    spec:
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - {name: ALIYUN_LOGTAIL_CHECK_POINT_PATH, value: /var/run/logtail/checkpoint}
        - {name: docker_file_cache_path, value: /var/run/logtail/docker_path_config.json}
        - {name: user_config_file_path, value: /var/run/logtail/user_log_config.json}
        livenessProbe:
          exec: {command: [/etc/init.d/ilogtaild, status]}
        volumeMounts:
        - {name: root, mountPath: /logtail_host, readOnly: true, mountPropagation: HostToContainer}
        - {name: state, mountPath: /var/run/logtail}
      volumes:
      - {name: root, hostPath: {path: /}}
      - {name: state, hostPath: {path: /var/lib/logtail, type: DirectoryOrCreate}}
`;

/** A file of `n` Deployments separated by `---`. */
export function manifest(n: number, offset = 0): string {
  return Array.from({ length: n }, (_, i) => deployment(offset + i)).join('---\n');
}

/** A folder of `n` small files: Deployments, a PVC every 10th, a Logtail config every 7th, one collector DaemonSet. */
export function workspaceDir(dir: string, n: number): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `team-${i % 20}`);
    if (i < 20) mkdirSync(sub, { recursive: true });
    if (i === 0) writeFileSync(join(sub, 'logtail-ds.yaml'), collectorDaemonSet);
    else if (i % 7 === 0) writeFileSync(join(sub, `config-${i}.json`), legacyConfig(i));
    else if (i % 10 === 0) writeFileSync(join(sub, `pvc-${i}.yaml`), pvc(i));
    else writeFileSync(join(sub, `app-${i}.yaml`), deployment(i));
  }
  return dir;
}

/**
 * The parse floor as a program: the same node start-up, read the files (a folder recursively, in
 * name order), yaml's parseAllDocuments on each YAML file, JSON.parse on each JSON file.
 */
export function floorProgram(yamlPath: string): string {
  return `const fs = require('fs'), path = require('path'); const { parseAllDocuments } = require(${JSON.stringify(yamlPath)});
function walk(p) { const st = fs.statSync(p); if (st.isDirectory()) { for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n)); return; }
  const t = fs.readFileSync(p, 'utf8'); if (/\\.json$/.test(p)) JSON.parse(t); else parseAllDocuments(t); }
for (const p of process.argv.slice(2)) walk(p);
`;
}

// `tsx bench/gen.ts <dir> <files>` writes a workspace (for profiling by hand)
if (process.argv[1] && /gen\.ts$/.test(process.argv[1]) && process.argv[2]) {
  workspaceDir(process.argv[2], Number(process.argv[3] ?? 2000));
  if (process.argv[4]) writeFileSync(process.argv[4], manifest(Number(process.argv[5] ?? 500)));
}
