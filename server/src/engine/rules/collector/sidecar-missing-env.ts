import { addItems, combineEdits } from '../../edit/inserts';
import type { Value } from '../../fix/editor';
import { isAliyunLogtailImage } from '../../model/collector';
import { containerAnchor, hasEnvFrom, regionOfImage, sidecarCollectors } from '../../model/sidecar';
import { getPair, isSeq } from '../../parse/nodes';
import { defineRule, title, type FixSpec } from '../../rule';
import type { Edit } from '../../types';

const REQUIRED_ENV = ['ALIYUN_LOGTAIL_USER_ID', 'ALIYUN_LOGTAIL_USER_DEFINED_ID', 'ALIYUN_LOGTAIL_CONFIG'] as const;

export default defineRule({
  id: 'collector/sidecar-missing-env',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A Logtail sidecar lacks ALIYUN_LOGTAIL_USER_ID, ALIYUN_LOGTAIL_USER_DEFINED_ID or ALIYUN_LOGTAIL_CONFIG.',
      zh: 'Logtail Sidecar 缺少 ALIYUN_LOGTAIL_USER_ID、ALIYUN_LOGTAIL_USER_DEFINED_ID 或 ALIYUN_LOGTAIL_CONFIG。',
    },
    rationale: {
      en: 'A Logtail sidecar is not installed by the ACK add-on, so it has to say who it belongs to and where to connect. The practice guide\'s sidecar example sets three env vars: `ALIYUN_LOGTAIL_USER_ID` (the aliuid of the account that owns the Project), `ALIYUN_LOGTAIL_USER_DEFINED_ID` (the custom identifier of the machine group the collection configs are applied to) and `ALIYUN_LOGTAIL_CONFIG` (the startup file, which selects the region). Without them the agent cannot join the machine group and receives no collection config, so nothing is collected.',
      zh: 'Logtail Sidecar 不是由 ACK 组件安装的，需要自己声明归属和连接位置。实践指南的 Sidecar 示例设置了三个环境变量：`ALIYUN_LOGTAIL_USER_ID`（Project 所属账号的 aliuid）、`ALIYUN_LOGTAIL_USER_DEFINED_ID`（应用采集配置的机器组的自定义标识）和 `ALIYUN_LOGTAIL_CONFIG`（启动配置，用于选择 Logtail 所在 Region）。缺少它们时 Logtail 无法加入机器组，拿不到采集配置，什么也不会采集。',
    },
    remediation: {
      en: 'Set the missing variables: `ALIYUN_LOGTAIL_USER_ID` (the aliuid of the account that owns the Project), `ALIYUN_LOGTAIL_USER_DEFINED_ID` (the custom identifier of a machine group you create in SLS) and `ALIYUN_LOGTAIL_CONFIG: /etc/ilogtail/conf/<region>/ilogtail_config.json` (add `-internet` to the region directory when the cluster reaches SLS over the Internet). Quick fix "Add missing Logtail env" is offered when only `ALIYUN_LOGTAIL_CONFIG` is missing and the image\'s registry names the region (`registry.cn-hangzhou.aliyuncs.com/…` → `cn-hangzhou`): the account and the machine group are yours to write, and a placeholder would only be an unfilled value (logtail/placeholder-unfilled). A variable set to an empty value counts as missing; one set through `valueFrom` counts as present. A container with `envFrom` is not checked (the variables may come from a ConfigMap or Secret).',
      zh: '请设置缺少的变量：`ALIYUN_LOGTAIL_USER_ID`（拥有该 Project 的账号的 aliuid）、`ALIYUN_LOGTAIL_USER_DEFINED_ID`（您在 SLS 中创建的机器组的自定义标识）以及 `ALIYUN_LOGTAIL_CONFIG: /etc/ilogtail/conf/<region>/ilogtail_config.json`（集群经公网访问 SLS 时请在 Region 目录后加 `-internet`）。仅当只缺少 `ALIYUN_LOGTAIL_CONFIG` 且镜像仓库地址给出了 Region（`registry.cn-hangzhou.aliyuncs.com/…` → `cn-hangzhou`）时提供快速修复"添加缺少的 Logtail 环境变量"：账号与机器组需由您填写，占位符只会是未填写的值（logtail/placeholder-unfilled）。值为空的变量视为缺少；通过 `valueFrom` 设置的视为已设置。带 `envFrom` 的容器不检查（变量可能来自 ConfigMap 或 Secret）。',
    },
    sources: [{ id: 'guide', section: 'Sidecar采集配置示例' }, 'slsSidecar', 'slsStartup'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    volumeMounts:
    - name: log-v
      mountPath: /var/log/nginx
      readOnly: true
  volumes:
  - name: log-v
    emptyDir:
      sizeLimit: 1Gi
`,
    notes: {
      en: 'Only the Alibaba Cloud Logtail images (`…/log-service/logtail`, `…/acs/logtail`) are checked. The open-source iLogtail and LoongCollector community editions authenticate with `default_access_key_id` / `default_access_key` and read local pipeline files, and LoongCollector has its own `LOONG_*` names, so these three variables are not required there. DaemonSets are not checked: the ACK add-on sets these variables itself.',
      zh: '只检查阿里云 Logtail 镜像（`…/log-service/logtail`、`…/acs/logtail`）。开源的 iLogtail 和 LoongCollector 社区版使用 `default_access_key_id` / `default_access_key` 认证并读取本地流水线配置文件，LoongCollector 还有自己的 `LOONG_*` 变量名，因此不要求这三个变量。DaemonSet 不检查：ACK 组件会自行设置这些变量。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['missing'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of sidecarCollectors(w)) {
        if (!isAliyunLogtailImage(c.image) || hasEnvFrom(c)) continue;
        const envPair = getPair(c.node, 'env');
        if (envPair && !isSeq(envPair.value) && !(envPair.value.type === 'scalar' && envPair.value.value === null)) continue; // not a list: leave it to schema checks
        // Only values the manifest tells: the region of ALIYUN_LOGTAIL_CONFIG from the image's
        // registry. The account's aliuid and the machine group's identifier are the user's to write:
        // a placeholder would be an unfilled value (logtail/placeholder-unfilled), not a fix.
        const region = regionOfImage(c.image);
        const known: Partial<Record<(typeof REQUIRED_ENV)[number], string>> = region ? { ALIYUN_LOGTAIL_CONFIG: `/etc/ilogtail/conf/${region}/ilogtail_config.json` } : {};
        const missing: string[] = [];
        const fillEdits: Edit[] = [];
        const add: Value[] = [];
        for (const name of REQUIRED_ENV) {
          const vars = c.env.filter((e) => e.name === name);
          const set = vars.find((e) => e.hasValueFrom || (e.value !== undefined && e.value.trim() !== ''));
          if (set) continue;
          missing.push(name);
          const value = known[name];
          if (value === undefined) continue;
          const empty = vars[vars.length - 1];
          if (empty) fillEdits.push(ctx.edit.setScalar(empty.node, 'value', value));
          else add.push({ name, value });
        }
        if (missing.length === 0) continue;
        const fixes: FixSpec[] = [];
        const addEdits = missing.every((name) => known[name as (typeof REQUIRED_ENV)[number]] !== undefined) ? addItems(ctx.edit, c.node, 'env', add) : undefined;
        if (addEdits) {
          // values filled inside existing items come before items appended after them
          fixes.push({ title: title('Add missing Logtail env'), kind: 'suggestion', edits: combineEdits([...fillEdits, ...addEdits]) });
        }
        ctx.report({
          node: envPair ? envPair.key : containerAnchor(c),
          messageId: 'missing',
          data: { container: c.name, kind: w.kind, workload: w.name, missing: missing.join(', ') },
          fixes,
        });
      }
    }
  },
});
