// The words of a Kubernetes field in completion and hover. Its description comes from the
// upstream OpenAPI definitions (schemas/kubernetes/), which are English only. Where that is not
// the reader's language, the catalog of the language may hold a short description of its own for
// the fields the rules talk about (section `$k8s`, keyed `<Definition>.<property>`, e.g.
// `EmptyDirVolumeSource.medium`; a map entry as `<Definition>.<property>.<key>`): it comes first,
// then the upstream text under a label saying what it is. Other fields get the upstream text after
// a note from the catalog. The "More info: <url>" of an upstream text becomes a link with a label
// from the catalog, in every language.
import { CATALOGS, term } from '../catalog';
import { hasLanguage, type Locale, type Localized } from '../i18n';
import { k8sDefinitions } from '../schemas/kubernetes';

/** Catalog section of the fields' own descriptions. */
export const K8S_FIELDS = '$k8s';

let keys: WeakMap<object, string> | undefined;

/** Every described schema of the Kubernetes definitions → its key (`Definition.property`, or `Definition`). */
function fieldKeys(): WeakMap<object, string> {
  if (keys) return keys;
  keys = new WeakMap();
  const defs = (k8sDefinitions().definitions ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, def] of Object.entries(defs)) {
    const short = name.replace(/^I(?=[A-Z])/, ''); // the generator's interface names: IEmptyDirVolumeSource
    if (typeof def.description === 'string') keys.set(def, short);
    const props = def.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [p, s] of Object.entries(props ?? {})) if (s && typeof s === 'object') keys.set(s, `${short}.${p}`);
  }
  return keys;
}

/** The key of a described schema of the Kubernetes definitions (undefined for any other schema). */
export function k8sFieldKey(schema: object | undefined): string | undefined {
  return schema ? fieldKeys().get(schema) : undefined;
}

/** Every key the definitions have (tests: each `$k8s` entry names a real field). */
export function k8sFieldKeys(): Set<string> {
  const out = new Set<string>();
  const defs = (k8sDefinitions().definitions ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, def] of Object.entries(defs)) {
    const short = name.replace(/^I(?=[A-Z])/, '');
    out.add(short);
    for (const p of Object.keys((def.properties as object | undefined) ?? {})) out.add(`${short}.${p}`);
  }
  return out;
}

/** The upstream description in every language it is written in (English; `x-description-<tag>` where a schema has one). */
function upstreamTexts(schema: Record<string, unknown>): Localized {
  const t: Record<string, string> = { en: String(schema.description) };
  for (const [k, v] of Object.entries(schema)) if (k.startsWith('x-description-') && typeof v === 'string') t[k.slice('x-description-'.length)] = v;
  return t as Localized;
}

const MORE_INFO = /\s*More info:\s*(https?:\/\/[^\s)]+?)(?=[.,;]?(?:\s|$))[.,;]?/g;

/** An upstream text without its "More info: <url>" sentences, and those URLs. */
function splitLinks(text: string): { text: string; links: string[] } {
  const links: string[] = [];
  const rest = text.replace(MORE_INFO, (_m, url: string) => {
    if (!links.includes(url)) links.push(url);
    return '';
  });
  return { text: rest.trim(), links };
}

/**
 * The Markdown description of a Kubernetes field in `locale`: undefined when `schema` is not a
 * described schema of the Kubernetes definitions (the caller shows what it shows for others).
 * `entryKey`: the key of a map entry (`ResourceRequirements.limits.ephemeral-storage`), whose
 * schema is the map's value type.
 */
export function k8sFieldMarkdown(schema: Record<string, unknown> | undefined, locale: Locale, entryKey?: string): string | undefined {
  const key = entryKey ?? k8sFieldKey(schema);
  if (!key) return undefined;
  const upstream = schema && typeof schema.description === 'string' ? upstreamTexts(schema) : undefined;
  const own = CATALOGS[locale]?.[K8S_FIELDS]?.[key];
  if (upstream && hasLanguage(upstream, locale) && !(entryKey && own)) {
    const { text, links } = splitLinks(upstream[locale] ?? upstream[locale.split('-')[0]!]!);
    return withLinks(text, links, locale);
  }
  // the upstream text is not in this language (or says nothing about the map entry)
  const english = upstream ? splitLinks(upstream.en) : { text: '', links: [] };
  const out: string[] = [];
  if (own) out.push(own);
  if (english.text && !(entryKey && own)) out.push(`${term(locale, own ? 'k8s.upstream' : 'k8s.upstreamOnly')}\n\n${quote(english.text)}`);
  if (!out.length) return undefined;
  return withLinks(out.join('\n\n'), english.links, locale);
}

const quote = (s: string) => s.split('\n').map((l) => `> ${l}`).join('\n');

function withLinks(text: string, links: readonly string[], locale: Locale): string {
  if (!links.length) return text;
  return `${text}\n\n${links.map((u) => `[${term(locale, 'k8s.docs')}](${u})`).join(' · ')}`;
}
