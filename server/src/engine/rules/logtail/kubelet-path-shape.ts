import { configPaths, formatKubeletPodPath, parseKubeletPodPath, type ConfigPath, replacePath } from '../../model/logtail-paths';
import { defineRule, title } from '../../rule';
import { sourceOf } from '../../parse/text';

/** In-tree plugin names whose kubelet directory is `kubernetes.io~<name>` (spec §4.3). */
const KNOWN_PLUGINS = new Set(['csi', 'empty-dir', 'nfs', 'configmap', 'secret', 'projected']);
/** Fields whose last segment is a file name (the others are directories). */
const FILE_FIELDS = new Set(['FilePaths', 'ExcludeFilePaths', 'filepath_blacklist']);

const wild = (s: string) => /[*?[]/.test(s);

type Problem = 'slash' | 'noNamespace' | 'noPod' | 'noMount' | 'noTilde';

interface Shape {
  problems: Problem[];
  fixed?: string;
  segment?: string;
}

/** Check `<prefix>/var/lib/kubelet/pods/<x>/volumes/<vendor>~<plugin>/<name>[/mount]/…`; undefined when fine or not such a path. */
function checkShape(p: ConfigPath): Shape | undefined {
  const k = parseKubeletPodPath(p.value);
  if (!k) return undefined;
  let rest = [...k.rest];
  const problems: Problem[] = [];
  // `pods/volumes/kubernetes.io~csi/…`: the pod directory is missing
  if (rest[0] === 'volumes' && rest[1] && (rest[1].includes('~') || rest[1] === 'kubernetes.io' || KNOWN_PLUGINS.has(rest[1]))) {
    problems.push('noPod');
    rest = ['*', ...rest];
  }
  if (rest[1] !== 'volumes') return undefined; // volume-subpaths, containers, … or just the pod directory
  const tail = rest.slice(2);
  const plugin = tail[0];
  if (plugin === undefined || plugin === '' || wild(plugin)) return finish();
  if (plugin === 'kubernetes.io') {
    const next = tail[1];
    if (next === undefined || next === '' || wild(next)) return finish();
    problems.push('slash');
    tail.splice(0, 2, `kubernetes.io~${next}`);
  } else if (KNOWN_PLUGINS.has(plugin)) {
    problems.push('noNamespace');
    tail[0] = `kubernetes.io~${plugin}`;
  } else if (!plugin.includes('~')) {
    return { problems: [...problems, 'noTilde'], segment: plugin };
  }
  if (tail[0] === 'kubernetes.io~csi') {
    const name = tail[1];
    if (name !== undefined && name !== '') {
      const next = tail[2];
      const isFile = FILE_FIELDS.has(p.field);
      const last = tail.length - 1;
      if (next === 'mount') {
        // fine
      } else if (next === undefined || next === '') {
        if (!isFile) {
          problems.push('noMount');
          tail.splice(2, 0, 'mount');
        }
      } else if (isFile && last === 2) {
        // `…/<pv>/<file name>`: the files are in `<pv>/mount/`
        problems.push('noMount');
        tail.splice(2, 0, 'mount');
      } else if (!wild(next)) {
        problems.push('noMount');
        tail.splice(2, 0, 'mount');
      }
    }
  }
  return finish();

  function finish(): Shape | undefined {
    if (!problems.length) return undefined;
    return { problems, fixed: formatKubeletPodPath({ prefix: k!.prefix, rest: [...rest.slice(0, 2), ...tail] }) };
  }
}

export default defineRule({
  id: 'logtail/kubelet-path-shape',
  severity: 'error',
  scope: 'document',
  docs: {
    summary: {
      en: 'A path below `/var/lib/kubelet/pods/<pod>/volumes/` does not have the kubelet\'s shape `volumes/kubernetes.io~<plugin>/<name>/…` (CSI: `…/<PV>/mount/…`).',
      zh: '`/var/lib/kubelet/pods/<pod>/volumes/` 下的路径不符合 kubelet 的目录结构 `volumes/kubernetes.io~<插件>/<名称>/…`（CSI：`…/<PV>/mount/…`）。',
    },
    rationale: {
      en: 'The kubelet keeps each pod volume at `/var/lib/kubelet/pods/<pod-uid>/volumes/<plugin>/<name>`, where the plugin name `kubernetes.io/csi` is escaped to one directory `kubernetes.io~csi` (`/` → `~`), and a CSI volume — which includes PVC-backed volumes such as the ACK disk, NAS and OSS CSI volumes — is mounted one level lower, in `<PV name>/mount`. A path with `kubernetes.io/csi`, a bare `csi`, no pod directory, or a CSI volume without the `mount` segment names a directory that does not exist or does not hold the files, so nothing is collected.',
      zh: 'kubelet 把每个 Pod 卷放在 `/var/lib/kubelet/pods/<pod-uid>/volumes/<插件>/<名称>`，其中插件名 `kubernetes.io/csi` 被转义为一个目录 `kubernetes.io~csi`（`/` → `~`）；CSI 卷（包括基于 PVC 的卷，如 ACK 的云盘、NAS、OSS CSI 卷）还要再下一层，挂载在 `<PV 名称>/mount`。写成 `kubernetes.io/csi`、只写 `csi`、缺少 Pod 目录，或 CSI 卷缺少 `mount` 段的路径，指向不存在或不含日志文件的目录，因此什么也采不到。',
    },
    remediation: {
      en: 'Quick fix **"Correct kubelet volume path"** (safe: it writes the directory the kubelet really uses): `kubernetes.io/<plugin>` → `kubernetes.io~<plugin>`; a bare in-tree plugin name (`csi`, `empty-dir`, `nfs`, `configmap`, `secret`, `projected`) → `kubernetes.io~<plugin>`; a missing pod directory → `*`; for `kubernetes.io~csi/<PV>` inserts `mount` after the PV name (`…/<PV>/mount/`). Other plugin directories need a `~` (`<vendor>~<plugin>`, e.g. a FlexVolume `alicloud~disk`); one without is reported without a fix. Segments with wildcards are not judged: `*` or `**` after the PV name may match `mount`.',
      zh: '快速修复**"修正 kubelet 卷路径"**（安全修复：写入 kubelet 实际使用的目录）：`kubernetes.io/<插件>` → `kubernetes.io~<插件>`；只写内置插件名（`csi`、`empty-dir`、`nfs`、`configmap`、`secret`、`projected`）→ `kubernetes.io~<插件>`；缺少 Pod 目录 → `*`；`kubernetes.io~csi/<PV>` 后插入 `mount`（`…/<PV>/mount/`）。其他插件目录需要含 `~`（`<厂商>~<插件>`，如 FlexVolume 的 `alicloud~disk`），不含 `~` 的报告但不提供修复。含通配符的路径段不做判断：PV 名称后的 `*` 或 `**` 可能匹配 `mount`。',
    },
    notes: {
      en: 'Applies with or without the `/logtail_host` prefix (the prefix itself is logtail/host-path-without-prefix\'s concern, the UID logtail/pod-uid-in-path\'s). A legacy `logPath` that stops at `…/kubernetes.io~csi/<PV>/` is reported although `maxDepth` may let the agent descend into `mount/`: the practice guide\'s path ends in `mount/`, the directory the volume is mounted on. Paths that stop at `volumes/` or at the plugin directory are not judged.',
      zh: '无论有无 `/logtail_host` 前缀都检查（前缀由 logtail/host-path-without-prefix 负责，UID 由 logtail/pod-uid-in-path 负责）。旧版 `logPath` 停在 `…/kubernetes.io~csi/<PV>/` 也会报告，尽管 `maxDepth` 可能让采集器下探到 `mount/`：实践指南的路径以 `mount/` 结尾，这正是卷的挂载目录。停在 `volumes/` 或插件目录的路径不做判断。',
    },
    sources: [{ id: 'guide', section: '配置PVC模式采集' }, 'slsK8sGuide'],
    bad: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-pvc
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-pvc
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io/csi/d-bp1j17ifxfasvts3tf40/
      filePattern: '*.log'
      dockerFile: false
`,
    good: `apiVersion: log.alibabacloud.com/v1alpha1
kind: AliyunLogConfig
metadata:
  name: nginx-log-pvc
spec:
  logstore: nginx-log
  logtailConfig:
    configName: nginx-log-pvc
    inputType: file
    inputDetail:
      logType: common_reg_log
      logPath: /logtail_host/var/lib/kubelet/pods/*/volumes/kubernetes.io~csi/d-bp1j17ifxfasvts3tf40/mount/
      filePattern: '*.log'
      dockerFile: false
`,
  },
  // long texts: messages/<locale>.json, section "$details" (the short ones: the rule's section)
  messages: ['slash', 'noNamespace', 'noPod', 'noMount', 'noTilde'],
  check(ctx) {
    for (const p of configPaths(ctx.configs)) {
      const s = checkShape(p);
      if (!s) continue;
      if (s.problems.includes('noTilde')) {
        ctx.report({ node: p.node, messageId: 'noTilde', data: { field: p.field, path: p.value, segment: s.segment ?? '' } });
        continue;
      }
      const first = s.problems[0] as Exclude<Problem, 'noTilde'>;
      const fixes = s.fixed && s.fixed !== p.value
        ? [{ title: title('Correct kubelet volume path'), kind: 'safe' as const, edits: [replacePath(sourceOf(ctx.file), p.input.config, p.node, s.fixed)] }]
        : [];
      ctx.report({ node: p.node, messageId: first, data: { field: p.field, path: p.value, fixed: s.fixed ?? '' }, fixes });
    }
  },
});
