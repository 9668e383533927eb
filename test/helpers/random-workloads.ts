// Shared by the randomized incremental tests (store, pieced text, packed diagnostics): a seeded
// generator and small workloads of a few shapes, so that edits meet hostPath, emptyDir, subPathExpr
// and collector containers.

/** A seeded generator: `rnd(n)` gives an integer in [0, n). */
export function rng(seed: number): (n: number) => number {
  return (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
}

export interface WorkloadShape {
  /** A `replicas` line (1–3, from the variant). */
  replicas?: boolean;
  /** Every fifth variant (1, 6, …) runs the Logtail image instead of nginx. */
  collectorImage?: boolean;
}

/** A Deployment, StatefulSet or DaemonSet (variant % 3) writing logs to a hostPath or, for variant % 4 === 3, an emptyDir. */
export function workload(i: number, variant: number, shape: WorkloadShape = {}): string {
  const kind = ['Deployment', 'StatefulSet', 'DaemonSet'][variant % 3];
  const replicas = shape.replicas ? `  replicas: ${1 + (variant % 3)}\n` : '';
  const image = shape.collectorImage && variant % 5 === 1 ? 'registry.cn-hangzhou.aliyuncs.com/log-service/logtail:latest' : 'nginx:1.27';
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: app-${i}
spec:
${replicas}  template:
    spec:
      containers:
      - name: app
        image: ${image}
        volumeMounts:
        - name: logs
          mountPath: /var/log/app${variant % 2 ? '\n          subPathExpr: $(POD_NAME)' : ''}
      volumes:
      - name: logs
        ${variant % 4 === 3 ? 'emptyDir: {}' : `hostPath:\n          path: /var/log/app-${i}`}
`;
}
