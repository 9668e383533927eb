import { collectorFamily, collectorsOf } from '../../model/collector';
import { coveringMount } from '../../model/k8s';
import { expandEnvValue, isLogtailConfigPath, suggestConfigPath } from '../../model/sidecar';
import { defineRule, title, type FixSpec } from '../../rule';
import { term } from '../../catalog';
import { isPlaceholder } from '../../model/placeholder';

export default defineRule({
  id: 'collector/config-path-format',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'ALIYUN_LOGTAIL_CONFIG is not /etc/ilogtail/conf/<region>[-internet|-acceleration]/ilogtail_config.json.',
      zh: 'ALIYUN_LOGTAIL_CONFIG 不是 /etc/ilogtail/conf/<region>[-internet|-acceleration]/ilogtail_config.json 的形式。',
    },
    rationale: {
      en: 'In a Logtail container, `ALIYUN_LOGTAIL_CONFIG` is the path of the startup file, and the startup file is what selects the region Logtail works in (practice guide: "启动配置（用于选择Logtail所在Region）"); it holds the config server and data server addresses. The documented form is `/etc/ilogtail/conf/<region>/ilogtail_config.json`, with `<region>-internet` or `<region>-acceleration` as the directory for Internet or accelerated access. A directory without the file name, a misspelt region, or a suffix other than `-internet`/`-acceleration` (such as `-intranet`) does not follow that form, so Logtail is not pointed at a documented startup file.',
      zh: '在 Logtail 容器中，`ALIYUN_LOGTAIL_CONFIG` 是启动配置文件的路径，而启动配置用于选择 Logtail 所在的 Region（实践指南："启动配置（用于选择Logtail所在Region）"），其中包含配置服务器和数据服务器地址。文档给出的形式是 `/etc/ilogtail/conf/<region>/ilogtail_config.json`，经公网或全球加速访问时目录为 `<region>-internet` 或 `<region>-acceleration`。只写目录不写文件名、Region 拼错，或使用 `-internet`/`-acceleration` 以外的后缀（如 `-intranet`），都不符合该形式，Logtail 读取的就不是文档记载的启动配置文件。',
    },
    remediation: {
      en: 'Use `/etc/ilogtail/conf/<region>/ilogtail_config.json` with your SLS Project\'s region id (`cn-hangzhou`, `ap-southeast-1`, `cn-hangzhou-finance`…), adding `-internet` or `-acceleration` to the directory when the cluster does not reach SLS over the Alibaba Cloud internal network. When one region can be read from the value (`/etc/ilogtail/conf/cn-hangzhou`, `cn-hangzhou`, `…/cn-hangzhou-intranet/…`), the quick fix "Change to <path>" writes the full path (a `suggestion`: check the region). Not reported: an empty value (the variable is then as good as unset; `collector/sidecar-missing-env` covers sidecars), a path inside a volume mounted into the container (you ship your own startup file), values set through `valueFrom`, and values with a `$(VAR)` reference that cannot be resolved at lint time; references to earlier env vars with literal values are expanded first, as Kubernetes does.',
      zh: '使用 `/etc/ilogtail/conf/<region>/ilogtail_config.json`，其中 `<region>` 为 SLS Project 所在的 Region ID（`cn-hangzhou`、`ap-southeast-1`、`cn-hangzhou-finance` 等）；集群不经阿里云内网访问 SLS 时，在目录后加 `-internet` 或 `-acceleration`。能从取值中读出唯一的 Region 时（`/etc/ilogtail/conf/cn-hangzhou`、`cn-hangzhou`、`…/cn-hangzhou-intranet/…`），快速修复"改为 <路径>"会写出完整路径（`suggestion`：请核对 Region）。不报告：空值（相当于未设置；Sidecar 由 `collector/sidecar-missing-env` 检查）、位于挂载进容器的卷中的路径（您自带启动配置文件）、通过 `valueFrom` 设置的值，以及含有无法在检查时解析的 `$(VAR)` 引用的值；引用前面取字面值的环境变量时，先按 Kubernetes 的规则展开再检查。',
    },
    sources: [{ id: 'guide', section: 'Sidecar采集配置示例' }, 'slsSidecar', 'slsConfigFiles'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou
`,
    good: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:v1.8.7.0-aliyun
    env:
    - name: ALIYUN_LOGTAIL_USER_ID
      value: "165421******3050"
    - name: ALIYUN_LOGTAIL_USER_DEFINED_ID
      value: nginx-log-sidecar
    - name: ALIYUN_LOGTAIL_CONFIG
      value: /etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json
`,
    notes: {
      en: 'Checked for Alibaba Cloud Logtail containers (a `logtail` image that is not a community edition, or a container recognised only by its `ALIYUN_LOGTAIL_*` env), in DaemonSets and sidecars alike. The open-source iLogtail and LoongCollector images are not checked: there the variable is just the path of whatever startup file you provide, and LoongCollector uses `LOONG_CONFIG`. Region ids are checked by shape (`<2–3 letters>-<part>[-<part>…]`), not against a list, so new regions are accepted.',
      zh: '检查阿里云 Logtail 容器（非社区版的 `logtail` 镜像，或仅凭 `ALIYUN_LOGTAIL_*` 环境变量识别的容器），DaemonSet 与 Sidecar 均检查。开源 iLogtail 和 LoongCollector 镜像不检查：在那里该变量只是您自己提供的启动配置文件的路径，LoongCollector 使用 `LOONG_CONFIG`。Region ID 只按形式检查（`<2–3 个字母>-<段>[-<段>…]`），不对照列表，因此新 Region 也能通过。',
    },
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['format'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of collectorsOf(w)) {
        if (collectorFamily(c) !== 'logtail') continue;
        for (const e of c.env) {
          if (e.name !== 'ALIYUN_LOGTAIL_CONFIG' || e.hasValueFrom || !e.valueNode || e.valueNode.type !== 'scalar') continue;
          const expanded = expandEnvValue(c, e);
          if (!expanded || !expanded.resolved) continue;
          const value = expanded.value;
          if (value.trim() === '' || isLogtailConfigPath(value)) continue;
          if (isPlaceholder(value)) continue; // logtail/placeholder-unfilled says what is wrong // empty = unset: sidecar-missing-env's business
          if (value.startsWith('/') && coveringMount(c, value)) continue;
          const fixes: FixSpec[] = [];
          const suggested = e.value === value ? suggestConfigPath(value) : undefined;
          if (suggested) fixes.push({ title: title('Change to "{suggested}"', { suggested }), kind: 'suggestion', edits: [ctx.edit.replaceScalar(e.valueNode, suggested)] });
          ctx.report({ node: e.valueNode, messageId: 'format', data: { container: c.name, value, shape: term(ctx.locale, 'collector/config-path-format.shape') }, fixes });
        }
      }
    }
  },
});
