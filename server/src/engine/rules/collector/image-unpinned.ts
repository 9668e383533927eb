import { collectorFamily, imagePin, tagExample } from '../../model/collector';
import { runningCollectorsOf } from '../../model/agent-paths';
import { defineRule } from '../../rule';

export default defineRule({
  id: 'collector/image-unpinned',
  severity: 'warning',
  scope: 'document',
  docs: {
    summary: {
      en: 'A collector image uses the `latest` tag or no tag.',
      zh: '采集器镜像使用 `latest` 标签或没有标签。',
    },
    rationale: {
      en: 'With `latest` (or no tag, which means `latest`) the agent version is unknown: the version gates of the startup settings (practice guide, Logtail参数配置: `check_point_filename` needs 0.16.36, `docker_file_cache_path` 0.16.54, `user_config_file_path` 0.16.56) cannot be checked, and a node that pulls the image again upgrades (or downgrades) the agent unseen — an upgrade during a collection backlog can itself lose lines. Different nodes of one DaemonSet may even run different versions. The practice guide\'s own sidecar example uses `logtail:latest`.',
      zh: '使用 `latest`（或不写标签，即 `latest`）时采集器版本未知：启动参数的版本要求（实践指南 Logtail参数配置：`check_point_filename` 需 0.16.36，`docker_file_cache_path` 需 0.16.54，`user_config_file_path` 需 0.16.56）无法检查；节点重新拉取镜像时会在不知不觉中升级（或降级）采集器，而在采集积压时升级本身就可能丢日志。同一 DaemonSet 的不同节点甚至可能运行不同版本。实践指南自己的 Sidecar 示例就使用了 `logtail:latest`。',
    },
    remediation: {
      en: 'Pin a version tag in the form of the image: `log-service/logtail:v1.8.7.0-aliyun`, `acs/logtail:v0.16.62.3-da583e0-aliyun`, `loongcollector/loongcollector:v3.0.12.0-25723a1-aliyun`, `ilogtail-community-edition/ilogtail:1.8.4`, `loongcollector-community-edition/loongcollector:3.3.2` — or a digest (`@sha256:…`), which counts as pinned. No automatic fix: which version to run is your choice.',
      zh: '按该镜像的格式固定版本标签：`log-service/logtail:v1.8.7.0-aliyun`、`acs/logtail:v0.16.62.3-da583e0-aliyun`、`loongcollector/loongcollector:v3.0.12.0-25723a1-aliyun`、`ilogtail-community-edition/ilogtail:1.8.4`、`loongcollector-community-edition/loongcollector:3.3.2`；或使用 digest（`@sha256:…`），同样视为已固定。没有自动修复：运行哪个版本由你决定。',
    },
    notes: {
      en: 'Every collector container is checked: Logtail, iLogtail and LoongCollector images from any registry, and containers recognised by their `ALIYUN_LOGTAIL_*` / `LOONG_*` env. Other tags (`stable`, a branch name) are not reported.',
      zh: '检查所有采集器容器：任意仓库的 Logtail、iLogtail、LoongCollector 镜像，以及通过 `ALIYUN_LOGTAIL_*` / `LOONG_*` 环境变量识别的容器。其他标签（`stable`、分支名）不报告。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置; Sidecar采集配置示例' }, 'slsStartup', 'slsSidecar'],
    bad: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
  - name: logtail
    image: registry.cn-hangzhou.aliyuncs.com/log-service/logtail:latest
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
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['latest', 'noTag'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of runningCollectorsOf(w)) {
        if (!c.image || !c.imageNode || !c.image.trim()) continue;
        const pin = imagePin(c.image);
        if (pin !== 'latest' && pin !== 'none') continue;
        ctx.report({
          node: c.imageNode,
          messageId: pin === 'latest' ? 'latest' : 'noTag',
          data: { image: c.image.trim(), container: c.name, example: tagExample(collectorFamily(c) ?? 'logtail', c.image) },
        });
      }
    }
  },
});
