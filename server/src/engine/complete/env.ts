// The environment variables a Logtail / iLogtail / LoongCollector container reads (spec §1.2,
// §1.3 and "Other env vars read by the agent"; seed: Logtail参数配置), with their documentation:
// what they set (from the startup schema where the env var mirrors a startup key), which of env
// and startup file wins, and the minimum agent version.
import { schemaDescription, type Locale } from '../i18n';
import { catalogText, term } from '../catalog';
import { SCHEMAS } from '../schemas/index';

type Precedence = 'env-wins' | 'env-wins-min' | 'file-wins' | 'gflag';

export interface EnvVarDoc {
  name: string;
  /** The startup parameter this env var sets (its schema description is reused). */
  key?: string;
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
      precedence: 'file-wins',
      since: 'Logtail 0.16.56',
    },
    { name: 'docker_file_cache_path', key: 'docker_file_cache_path', precedence: 'file-wins', since: 'Logtail 0.16.54', example: '/etc/ilogtail/checkpoint/docker_path_config.json', common: true },
    { name: 'ALIYUN_LOGTAIL_DOCKER_FILE_CACHE_PATH', key: 'docker_file_cache_path', precedence: 'file-wins', since: 'Logtail 0.16.54' },
    // where the startup file is, who may configure the agent, machine group
    {
      name: 'ALIYUN_LOGTAIL_CONFIG',
      example: '/etc/ilogtail/conf/cn-hangzhou/ilogtail_config.json',
      common: true,
    },
    {
      name: 'LOONG_CONFIG',
      loongOnly: true,
    },
    {
      name: 'ALIYUN_LOGTAIL_USER_ID',
      common: true,
    },
    {
      name: 'ALIYUN_LOGTAIL_USER_DEFINED_ID',
      common: true,
    },
    {
      name: 'LOONG_USER_DEFINED_ID',
      loongOnly: true,
    },
    {
      name: 'ALIYUN_LOG_ENV_TAGS',
      example: '_node_name_|_node_ip_',
      common: true,
    },
    { name: 'LOONG_ENV_TAGS', loongOnly: true },
    { name: 'ALIYUN_LOG_FILE_TAGS', },
    { name: 'LOONG_FILE_TAGS', loongOnly: true },
    { name: 'ALIYUN_LOGTAIL_SYS_CONF_DIR', key: 'logtail_sys_conf_dir', precedence: 'gflag' },
    { name: 'LOGTAIL_MODE', loongOnly: true },
    { name: 'LOONG_CONF_DIR', key: 'conf_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_LOGS_DIR', key: 'logs_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_DATA_DIR', key: 'data_dir', precedence: 'gflag', loongOnly: true, },
    { name: 'LOONG_RUN_DIR', key: 'run_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOONG_THIRD_PARTY_DIR', key: 'third_party_dir', precedence: 'gflag', loongOnly: true },
    { name: 'LOGTAIL_LOG_LEVEL', loongOnly: true },
    { name: 'CONTAINERD_SOCK_PATH', loongOnly: true },
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


/** The catalog section of the env vars' own texts (Markdown), keyed by the env var's name. */
export const ENV_DOCS = '$env';

const label = (locale: Locale, k: string) => term(locale, `env.label.${k}`);

function startupProp(key: string): Record<string, unknown> | undefined {
  const props = SCHEMAS.startup.properties as Record<string, Record<string, unknown>> | undefined;
  return props?.[key];
}

/** Markdown documentation of a collector env var, in the locale. */
export function envMarkdown(e: EnvVarDoc, locale: Locale): string {
  const parts = [`**${e.name}** · ${label(locale, 'env')}`];
  const prop = e.key ? startupProp(e.key) : undefined;
  const desc = prop ? schemaDescription(prop, locale) : undefined; // the startup schema's description, in its languages
  if (desc) parts.push(desc);
  const text = catalogText(locale, ENV_DOCS, e.name); // a text of its own (catalog section $env), when it has one
  if (text) parts.push(text);
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
