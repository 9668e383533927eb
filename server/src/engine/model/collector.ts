import type { Container, Workload } from './k8s';

/**
 * Collector recognition (RULES.md "Objects the engine must recognise"; spec §4.4):
 * a container whose image path ends in `logtail`, `ilogtail` or `loongcollector` (any
 * registry, any tag), or that has an env var named `ALIYUN_LOGTAIL_*` / `LOONG_*`.
 */
export type CollectorFamily =
  /** Alibaba Cloud Logtail (`log-service/logtail`, `acs/logtail`). */
  | 'logtail'
  /** Open-source iLogtail community edition. */
  | 'ilogtail'
  /** LoongCollector (commercial or community). */
  | 'loongcollector';

export interface ImageRef {
  /** Registry host, if any (`registry.cn-hangzhou.aliyuncs.com`). */
  registry?: string;
  /** Repository path without registry (`log-service/logtail`). */
  path: string;
  /** Last path segment (`logtail`). */
  name: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry: string | undefined;
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) registry = parts.shift();
  const path = parts.join('/');
  return { registry, path, name: parts[parts.length - 1] ?? '', tag, digest };
}

/** Every image of a collector family holds one of these words, in any case (the name ends with it). */
const FAMILY_WORD = /logtail|loongcollector/i;

export function imageFamily(image: string | undefined): CollectorFamily | undefined {
  if (!image) return undefined;
  // most images are not collectors: one test instead of parsing the reference (called for every container by several rules)
  if (!FAMILY_WORD.test(image)) return undefined;
  const { name, path } = parseImage(image);
  const n = name.toLowerCase();
  if (n === 'loongcollector' || n.endsWith('loongcollector')) return 'loongcollector';
  if (n === 'ilogtail' || n.endsWith('ilogtail')) return 'ilogtail';
  if (n === 'logtail' || n.endsWith('logtail')) return /community/i.test(path) ? 'ilogtail' : 'logtail';
  return undefined;
}

export function hasCollectorEnv(c: Container): boolean {
  return c.env.some((e) => /^ALIYUN_LOGTAIL_/.test(e.name) || /^LOONG_/.test(e.name));
}

export function isCollector(c: Container): boolean {
  return !!imageFamily(c.image) || hasCollectorEnv(c);
}

/** The family of a collector container; env-only collectors count as Logtail unless a `LOONG_*` var says otherwise. */
export function collectorFamily(c: Container): CollectorFamily | undefined {
  const f = imageFamily(c.image);
  if (f) return f;
  if (c.env.some((e) => /^LOONG_/.test(e.name))) return 'loongcollector';
  if (hasCollectorEnv(c)) return 'logtail';
  return undefined;
}

/** The Alibaba Cloud Logtail image family (`log-service/logtail`, `acs/logtail`), not the community editions. */
export function isAliyunLogtailImage(image: string | undefined): boolean {
  if (!image) return false;
  const { path } = parseImage(image);
  return /(^|\/)(log-service|acs)\/logtail$/.test(path);
}

export type CollectorRole = 'daemonset' | 'sidecar' | 'standalone';

/** DaemonSet collector; sidecar = collector in a pod that also has a non-collector container. */
export function collectorRole(w: Workload, c: Container): CollectorRole {
  if (w.kind === 'DaemonSet') return 'daemonset';
  if (w.containers.some((o) => o !== c && o.section !== 'ephemeralContainers' && !isCollector(o) && !(o.section === 'initContainers' && !o.nativeSidecar))) return 'sidecar';
  return 'standalone';
}

export function collectorsOf(w: Workload): Container[] {
  return w.containers.filter((c) => c.section !== 'ephemeralContainers' && isCollector(c));
}

/**
 * Agent version from an image tag: `v0.16.62.3-da583e0-aliyun` → [0,16,62,3],
 * `v1.8.7.0-aliyun` → [1,8,7,0], `1.8.4` → [1,8,4], `v3.0.12.0-25723a1-aliyun` → [3,0,12,0].
 * `latest`, a digest-only reference or any other form → undefined (not an error).
 */
export function parseAgentVersion(tag: string | undefined): number[] | undefined {
  if (!tag) return undefined;
  const m = /^v?(\d+(?:\.\d+){1,3})(?:[-+_.].*)?$/.exec(tag.trim());
  if (!m) return undefined;
  return m[1]!.split('.').map(Number);
}

/** Negative when a < b, 0 when equal (missing parts count as 0), positive when a > b. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** How an image reference fixes the version it runs: by digest, by a tag, by `latest`, or not at all. */
export type ImagePin = 'digest' | 'tag' | 'latest' | 'none';

export function imagePin(image: string): ImagePin {
  const ref = parseImage(image);
  if (ref.digest) return 'digest';
  if (ref.tag === undefined || ref.tag === '') return 'none';
  if (ref.tag === 'latest') return 'latest';
  return 'tag';
}

/** Is `image` a community (open-source) build (`ilogtail-community-edition/…`, `loongcollector-community-edition/…`)? */
export function isCommunityImage(image: string | undefined): boolean {
  if (!image) return false;
  return /community/i.test(parseImage(image).path);
}

/** A tag in the form the official images of this family use (spec §4.4), for messages. */
export function tagExample(family: CollectorFamily, image: string | undefined): string {
  const path = image ? parseImage(image).path : '';
  if (family === 'ilogtail') return '1.8.4';
  if (family === 'loongcollector') return isCommunityImage(image) ? '3.3.2' : 'v3.0.12.0-25723a1-aliyun';
  if (/(^|\/)acs\/logtail$/.test(path)) return 'v0.16.62.3-da583e0-aliyun';
  return 'v1.8.7.0-aliyun';
}

/** The agent version an image's tag names, with the tag; undefined when the tag is not a version. */
export function imageVersion(image: string | undefined): { tag: string; version: number[] } | undefined {
  if (!image) return undefined;
  const { tag } = parseImage(image);
  const version = parseAgentVersion(tag);
  return tag && version ? { tag, version } : undefined;
}
