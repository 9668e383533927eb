import { containerAnchor, sidecarCollectors } from '../../model/sidecar';
import { moveToNativeSidecarEdits } from '../../fix/native-sidecar';
import { get, str } from '../../parse/nodes';
import { defineRule, title, type FixSpec } from '../../rule';
import { losesStateOnRestart } from './_state-files';

export default defineRule({
  id: 'collector/sidecar-not-native',
  severity: 'information',
  scope: 'document',
  docs: {
    summary: {
      en: 'A sidecar collector runs as an ordinary container instead of a native sidecar.',
      zh: 'Sidecar 采集容器作为普通容器运行，而不是原生 Sidecar。',
    },
    rationale: {
      en: 'An ordinary container in `containers` has the same lifecycle as the app. In a Job or CronJob the collector never exits, so the pod never completes and the Job never finishes (LoongCollector\'s own sidecar example is a Job with this problem). In other workloads it can start after the app and stop together with it, so the first and the last lines the app writes may not be collected before the pod goes away. Kubernetes ≥ 1.29 has native sidecars: an init container with `restartPolicy: Always` starts before the app containers, keeps running beside them, does not block Job completion, and is stopped only after the app containers have exited.',
      zh: '`containers` 中的普通容器与业务容器生命周期相同。在 Job 或 CronJob 中，采集容器永不退出，Pod 无法完成，Job 也就永远不结束（LoongCollector 自带的 Sidecar 示例就是存在此问题的 Job）。在其他工作负载中，它可能晚于业务容器启动、与业务容器同时停止，业务写下的最初和最后几行可能在 Pod 消失前来不及采集。Kubernetes ≥ 1.29 支持原生 Sidecar：`restartPolicy: Always` 的 init 容器先于业务容器启动，与其并行运行，不阻止 Job 完成，并在业务容器退出后才停止。',
    },
    remediation: {
      en: 'Quick fix "Run as native sidecar" moves the container from `containers` to the end of `initContainers` (creating it just before `containers` if needed) and sets `restartPolicy: Always` on it. In YAML the container\'s own text is moved and re-indented, so all its fields and the comments inside it are kept; in JSON it is rebuilt from its value. It needs Kubernetes ≥ 1.29 (native sidecars are beta and on by default from 1.29; 1.28 needs the `SidecarContainers` feature gate), so it is a `suggestion`. It is not offered when `containers` would become empty, nor in a pod with `restartPolicy: Never` while the collector keeps its checkpoint where a restart loses it: a native sidecar is restarted whatever the pod\'s policy, so persist the checkpoint first (collector/checkpoint-not-persisted: a PersistentVolumeClaim), then the fix is offered. Ordinary init containers listed before it still run to completion before the collector starts.',
      zh: '快速修复"改为原生 Sidecar"把该容器从 `containers` 移到 `initContainers` 末尾（如没有 `initContainers`，则在 `containers` 前新建），并为它设置 `restartPolicy: Always`。在 YAML 中移动的是容器本身的文本并重新缩进，因此保留所有字段和容器内的注释；在 JSON 中按其取值重建。它需要 Kubernetes ≥ 1.29（原生 Sidecar 自 1.29 起为 Beta 并默认开启；1.28 需开启 `SidecarContainers` 特性门控），因此是 `suggestion`。若移走后 `containers` 为空，或 Pod 的 `restartPolicy: Never` 而采集器的 checkpoint 保存在重启即丢失的位置，则不提供该修复：原生 Sidecar 无论 Pod 策略如何都会被重启，请先持久化 checkpoint（collector/checkpoint-not-persisted：使用 PersistentVolumeClaim），之后即提供该修复。排在它前面的普通 init 容器仍会在采集容器启动前运行完毕。',
    },
    sources: [{ id: 'guide', section: '通过Sidecar采集容器文本日志' }, 'k8sSidecar', 'slsSidecar'],
    bad: `apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: report
        image: busybox:1.36
        command: ["sh", "-c", "echo done >> /var/log/report/report.log"]
        volumeMounts:
        - name: log-v
          mountPath: /var/log/report
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_USER_ID
          value: "165421******3050"
        - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
          value: report-sidecar
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        volumeMounts:
        - name: log-v
          mountPath: /var/log/report
          readOnly: true
        livenessProbe:
          exec:
            command:
            - /etc/init.d/ilogtaild
            - status
          initialDelaySeconds: 30
          periodSeconds: 30
      volumes:
      - name: log-v
        emptyDir:
          sizeLimit: 1Gi
`,
    good: `apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        restartPolicy: Always
        env:
        - name: ALIYUN_LOGTAIL_USER_ID
          value: "165421******3050"
        - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
          value: report-sidecar
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
        volumeMounts:
        - name: log-v
          mountPath: /var/log/report
          readOnly: true
        livenessProbe:
          exec:
            command:
            - /etc/init.d/ilogtaild
            - status
          initialDelaySeconds: 30
          periodSeconds: 30
      containers:
      - name: report
        image: busybox:1.36
        command: ["sh", "-c", "echo done >> /var/log/report/report.log"]
        volumeMounts:
        - name: log-v
          mountPath: /var/log/report
      volumes:
      - name: log-v
        emptyDir:
          sizeLimit: 1Gi
`,
    notes: {
      en: 'Severity: warning in a Job, a CronJob, and a bare Pod with `restartPolicy: Never` or `OnFailure` (all run to completion, which the collector prevents); information elsewhere (Deployment, StatefulSet, Pod with `restartPolicy: Always`…). DaemonSet collectors are not sidecars and are not reported.',
      zh: '严重级别：在 Job、CronJob 以及 `restartPolicy` 为 `Never` 或 `OnFailure` 的裸 Pod 中为警告（它们都需要运行结束，而采集容器会阻止结束）；其他情况（Deployment、StatefulSet、`restartPolicy: Always` 的 Pod 等）为提示。DaemonSet 采集器不是 Sidecar，不报告。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['job', 'service'],
  check(ctx) {
    for (const w of ctx.workloads) {
      const podRestart = str(get(w.podSpec, 'restartPolicy'));
      const runsToCompletion = w.kind === 'Job' || w.kind === 'CronJob' || (w.kind === 'Pod' && (podRestart === 'Never' || podRestart === 'OnFailure'));
      for (const c of sidecarCollectors(w)) {
        if (c.section !== 'containers') continue;
        const fixes: FixSpec[] = [];
        // In a pod with restartPolicy: Never the collector is never restarted, so a checkpoint in its
        // writable layer does no harm; a native sidecar is restarted whatever the pod's policy. Moving
        // it then would lose its checkpoint on each restart (collector/checkpoint-not-persisted):
        // persist the checkpoint first (a PersistentVolumeClaim), then the fix is offered.
        const unsafe = podRestart === 'Never' && losesStateOnRestart(w, c);
        const edits = unsafe ? undefined : moveToNativeSidecarEdits(ctx.file.text, ctx.file.language === 'yaml', ctx.edit, w.podSpec, c);
        if (edits) fixes.push({ title: title('Run as native sidecar'), kind: 'suggestion', edits });
        ctx.report({
          node: containerAnchor(c),
          messageId: runsToCompletion ? 'job' : 'service',
          severity: runsToCompletion ? 'warning' : undefined,
          data: { container: c.name, kind: w.kind, workload: w.name },
          fixes,
        });
      }
    }
  },
});
