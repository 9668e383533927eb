import { envLiteral, envNamesOf, lastEnv, layoutOf, resolvePath, type StateSetting } from '../../model/agent-paths';
import { containerFile, startupPathOf } from '../../model/container-files';
import { get, isScalar } from '../../parse/nodes';
import { defineRule } from '../../rule';

const SETTINGS: StateSetting[] = ['user_config_file_path', 'docker_file_cache_path'];

const example = (fileValue: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: logtail-startup
  namespace: kube-system
data:
  ilogtail_config.json: |
    {
      "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",
      "data_server_list": [{"cluster": "cn-hangzhou", "endpoint": "cn-hangzhou-intranet.log.aliyuncs.com"}],
      "docker_file_cache_path": "${fileValue}"
    }
---
apiVersion: apps/v1
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
      containers:
      - name: logtail
        image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
        env:
        - name: ALIYUN_LOGTAIL_CONFIG
          value: /etc/ilogtail/conf/ilogtail_config.json
        - name: docker_file_cache_path
          value: /etc/ilogtail/checkpoint/docker_path_config.json
        volumeMounts:
        - name: startup
          mountPath: /etc/ilogtail/conf
        - name: checkpoint
          mountPath: /etc/ilogtail/checkpoint
      volumes:
      - name: startup
        configMap:
          name: logtail-startup
      - name: checkpoint
        hostPath:
          path: /var/lib/kube-system-logtail-ds/checkpoint
          type: DirectoryOrCreate
`;

export default defineRule({
  id: 'workspace/env-overridden-by-file',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['objects', 'configs'],
  docs: {
    summary: {
      en: 'The collector sets user_config_file_path or docker_file_cache_path by env, but its startup file in the workspace sets another value, which wins.',
      zh: '采集器通过 env 设置了 user_config_file_path 或 docker_file_cache_path，但工作区中它的启动参数文件设置了另一个值，以文件为准。',
    },
    rationale: {
      en: 'Most startup parameters are read with `LoadXxxParameter`: the env var first, then the key of the startup file if present — the file wins (the guide\'s parameter table, 优先级 column, *Kubernetes 日志落盘及 SLS 日志采集实践*; iLogtail core/common/JsonUtil.cpp `LOAD_PARAMETER`; Alibaba Cloud "设置Logtail启动参数"). The resource limits and the checkpoint path are the exceptions (env wins). So an env value set to move `docker_path_config.json` or `user_log_config.json` onto a persistent mount is ignored when the startup file names another path, and the file is lost with the container.',
      zh: '大多数启动参数通过 `LoadXxxParameter` 读取：先读 env，再读启动参数文件中的键（若有）——以文件为准（实践指南参数表"优先级"一列，《Kubernetes 日志落盘及 SLS 日志采集实践》；iLogtail core/common/JsonUtil.cpp `LOAD_PARAMETER`；阿里云"设置Logtail启动参数"）。资源限制和 checkpoint 路径是例外（env 优先）。因此为把 `docker_path_config.json` 或 `user_log_config.json` 放到持久化挂载上而设置的 env，在启动参数文件写了另一个路径时会被忽略，文件随容器一起丢失。',
    },
    remediation: {
      en: 'Set the value in one place: remove the key from the startup file, or give it the env\'s value there. The finding is on the env var and links to the key in the startup file.',
      zh: '只在一处设置：从启动参数文件中删除该键，或在文件中写成与 env 相同的值。诊断位于 env 变量上，并链接到启动参数文件中的键。',
    },
    notes: {
      en: 'The startup file is the one the container reads: `ALIYUN_LOGTAIL_CONFIG` (LoongCollector in Logtail mode: `LOONG_CONFIG` first), else `/usr/local/ilogtail/ilogtail_config.json`, followed through the container\'s mounts to a ConfigMap key of the workspace; when no volume covers it, a workspace file of that name. Paths are compared after resolving relative ones against the install directory. `user_config_file_path` is checked only for the Alibaba Cloud Logtail (the community editions and LoongCollector do not read it).',
      zh: '启动参数文件是容器实际读取的那个：`ALIYUN_LOGTAIL_CONFIG`（Logtail 兼容模式的 LoongCollector 优先 `LOONG_CONFIG`），否则为 `/usr/local/ilogtail/ilogtail_config.json`，经容器的挂载追溯到工作区中 ConfigMap 的键；没有卷覆盖该路径时，取工作区中同名的文件。相对路径按安装目录解析后再比较。`user_config_file_path` 只对阿里云 Logtail 检查（社区版和 LoongCollector 不读取它）。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置' }, 'slsStartup'],
    bad: example('/usr/local/ilogtail/docker_path_config.json'),
    good: example('/etc/ilogtail/checkpoint/docker_path_config.json'),
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['overridden'],
  check(ctx) {
    const ws = ctx.workspace;
    const lookup = { objects: () => ws.objects(), configs: () => ws.configs(), uriOf: (x: Parameters<typeof ws.uriOf>[0]) => ws.uriOf(x), uris: () => [ctx.uri, ...ws.index.uris()] };
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        const layout = layoutOf(c);
        if (!layout) continue;
        const startup = startupPathOf(c, layout);
        if (!startup) continue;
        let target: ReturnType<typeof containerFile> | undefined | null = null;
        for (const setting of SETTINGS) {
          let winner;
          for (const n of envNamesOf(setting, layout) ?? []) winner = lastEnv(c, n) ?? winner;
          if (!winner) continue;
          const raw = envLiteral(c, winner);
          if (raw === undefined || !raw.trim()) continue;
          if (target === null) target = containerFile(lookup, w, c, startup);
          const config = target?.config;
          if (!config || config.bodyKind !== 'startup' || !config.body) continue;
          const fileNode = get(config.body, setting);
          if (!isScalar(fileNode) || typeof fileNode.value !== 'string' || !fileNode.value.trim()) continue;
          const fromEnv = resolvePath(raw, layout.installDir);
          const fromFile = resolvePath(fileNode.value, layout.installDir);
          if (!fromEnv || !fromFile || fromEnv === fromFile) continue;
          ctx.report({
            node: winner.valueNode ?? winner.node,
            messageId: 'overridden',
            data: { setting, file: fileNode.value, env: winner.name },
            related: [{ uri: ws.uriOf(config) ?? ctx.uri, node: fileNode, message: '{setting} in the startup file' }],
          });
        }
      }
    }
  },
});
