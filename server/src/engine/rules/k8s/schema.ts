import { defineRule } from '../../rule';
import { K8S_SCHEMAS, SCHEMA_MESSAGE_IDS, messageData, schemaFixes, validateK8sObject } from '../../schemas/index';

export default defineRule({
  id: 'k8s/schema',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A Kubernetes object breaks the API schema of its kind: unknown field, missing required field, wrong type, value not allowed, or an invalid resource quantity.',
      zh: 'Kubernetes 对象不符合其类型的 API Schema：未知字段、缺少必填字段、类型错误、取值不允许，或资源数量值无效。',
    },
    rationale: {
      en: `A misspelt field (\`volumeMount\`, \`subpathExpr\`, \`hostpath\`) is rejected by \`kubectl apply\` (strict field validation, the default since Kubernetes 1.27) or, where validation is off (some CD tools, older clients), silently dropped: the volume is then not mounted and the logs stay in the container's writable layer, where nothing collects them and they vanish with the container. A quantity such as \`512MI\` (suffixes are case-sensitive), a hostPath \`type\` outside its enumeration or a string where a number is required makes the API server reject the whole object. The check uses the official schemas of Kubernetes ${K8S_SCHEMAS.kubernetes} (generated from ${K8S_SCHEMAS.source}, shipped inside the extension: no network), for Pod, PodTemplate, ReplicationController, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, PersistentVolumeClaim, PersistentVolume, StorageClass, ConfigMap and Service, including the items of a \`List\` and every document of a multi-document file.`,
      zh: `拼错的字段（\`volumeMount\`、\`subpathExpr\`、\`hostpath\`）会被 \`kubectl apply\` 拒绝（严格字段校验，自 Kubernetes 1.27 起为默认行为），在未开启校验的地方（部分 CD 工具、旧版客户端）则被静默丢弃：卷没有挂载，日志留在容器的可写层，没有任何采集，并随容器一起消失。\`512MI\` 这样的数量值（后缀区分大小写）、不在枚举范围内的 hostPath \`type\`、需要数字却写成字符串，都会让 API Server 拒绝整个对象。检查使用 Kubernetes ${K8S_SCHEMAS.kubernetes} 的官方 Schema（由 ${K8S_SCHEMAS.source} 生成，随扩展发布，无需联网），覆盖 Pod、PodTemplate、ReplicationController、Deployment、ReplicaSet、StatefulSet、DaemonSet、Job、CronJob、PersistentVolumeClaim、PersistentVolume、StorageClass、ConfigMap 和 Service，包括 \`List\` 中的条目以及多文档文件中的每个文档。`,
    },
    remediation: {
      en: 'Fix the field or value the finding points at. Quick fixes (`safe`): "Rename to `<field>`" for an unknown field within edit distance 2, ignoring case, of a field allowed at that place (1 for fields of fewer than 6 characters); "Change to `<value>`" for a value close to an allowed one (`directoryOrCreate` → `DirectoryOrCreate`) and for a quantity whose suffix has the wrong letter case (`512MI` → `512Mi`); "Convert to number" / "Convert to string" for a scalar of the wrong type (`containerPort: "8080"`, env `value: 8080`).',
      zh: '修改诊断所指的字段或值。快速修复（`safe`）：未知字段与该位置允许的某个字段在忽略大小写后编辑距离不超过 2（不足 6 个字符的字段为 1）时提供"重命名为 `<字段>`"；取值与某个允许值接近时（`directoryOrCreate` → `DirectoryOrCreate`），以及数量值后缀大小写写错时（`512MI` → `512Mi`）提供"改为 `<值>`"；标量类型写错时（`containerPort: "8080"`、env 的 `value: 8080`）提供"转换为数字"/"转换为字符串"。',
    },
    notes: {
      en: 'Strict like `kubeconform -strict`: every field the schema of that place does not declare is reported (an error, as `kubectl apply` rejects it). Quantities (`resources` of every container, emptyDir `sizeLimit`, PVC `storage`, …) follow the grammar of `resource.Quantity`: `512Mi`, `1G`, `1e9`, `0.5`, `100m` are valid; `512MI`, `1gb`, `512 Mi` and negative values are not, and the message says why. `IntOrString` fields (`targetPort`, `maxSurge`) take an integer or a string. A field written with nothing after it (`resources:`) is treated as absent, as the API server does; a required one is reported as empty. A workload whose containers carry no image is taken for a Kustomize (strategic-merge) patch, as by `k8s/volume-mount-undefined`: it holds only the fields it changes, so missing required fields and `$` directives (`$patch: delete`) are not reported there; everything else is. Not checked (no finding): kinds and API versions without a bundled schema (custom resources, other kinds, removed versions such as `extensions/v1beta1`), Helm templates, and documents with a YAML syntax error. The check can be turned off with the setting `logtailLint.kubernetesSchema: off` (which also turns off the Kubernetes completion and hover) or, like every rule, with `k8s/schema: off` under `rules` (`logtailLint.rules`, `.logtail-lint.yaml`, `--rule`) for users who prefer another tool; in VS Code it is also skipped for files that the Red Hat YAML extension already validates with a Kubernetes schema (docs/duplicate-diagnostics.md). Whole-number fields are declared as numbers (the TypeScript source does not distinguish int32 from float).',
      zh: '与 `kubeconform -strict` 一样严格：该位置 Schema 未声明的每个字段都会报告（错误级别，因为 `kubectl apply` 会拒绝）。数量值（每个容器的 `resources`、emptyDir 的 `sizeLimit`、PVC 的 `storage` 等）遵循 `resource.Quantity` 的语法：`512Mi`、`1G`、`1e9`、`0.5`、`100m` 有效；`512MI`、`1gb`、`512 Mi` 和负数无效，消息会说明原因。`IntOrString` 字段（`targetPort`、`maxSurge`）接受整数或字符串。只写了键没有值的字段（`resources:`）与 API Server 一样视为未设置；必填字段则报告为空。容器都没有镜像的工作负载视为 Kustomize（strategic merge）补丁，与 `k8s/volume-mount-undefined` 的判断相同：补丁只包含要修改的字段，因此不报告缺少的必填字段和 `$` 指令（`$patch: delete`），其余照常检查。不检查（不报告）：没有内置 Schema 的类型和 API 版本（自定义资源、其他类型、`extensions/v1beta1` 等已移除的版本）、Helm 模板，以及有 YAML 语法错误的文档。偏好其他工具的用户可以用设置 `logtailLint.kubernetesSchema: off` 关闭该检查（同时关闭 Kubernetes 补全和悬停说明），也可以像其他规则一样在 `rules` 中设置 `k8s/schema: off`（`logtailLint.rules`、`.logtail-lint.yaml`、`--rule`）；在 VS Code 中，Red Hat YAML 扩展已经用 Kubernetes Schema 校验的文件也会跳过（见 docs/duplicate-diagnostics.md）。整数字段按数字声明（TypeScript 源不区分 int32 与浮点数）。',
    },
    sources: ['k8sApi'],
    bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 2
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
          resources:
            limits:
              memory: 512MI
          volumeMount:
            - name: logs
              mountPath: /var/log/nginx
      volumes:
        - name: logs
          hostPath:
            path: /var/log/nginx
            type: directoryOrCreate
`,
    good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 2
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
          resources:
            limits:
              memory: 512Mi
          volumeMounts:
            - name: logs
              mountPath: /var/log/nginx
      volumes:
        - name: logs
          hostPath:
            path: /var/log/nginx
            type: DirectoryOrCreate
`,
  },
  messages: SCHEMA_MESSAGE_IDS,
  check(ctx) {
    if (ctx.settings.kubernetesSchema === 'off') return;
    for (const obj of ctx.objects) {
      // nothing from a tree the parser had to guess after a syntax error
      if (obj.doc.errors.length || obj.doc.templated) continue;
      // a workload whose containers carry no image is a Kustomize / strategic-merge patch (the
      // same test as k8s/volume-mount-undefined): it holds only the fields it changes
      const w = ctx.workloads.find((x) => x.obj === obj);
      const patch = !!w && !w.containers.some((c) => c.image);
      const problems = validateK8sObject(obj.node, obj.apiVersion, obj.kind, { patch });
      if (!problems) continue; // no schema for this kind / version: not checked
      for (const p of problems) {
        if (p.messageId === 'misspelled') continue; // startup parameters only
        ctx.report({ node: p, messageId: p.messageId, data: messageData(p, ctx.locale), severity: 'error', fixes: schemaFixes(p, ctx) });
      }
    }
  },
});
