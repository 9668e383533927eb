import { LOGTAIL_INSTALL_DIR, resolvePath, runningCollectorsOf, storageOfDir } from '../../model/agent-paths';
import { pathCovers } from '../../model/k8s';
import { getPair, isScalar } from '../../parse/nodes';
import { defineRule, title } from '../../rule';

/** Where the fix moves the checkpoint: the directory the collector DaemonSet keeps on a disk of the node (collector/checkpoint-not-persisted). */
const TARGET = '/etc/ilogtail/checkpoint/logtail_check_point';
const DEFAULT = '/tmp/logtail_check_point';
/** Env vars that override the file's checkpoint path (practice guide, Logtail参数配置: the parameter table). */
const OVERRIDING_ENV = new Set(['check_point_filename', 'ALIYUN_LOGTAIL_CHECK_POINT_PATH']);

export default defineRule({
  id: 'startup/checkpoint-in-tmp',
  severity: 'warning',
  scope: 'workspace',
  inputs: ['workloads'],
  docs: {
    summary: {
      en: 'A Logtail startup file keeps the checkpoint under `/tmp` (`check_point_filename`, or its default `/tmp/logtail_check_point` when absent), which a container loses on restart.',
      zh: 'Logtail 启动参数文件把 checkpoint 放在 `/tmp` 下（`check_point_filename`，或未设置时的默认值 `/tmp/logtail_check_point`），容器重启后会丢失。',
    },
    rationale: {
      en: 'Logtail records how far it has read each file in its checkpoint and resumes from there after a restart (practice guide: SLS-Logtail数据采集可靠性). `check_point_filename` defaults to `/tmp/logtail_check_point`. In a container `/tmp` is part of the writable layer: a recreated agent pod starts without checkpoints and collects files again (duplicates) or misses lines (practice guide: Logtail参数配置 "由于Logtail容器重启时可能会因丢失checkpoint信息等而造成采集重复或丢失，如果想要保证采集不丢失，需要将checkpoint等文件持久化存储"). The practice guide moves it to `/var/run/logtail/logtail_check_point`, a directory mounted from the node; `/var/run` is tmpfs on most nodes (lost on a node reboot: collector/checkpoint-on-tmpfs), so the fix uses a directory kept on the node\'s disk, where ACK\'s own logtail-ds mounts its checkpoint (`/etc/ilogtail/checkpoint`).',
      zh: 'Logtail 在 checkpoint 中记录每个文件的读取位置，重启后从该位置继续（实践指南：SLS-Logtail数据采集可靠性）。`check_point_filename` 默认为 `/tmp/logtail_check_point`。在容器中 `/tmp` 属于可写层：重建的采集器 Pod 没有 checkpoint，会重复采集文件或漏采（实践指南：Logtail参数配置"由于Logtail容器重启时可能会因丢失checkpoint信息等而造成采集重复或丢失，如果想要保证采集不丢失，需要将checkpoint等文件持久化存储"）。实践指南把它移到 `/var/run/logtail/logtail_check_point`，该目录从节点挂载；但多数节点上 `/var/run` 是 tmpfs（节点重启即丢失：collector/checkpoint-on-tmpfs），因此修复改用保存在节点磁盘上的目录，即 ACK 自带 logtail-ds 挂载 checkpoint 的位置（`/etc/ilogtail/checkpoint`）。',
    },
    remediation: {
      en: 'Quick fix **"Move checkpoint to /etc/ilogtail/checkpoint/"** sets `check_point_filename` to `/etc/ilogtail/checkpoint/logtail_check_point` (inserting the key when it is absent; an existing alias `check_point_file_path` is changed instead). Then mount a disk directory of the node (hostPath, e.g. `/var/lib/kube-system-logtail-ds/checkpoint`) at `/etc/ilogtail/checkpoint` in the agent container (collector/checkpoint-not-persisted offers that for the DaemonSet). It is a suggestion: the first start after it begins without the old checkpoint. An agent installed on a host (not in a container) keeps `/tmp` across agent restarts; users of that mode can turn this rule off.',
      zh: '快速修复**"将 checkpoint 移到 /etc/ilogtail/checkpoint/"**把 `check_point_filename` 设为 `/etc/ilogtail/checkpoint/logtail_check_point`（未设置时插入该键；若使用的是别名 `check_point_file_path`，则修改它）。随后把节点磁盘上的目录（hostPath，如 `/var/lib/kube-system-logtail-ds/checkpoint`）挂载到采集器容器的 `/etc/ilogtail/checkpoint`（collector/checkpoint-not-persisted 会为 DaemonSet 提供该修复）。它属于建议级：修改后首次启动时没有旧的 checkpoint。直接安装在主机上（非容器）的采集器在重启之间保留 `/tmp`，使用这种方式的用户可以关闭本规则。',
    },
    notes: {
      en: 'Which files: startup parameter files (`ilogtail_config.json`, or a JSON object with startup keys such as `cpu_usage_limit`, standalone or in a ConfigMap). `loongcollector_config.json` (and files under `instance_config/`) are skipped: LoongCollector ignores `check_point_filename` outside Logtail mode and keeps its checkpoint in its data dir; in Logtail mode it reads `ilogtail_config.json`, which is checked. A value is taken from `check_point_filename`, else the alias `check_point_file_path`, resolved against `/usr/local/ilogtail` when relative. An absent key is reported only for a main Alibaba Cloud Logtail file — named `ilogtail_config.json` or carrying the installer-set `config_server_address` / `data_server_list` — not for `config.d/` fragments (merged on top of the main file) and not for files with `default_access_key_id` / `default_access_key` (community editions, whose default is `checkpoint/logtail_check_point` below the install dir); that finding is on the opening `{`. Not reported when a collector container in the file or the workspace sets `check_point_filename` / `ALIYUN_LOGTAIL_CHECK_POINT_PATH` by env (env wins over the file) or mounts a hostPath / PVC / network volume over `/tmp`.',
      zh: '检查的文件：启动参数文件（`ilogtail_config.json`，或含 `cpu_usage_limit` 等启动参数键的 JSON 对象，独立文件或位于 ConfigMap 中）。跳过 `loongcollector_config.json`（及 `instance_config/` 下的文件）：LoongCollector 在非 Logtail 兼容模式下忽略 `check_point_filename`，checkpoint 保存在其数据目录；Logtail 兼容模式下它读取 `ilogtail_config.json`，该文件会被检查。取值依次来自 `check_point_filename`、别名 `check_point_file_path`，相对路径按 `/usr/local/ilogtail` 解析。仅当文件是阿里云 Logtail 的主启动文件——名为 `ilogtail_config.json`，或含安装程序写入的 `config_server_address` / `data_server_list`——时才报告未设置的情况；`config.d/` 片段（合并到主文件之上）与含 `default_access_key_id` / `default_access_key` 的文件（社区版，默认值为安装目录下的 `checkpoint/logtail_check_point`）不报告；该诊断报在开头的 `{` 上。若文件或工作区中的采集器容器通过环境变量设置了 `check_point_filename` / `ALIYUN_LOGTAIL_CHECK_POINT_PATH`（环境变量优先于文件），或在 `/tmp` 上挂载了 hostPath / PVC / 网络卷，则不报告。',
    },
    sources: [{ id: 'guide', section: 'Logtail参数配置; SLS-Logtail数据采集可靠性' }, 'slsStartup', 'ilogtailCheckpoint'],
    language: 'json',
    bad: `{
  "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",
  "data_server_list": [{"cluster": "cn-hangzhou", "endpoint": "cn-hangzhou-intranet.log.aliyuncs.com"}],
  "cpu_usage_limit": 0.4,
  "mem_usage_limit": 384,
  "check_point_filename": "/tmp/logtail_check_point"
}
`,
    good: `{
  "config_server_address": "http://logtail.cn-hangzhou-intranet.log.aliyuncs.com",
  "data_server_list": [{"cluster": "cn-hangzhou", "endpoint": "cn-hangzhou-intranet.log.aliyuncs.com"}],
  "cpu_usage_limit": 0.4,
  "mem_usage_limit": 384,
  "check_point_filename": "/etc/ilogtail/checkpoint/logtail_check_point"
}
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['tmp', 'absent'],
  check(ctx) {
    for (const config of ctx.configs) {
      if (config.kind !== 'startup') continue;
      const where = config.embedded?.key ?? ctx.uri;
      const name = where.replace(/^.*[\\/]/, '');
      if (/loongcollector/i.test(name) || /[\\/]instance_config[\\/]/.test(where)) continue;
      const root = config.root;
      const pair = getPair(root, 'check_point_filename') ?? getPair(root, 'check_point_file_path');
      const fixTitle = title('Move checkpoint to /etc/ilogtail/checkpoint/');
      if (pair) {
        if (!isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
        const path = resolvePath(pair.value.value, LOGTAIL_INSTALL_DIR);
        if (!path || !pathCovers('/tmp', path) || overridden()) continue;
        ctx.report({
          node: pair.value,
          messageId: 'tmp',
          data: { key: String(pair.key.value), path: pair.value.value },
          fixes: [{ title: fixTitle, kind: 'suggestion', edits: [config.edit.replaceScalar(pair.value, TARGET)] }],
        });
        continue;
      }
      if (/[\\/]config\.d[\\/]/.test(where)) continue;
      if (getPair(root, 'default_access_key_id') || getPair(root, 'default_access_key')) continue;
      const main = /^ilogtail_config\.json$/i.test(name) || !!getPair(root, 'config_server_address') || !!getPair(root, 'data_server_list');
      if (!main || overridden()) continue;
      ctx.report({
        node: { start: root.start, end: root.start + 1 },
        messageId: 'absent',
        data: { path: DEFAULT },
        fixes: [{ title: fixTitle, kind: 'suggestion', edits: [config.edit.insertIntoMap(root, { check_point_filename: TARGET })] }],
      });
    }

    /** A collector of the file or workspace sets the checkpoint by env, or persists /tmp. */
    function overridden(): boolean {
      for (const w of ctx.workspace.workloads()) {
        for (const c of runningCollectorsOf(w)) {
          if (c.env.some((e) => OVERRIDING_ENV.has(e.name))) return true;
          const s = storageOfDir(w, c, '/tmp').kind;
          if (s === 'hostPath' || s === 'pvc' || s === 'other') return true;
        }
      }
      return false;
    }
  },
});
