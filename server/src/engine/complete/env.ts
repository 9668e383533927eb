// The environment variables a Logtail / iLogtail / LoongCollector container reads (spec §1.2,
// §1.3 and "Other env vars read by the agent"; seed: Logtail参数配置), with their documentation:
// what they set (from the startup schema where the env var mirrors a startup key), which of env
// and startup file wins, and the minimum agent version.
import { localize, type Locale, type Localized } from '../i18n';
import { term } from '../catalog';
import { SCHEMAS } from '../schemas/index';

type Precedence = 'env-wins' | 'env-wins-min' | 'file-wins' | 'gflag';

export interface EnvVarDoc {
  name: string;
  /** The startup parameter this env var sets (its schema description is reused). */
  key?: string;
  /** Text of its own, when no startup key describes it (or in addition to it). */
  text?: Localized;
  precedence?: Precedence;
  /** For `env-wins-min`: the smallest value the agent accepts from env. */
  min?: string;
  since?: string;
  /** Only LoongCollector reads it. */
  loongOnly?: boolean;
  /** A recommended value (seed paths), offered as the value. */
  example?: string;
  /** Shown first: the variables of the seed and of the DaemonSet templates. */
  common?: boolean;
}

const t = (en: string, zh: string): Localized => ({ en, zh });

const RESOURCE: [string, string, string][] = [
  ['cpu_usage_limit', '0.4', 'Logtail 0.16.32'],
  ['mem_usage_limit', '384', 'Logtail 0.16.32'],
  ['max_bytes_per_sec', '1048576', 'Logtail 0.16.32'],
  ['process_thread_count', '1', 'Logtail 0.16.32'],
  ['send_request_concurrency', '2 (1.x) / 10 (2.x, LoongCollector)', 'Logtail 0.16.32'],
];

/** Startup keys read by `LoadXxxParameter(name, envName)`: the file wins over env [spec §1.2 item 3]. */
const FILE_WINS: [string, string, string?][] = [
  ['check_point_dump_interval', 'ALIYUN_LOGTAIL_CHECKPOINT_DUMP_INTERVAL'],
  ['enable_checkpoint_sync_write', 'ALIYUN_LOGTAIL_ENABLE_CHECKPOINT_SYNC_WRITE'],
  ['discard_old_data', 'ALIYUN_LOGTAIL_DISCARD_OLD_DATA'],
  ['working_ip', 'ALIYUN_LOGTAIL_WORKING_IP'],
  ['working_hostname', 'ALIYUN_LOGTAIL_WORKING_HOSTNAME'],
  ['max_read_buffer_size', 'ALIYUN_LOGTAIL_MAX_READ_BUFFER_SIZE'],
  ['oas_connect_timeout', 'ALIYUN_LOGTAIL_OAS_CONNECT_TIMEOUT'],
  ['oas_request_timeout', 'ALIYUN_LOGTAIL_OAS_REQUEST_TIMEOUT'],
  ['data_server_port', 'ALIYUN_LOGTAIL_DATA_SERVER_PORT'],
  ['enable_log_time_auto_adjust', 'ALIYUN_LOGTAIL_ENABLE_LOG_TIME_AUTO_ADJUST'],
  ['accept_multi_config', 'ALIYUN_LOGTAIL_ACCEPT_MULTI_CONFIG'],
];

function build(): EnvVarDoc[] {
  const out: EnvVarDoc[] = [
    // the three checkpoint-related env vars (Logtail startup parameters)
    { name: 'check_point_filename', key: 'check_point_filename', precedence: 'env-wins', since: 'Logtail 0.16.36', example: '/etc/ilogtail/checkpoint/logtail_check_point', common: true },
    { name: 'ALIYUN_LOGTAIL_CHECK_POINT_PATH', key: 'check_point_filename', precedence: 'env-wins', since: 'Logtail 0.16.36', example: '/etc/ilogtail/checkpoint/logtail_check_point' },
    { name: 'user_config_file_path', key: 'user_config_file_path', precedence: 'file-wins', since: 'Logtail 0.16.56', example: '/etc/ilogtail/checkpoint/user_log_config.json', common: true },
    {
      name: 'ALIYUN_LOGTAIL_USER_CONIFG_PATH',
      key: 'user_config_file_path',
      text: t('The agent reads this misspelled name ("CONIFG", sic).', 'Agent 读取的就是这个拼写错误的名字（"CONIFG"，拼写即如此）。'),
      precedence: 'file-wins',
      since: 'Logtail 0.16.56',
    },
    { name: 'docker_file_cache_path', key: 'docker_file_cache_path', precedence: 'file-wins', since: 'Logtail 0.16.54', example: '/etc/ilogtail/checkpoint/docker_path_config.json', common: true },
    { name: 'ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH', key: 'docker_file_cache_path', precedence: 'file-wins', since: 'Logtail 0.16.54' },
    // where the startup file is, who may configure the agent, machine group
    {
      name: 'ALIYUN_LOGTAIL_CONFIG',
      text: t(
        'Path of the startup parameters file, e.g. `/etc/ilogtail/conf/<region>/ilogtail_config.json` (`<region>-internet` or `<region>-acceleration` for other networks); the directory selects the region\'s endpoints. LoongCollector reads `LOONG_CONFIG` first.',
        '启动参数文件的路径，例如 `/etc/ilogtail/conf/<region>/ilogtail_config.json`（其他网络用 `<region>-internet` 或 `<region>-acceleration`）；目录决定所用地域的服务入口。LoongCollector 优先读取 `LOONG_CONFIG`。',
      ),
      example: '/etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json',
      common: true,
    },
    {
      name: 'LOONG_CONFIG',
      text: t('Path of the startup parameters file (LoongCollector in logtail_mode); read before `ALIYUN_LOGTAIL_CONFIG`.', '启动参数文件的路径（LoongCollector logtail_mode）；优先于 `ALIYUN_LOGTAIL_CONFIG`。'),
      loongOnly: true,
    },
    {
      name: 'ALIYUN_LOGTAIL_USER_ID',
      text: t(
        'Alibaba Cloud account ID(s) (aliuid), comma-separated, whose collection configs this agent accepts; merged with the files `/etc/ilogtail/users/<aliuid>`. Quote it in YAML: it is a string.',
        '阿里云账号 ID（aliuid），多个用逗号分隔，Agent 接受这些账号下发的采集配置；与 `/etc/ilogtail/users/<aliuid>` 文件合并。在 YAML 中请加引号（它是字符串）。',
      ),
      common: true,
    },
    {
      name: 'ALIYUN_LOGTAIL_USER_DEFINED_ID',
      text: t(
        'Custom identifier(s) of the machine group, comma-separated; merged with the file `/etc/ilogtail/user_defined_id`. With the host mounted at `/logtail_host` it also switches the agent into pure container mode, which container discovery needs.',
        '机器组的自定义标识，多个用逗号分隔；与 `/etc/ilogtail/user_defined_id` 文件合并。同时挂载了 `/logtail_host` 时还会使 Agent 进入纯容器模式（容器发现需要）。',
      ),
      common: true,
    },
    {
      name: 'LOONG_USER_DEFINED_ID',
      text: t('Custom identifier(s) of the machine group (LoongCollector name of `ALIYUN_LOGTAIL_USER_DEFINED_ID`).', '机器组的自定义标识（`ALIYUN_LOGTAIL_USER_DEFINED_ID` 在 LoongCollector 中的名字）。'),
      loongOnly: true,
    },
    {
      name: 'ALIYUN_LOG_ENV_TAGS',
      text: t(
        'Pipe-separated (`|`) names of other env vars of this container; each becomes a tag `name=value` on every log, e.g. `_node_name_|_node_ip_` with those two set from the Downward API (gflag `default_env_tag_keys`).',
        '以 `|` 分隔的本容器其他环境变量名；每个变量都会作为 `name=value` 标签加到每条日志上，例如 `_node_name_|_node_ip_`，这两个变量通过 Downward API 设置（gflag `default_env_tag_keys`）。',
      ),
      example: '_node_name_|_node_ip_',
      common: true,
    },
    { name: 'LOONG_ENV_TAGS', text: t('LoongCollector name of `ALIYUN_LOG_ENV_TAGS`: pipe-separated env var names whose values become tags on every log.', '`ALIYUN_LOG_ENV_TAGS` 在 LoongCollector 中的名字：以 `|` 分隔的环境变量名，其值作为标签加到每条日志上。'), loongOnly: true },
    { name: 'ALIYUN_LOG_FILE_TAGS', text: t('File whose tags are added to every log (documented from LoongCollector\'s code; `LOONG_FILE_TAGS` there).', '文件中的标签会加到每条日志上（依据 LoongCollector 代码；其中也可用 `LOONG_FILE_TAGS`）。') },
    { name: 'LOONG_FILE_TAGS', text: t('File whose tags are added to every log (LoongCollector).', '文件中的标签会加到每条日志上（LoongCollector）。'), loongOnly: true },
    { name: 'ALIYUN_LOGTAIL_SYS_CONF_DIR', key: 'logtail_sys_conf_dir', precedence: 'gflag' },
    { name: 'LOGTAIL_MODE', text: t('`true`: LoongCollector uses the Logtail-compatible directory layout and file names (logtail_mode).', '`true`：LoongCollector 使用与 Logtail 兼容的目录结构和文件名（logtail_mode）。'), loongOnly: true },
    { name: 'LOONG_CONF_DIR', key: 'conf_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_LOGS_DIR', key: 'logs_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_DATA_DIR', key: 'data_dir', precedence: 'gflag', loongOnly: true, text: t('The checkpoint (`file_check_point`) and `docker_path_config.json` live here: put it on a host mount or a PVC.', '检查点（`file_check_point`）和 `docker_path_config.json` 都在此目录：请将其放在宿主机挂载或 PVC 上。') },
    { name: 'LOONG_RUN_DIR', key: 'run_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_THIRD_PARTY_DIR', key: 'third_party_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOGTAIL_LOG_LEVEL', text: t('Log level of the agent itself: trace, debug, info, warning, error or fatal.', 'Agent 自身的日志级别：trace、debug、info、warning、error 或 fatal。'), loongOnly: true },
    { name: 'CONTAINERD_SOCK_PATH', text: t('containerd socket used for container discovery (default `/run/containerd/containerd.sock`).', '容器发现使用的 containerd 套接字（默认 `/run/containerd/containerd.sock`）。'), loongOnly: true },
    { name: 'default_access_key_id', key: 'default_access_key_id', precedence: 'gflag' },
    { name: 'default_access_key', key: 'default_access_key', precedence: 'gflag' },
  ];
  for (const [key, min, since] of RESOURCE) {
    out.push({ name: key, key, precedence: 'env-wins-min', min, since, common: key === 'cpu_usage_limit' || key === 'mem_usage_limit' });
    out.push({ name: 'LOONG_' + key.toUpperCase(), key, precedence: 'env-wins-min', min, loongOnly: true });
  }
  for (const [key, envName] of FILE_WINS) {
    out.push({ name: key, key, precedence: 'file-wins' });
    out.push({ name: envName, key, precedence: 'file-wins' });
  }
  return out;
}

export const COLLECTOR_ENV: readonly EnvVarDoc[] = build();
const BY_NAME = new Map(COLLECTOR_ENV.map((e) => [e.name, e]));

export function envDoc(name: string): EnvVarDoc | undefined {
  return BY_NAME.get(name);
}


const label = (locale: Locale, k: string) => term(locale, `env.label.${k}`);

function startupProp(key: string): Record<string, unknown> | undefined {
  const props = SCHEMAS.startup.properties as Record<string, Record<string, unknown>> | undefined;
  return props?.[key];
}

/** Markdown documentation of a collector env var, in the locale. */
export function envMarkdown(e: EnvVarDoc, locale: Locale): string {
  const zh = locale === 'zh-CN'; // the startup schema's own Chinese descriptions (x-description-zh)
  const parts = [`**${e.name}** · ${label(locale, 'env')}`];
  const prop = e.key ? startupProp(e.key) : undefined;
  const desc = prop ? String((zh ? prop['x-description-zh'] : prop.description) ?? prop.description ?? '') : '';
  if (desc) parts.push(desc);
  if (e.text) parts.push(localize(e.text, locale));
  const facts: string[] = [];
  if (e.key) facts.push(`${label(locale, 'key')}: \`${e.key}\``);
  if (e.precedence) facts.push(`${label(locale, 'precedence')}: ${term(locale, `env.precedence.${e.precedence}`, { min: e.min ?? '' })}`);
  const since = e.since ?? (typeof prop?.['x-since'] === 'string' ? (prop['x-since'] as string) : undefined);
  if (since) facts.push(`${label(locale, 'since')}: ${since}`);
  if (e.loongOnly) facts.push(label(locale, 'loong'));
  if (e.example) facts.push(`${label(locale, 'value')}: \`${e.example}\``);
  parts.push(facts.map((f) => `- ${f}`).join('\n'));
  return parts.join('\n\n');
}

/** A short line for a completion item's detail. */
export function envDetail(e: EnvVarDoc, locale: Locale): string {
  const bits = [label(locale, 'env')];
  if (e.precedence === 'env-wins' || e.precedence === 'env-wins-min' || e.precedence === 'gflag') bits.push(term(locale, 'env.wins'));
  if (e.precedence === 'file-wins') bits.push(term(locale, 'env.fileWins'));
  const prop = e.key ? startupProp(e.key) : undefined;
  const since = e.since ?? (typeof prop?.['x-since'] === 'string' ? (prop['x-since'] as string) : undefined);
  if (since) bits.push(`≥ ${since}`);
  if (e.loongOnly) bits.push('LoongCollector');
  return bits.join(' · ');
}
