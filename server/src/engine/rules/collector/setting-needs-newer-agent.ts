import { compareVersions, imageFamily, imageVersion } from '../../model/collector';
import { runningCollectorsOf } from '../../model/agent-paths';
import { defineRule } from '../../rule';
import { ENV_GATES as GATES } from './_state-files';

export default defineRule({
  id: 'collector/setting-needs-newer-agent',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A Logtail env setting is newer than the Logtail version of the container\'s image tag.',
      zh: 'Logtail 环境变量设置需要比容器镜像标签中的 Logtail 版本更新的版本。',
    },
    rationale: {
      en: 'The practice guide\'s parameter table (Logtail参数配置, 支持版本) gives the first Logtail version that reads each setting: `check_point_filename` / `ALIYUN_LOGTAIL_CHECK_POINT_PATH` 0.16.36, `docker_file_cache_path` 0.16.54, `user_config_file_path` 0.16.56. An older agent ignores the env var and keeps the default path in the container\'s writable layer, so the checkpoint you meant to persist is lost on restart (duplicates or loss) while the manifest looks right.',
      zh: '实践指南参数表（Logtail参数配置，支持版本一列）给出每个参数最早支持的 Logtail 版本：`check_point_filename` / `ALIYUN_LOGTAIL_CHECK_POINT_PATH` 为 0.16.36，`docker_file_cache_path` 为 0.16.54，`user_config_file_path` 为 0.16.56。更早的采集器会忽略该环境变量，继续使用容器可写层中的默认路径：清单看似正确，checkpoint 却在重启后丢失（重复或漏采）。',
    },
    remediation: {
      en: 'Use an image of at least that version (e.g. `log-service/logtail:v1.8.7.0-aliyun`). The version is read from the tag: `v0.16.62.3-da583e0-aliyun` → 0.16.62.3, `v1.8.7.0-aliyun` → 1.8.7.0, `1.8.4` → 1.8.4; `latest`, a digest or any other tag is not a version and is not reported here (collector/image-unpinned reports `latest` and missing tags).',
      zh: '使用不低于该版本的镜像（如 `log-service/logtail:v1.8.7.0-aliyun`）。版本从镜像标签读取：`v0.16.62.3-da583e0-aliyun` → 0.16.62.3，`v1.8.7.0-aliyun` → 1.8.7.0，`1.8.4` → 1.8.4；`latest`、digest 或其他非版本标签不在此报告（`latest` 和缺少标签由 collector/image-unpinned 报告）。',
    },
    notes: {
      en: 'Only images of the Logtail family are checked (a path ending in `logtail`, not a community edition). The gates are Logtail versions: the open-source iLogtail (1.x, 2.x) and LoongCollector (0.x previews, then 3.x) number their releases anew, so their tags are not comparable with 0.16.x (LoongCollector 0.2.0 is newer code than Logtail 0.16.56) and are never reported. A collector recognised by env only has no known version.',
      zh: '只检查 Logtail 系列镜像（路径以 `logtail` 结尾且不是社区版）。这些门槛是 Logtail 的版本号：开源 iLogtail（1.x、2.x）与 LoongCollector（0.x 预览版，之后 3.x）重新编号，其标签与 0.16.x 不可比较（LoongCollector 0.2.0 的代码比 Logtail 0.16.56 新），因此从不报告。只靠环境变量识别的采集器版本未知。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置' }, 'slsStartup'],
    bad: `apiVersion: apps/v1
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
        image: registry.cn-hangzhou.aliyuncs.com/acs/logtail:v0.16.30.0-8f2a1b7-aliyun
        env:
        - name: check_point_filename
          value: /var/run/logtail/logtail_check_point
        volumeMounts:
        - name: run
          mountPath: /var/run
      volumes:
      - name: run
        hostPath:
          path: /var/run
`,
    good: `apiVersion: apps/v1
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
        image: registry.cn-hangzhou.aliyuncs.com/acs/logtail:v0.16.62.3-da583e0-aliyun
        env:
        - name: check_point_filename
          value: /var/run/logtail/logtail_check_point
        volumeMounts:
        - name: run
          mountPath: /var/run
      volumes:
      - name: run
        hostPath:
          path: /var/run
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['tooOld'],
  check(ctx) {
    for (const w of ctx.workloads) {
      for (const c of runningCollectorsOf(w)) {
        if (imageFamily(c.image) !== 'logtail') continue;
        const v = imageVersion(c.image);
        if (!v) continue;
        for (const gate of GATES) {
          if (compareVersions(v.version, gate.since) >= 0) continue;
          for (const e of c.env) {
            if (!gate.names.includes(e.name)) continue;
            ctx.report({
              node: e.nameNode,
              messageId: 'tooOld',
              data: { env: e.name, container: c.name, needed: gate.since.join('.'), tag: v.tag, version: v.version.join('.') },
            });
          }
        }
      }
    }
  },
});
