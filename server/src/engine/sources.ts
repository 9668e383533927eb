// The public sources rule pages cite: pages a user can open (Alibaba Cloud SLS/ACK documentation,
// the iLogtail / LoongCollector source at a commit, the Kubernetes documentation) and the
// practice guide the rules come from, named by its title.
import { localize, type Locale, type Localized } from './i18n';
import { term } from './catalog';

export interface Source {
  title: Localized;
  /** Absent only for the practice guide, which is cited by its title. */
  url?: string;
}

export const GUIDE_TITLE = 'Kubernetes 日志落盘及 SLS 日志采集实践';

export const SOURCES = {
  guide: { title: { en: `Practice guide *${GUIDE_TITLE}*`, zh: `实践指南《${GUIDE_TITLE}》` } },
  k8sEmptyDir: { title: { en: 'Kubernetes documentation: Volumes, emptyDir', zh: 'Kubernetes 文档：卷，emptyDir' }, url: 'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir' },
  k8sHostPath: { title: { en: 'Kubernetes documentation: Volumes, hostPath', zh: 'Kubernetes 文档：卷，hostPath' }, url: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath' },
  k8sSubPathExpr: {
    title: { en: 'Kubernetes documentation: Using subPath with expanded environment variables', zh: 'Kubernetes 文档：使用带有扩展环境变量的 subPath' },
    url: 'https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath-with-expanded-environment-variables',
  },
  k8sPvcVolume: { title: { en: 'Kubernetes documentation: Volumes, persistentVolumeClaim', zh: 'Kubernetes 文档：卷，persistentVolumeClaim' }, url: 'https://kubernetes.io/docs/concepts/storage/volumes/#persistentvolumeclaim' },
  k8sAccessModes: { title: { en: 'Kubernetes documentation: Persistent Volumes, access modes', zh: 'Kubernetes 文档：持久卷，访问模式' }, url: 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes' },
  k8sApi: { title: { en: 'Kubernetes API reference', zh: 'Kubernetes API 参考' }, url: 'https://kubernetes.io/docs/reference/kubernetes-api/' },
  k8sSidecar: { title: { en: 'Kubernetes documentation: Sidecar containers', zh: 'Kubernetes 文档：边车容器' }, url: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/' },
  slsStartup: {
    title: { en: 'Alibaba Cloud SLS: Logtail network types, startup parameters, and configuration files', zh: '阿里云日志服务：Logtail 网络类型、启动参数与配置文件' },
    url: 'https://www.alibabacloud.com/help/en/sls/select-a-network-type',
  },
  slsConfigFiles: { title: { en: 'Alibaba Cloud SLS: Logtail configuration files and record files', zh: '阿里云日志服务：Logtail 配置文件和记录文件' }, url: 'https://www.alibabacloud.com/help/doc-detail/91484.htm' },
  slsDaemonSet: {
    title: { en: 'Alibaba Cloud SLS: Collect text logs from Kubernetes containers in DaemonSet mode', zh: '阿里云日志服务：通过 DaemonSet 方式采集 Kubernetes 容器文本日志' },
    url: 'https://www.alibabacloud.com/help/doc-detail/66655.htm',
  },
  slsSidecar: {
    title: { en: 'Alibaba Cloud SLS: Collect Kubernetes text logs with Logtail in Sidecar mode', zh: '阿里云日志服务：采集 K8s 集群文本日志（Sidecar 方式部署 Logtail）' },
    url: 'https://help.aliyun.com/zh/sls/user-guide/collect-k8s-cluster-logs-through-sidecar',
  },
  slsK8sGuide: {
    title: { en: 'Alibaba Cloud SLS: Logtail installation and collection guide for Kubernetes (container file path mapping, /logtail_host)', zh: '阿里云日志服务：K8s 集群场景 Logtail 安装采集指引（容器文件路径映射，/logtail_host）' },
    url: 'https://help.aliyun.com/zh/sls/user-guide/logtail-installation-and-collection-guide-for-k8s-cluster-scenario',
  },
  slsLogtailConfig: { title: { en: 'Alibaba Cloud SLS API: Logtail configurations', zh: '阿里云日志服务 API：Logtail 配置' }, url: 'https://www.alibabacloud.com/help/en/log-service/latest/logtail-configurations' },
  slsCrd: { title: { en: 'Alibaba Cloud SLS: Kubernetes CR parameters (AliyunLogConfig, ClusterAliyunPipelineConfig)', zh: '阿里云日志服务：Kubernetes CR 参数说明' }, url: 'https://help.aliyun.com/zh/sls/kubernetes-cr-parameter-description' },
  lcInputFile: {
    title: { en: 'LoongCollector source: input_file plugin documentation', zh: 'LoongCollector 源码：input_file 插件文档' },
    url: 'https://github.com/alibaba/loongcollector/blob/0a75978c4d230070836e5bcfb3bf9f86fbb69f7c/docs/cn/plugins/input/native/input-file.md',
  },
  ilogtailCheckpoint: {
    title: { en: 'iLogtail source: default check_point_filename /tmp/logtail_check_point (CheckPointManager.cpp, line 32)', zh: 'iLogtail 源码：check_point_filename 默认值 /tmp/logtail_check_point（CheckPointManager.cpp 第 32 行）' },
    url: 'https://github.com/alibaba/ilogtail/blob/3a08ac2258d118ea6f70e31834b3b6d4ee09fecd/core/checkpoint/CheckPointManager.cpp#L32',
  },
  lcForceRelease: {
    title: {
      en: 'LoongCollector source: force_release_deleted_file_fd_timeout, default -1 (LogFileReader.cpp, line 78)',
      zh: 'LoongCollector 源码：force_release_deleted_file_fd_timeout 默认 -1（LogFileReader.cpp 第 78 行）',
    },
    url: 'https://github.com/alibaba/loongcollector/blob/f02d9808578e3ad50b5ee2bc7b9bbdcbac5407a1/core/file_server/reader/LogFileReader.cpp#L78-L80',
  },
  lcEnvFlags: {
    title: {
      en: 'LoongCollector source: env vars set startup flags, after the startup file (AppConfig.cpp, ParseEnvToFlags, line 1438)',
      zh: 'LoongCollector 源码：环境变量设置启动参数，在启动参数文件之后生效（AppConfig.cpp，ParseEnvToFlags，第 1438 行）',
    },
    url: 'https://github.com/alibaba/loongcollector/blob/f02d9808578e3ad50b5ee2bc7b9bbdcbac5407a1/core/app_config/AppConfig.cpp#L1438',
  },
  slsLimits: { title: { en: 'Alibaba Cloud SLS: Logtail limits (file open behavior)', zh: '阿里云日志服务：Logtail 限制说明（文件打开行为）' }, url: 'https://help.aliyun.com/zh/sls/user-guide/logtail-limits' },
} satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

/** A rule's source: a known source, a section of the practice guide, or another page. */
export type SourceRef = SourceId | { id: 'guide'; section: string } | Source;

/** Markdown of one source in a rule page's language: a link with its title (the guide: its title, and the section); English titles where the page has none in that language. */
export function sourceMarkdown(ref: SourceRef, locale: Locale): string {
  if (typeof ref === 'string') {
    const s: Source = SOURCES[ref];
    return s.url ? `[${localize(s.title, locale)}](${s.url})` : localize(s.title, locale);
  }
  if ('id' in ref) return term(locale, 'page.guideSection', { guide: localize(SOURCES.guide.title, locale), section: ref.section });
  return ref.url ? `[${localize(ref.title, locale)}](${ref.url})` : localize(ref.title, locale);
}

/** The web address of a source, if it has one. */
export function sourceUrl(ref: SourceRef): string | undefined {
  if (typeof ref === 'string') return (SOURCES[ref] as Source).url;
  return 'id' in ref ? undefined : ref.url;
}
