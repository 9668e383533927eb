import { addDownwardEnv, DOWNWARD_FIELDS } from '../../fix/k8s-fixes';
import { defineRule, title, type FixSpec } from '../../rule';
import { get } from '../../parse/nodes';
import { sourceOf } from '../../parse/text';

export default defineRule({
  id: 'k8s/subpath-expr-undefined-var',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: { en: '`subPathExpr` references `$(VAR)` but the container defines no env `VAR`.', zh: '`subPathExpr` 引用了 `$(VAR)`，但容器未定义环境变量 `VAR`。' },
    rationale: {
      en: 'Kubernetes expands `subPathExpr` only from the container\'s own environment. An undefined `$(POD_NAME)` is left as literal text, so every pod writes into the same directory named `$(POD_NAME)` and the per-pod isolation the practice guide sets up (HostPath模式: "将Pod信息先使用Downward API设置到环境变量上，再通过subPathExpr将其设置为subPath的名称") silently does not happen — several pods write the same files.',
      zh: 'Kubernetes 只用容器自身的环境变量展开 `subPathExpr`。未定义的 `$(POD_NAME)` 会原样保留，所有 Pod 都写入同一个名为 `$(POD_NAME)` 的目录，实践指南 HostPath 模式中"先用 Downward API 设置环境变量，再通过 subPathExpr 设置为 subPath 名称"的隔离静默失效，多个 Pod 写同一组文件。',
    },
    remediation: {
      en: 'Define the variable in the same container, for the usual names from the Downward API (quick fix: `POD_NAME` → `metadata.name`, `POD_NAMESPACE` → `metadata.namespace`, `POD_UID` → `metadata.uid`, `NODE_NAME` → `spec.nodeName`). A container with `envFrom` may define the variable there; it is then not reported. `$$(VAR)` is an escape and is not reported.',
      zh: '在同一容器中定义该变量；常用名称可由 Downward API 提供（快速修复：`POD_NAME` → `metadata.name`、`POD_NAMESPACE` → `metadata.namespace`、`POD_UID` → `metadata.uid`、`NODE_NAME` → `spec.nodeName`）。带 `envFrom` 的容器可能在其中定义变量，此时不报告。`$$(VAR)` 是转义写法，不报告。',
    },
    sources: [{ id: 'guide', section: 'HostPath模式' }, 'k8sSubPathExpr'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: workdir1
      mountPath: /logs
      subPathExpr: $(POD_NAME)
  volumes:
  - name: workdir1
    hostPath:
      path: /mnt
      type: DirectoryOrCreate
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
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
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['undefinedVar'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        if (get(c.node, 'envFrom')) continue;
        const defined = new Set(c.env.map((e) => e.name));
        for (const m of c.mounts) {
          const pair = m.subPathExprPair;
          if (!pair || m.subPathExpr === undefined) continue;
          const src = sourceOf(ctx.file).slice(pair.value.start, pair.value.end);
          const re = /((?<!\$)\$*)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g;
          let hit: RegExpExecArray | null;
          while ((hit = re.exec(src))) {
            if (hit[1]!.length % 2 === 1) continue; // $$(X) is an escaped literal
            const name = hit[2]!;
            if (defined.has(name)) continue;
            const start = pair.value.start + hit.index + hit[1]!.length;
            const fixes: FixSpec[] = [];
            if (DOWNWARD_FIELDS[name]) {
              fixes.push({ title: title('Add env {var} from the Downward API'), kind: 'safe', edits: [addDownwardEnv(ctx.edit, c, name)] });
            }
            ctx.report({ node: { start, end: start + name.length + 3 }, messageId: 'undefinedVar', data: { var: name, mount: m.name, container: c.name }, fixes });
          }
        }
      }
    }
  },
});
