// Which YAML files the Red Hat YAML extension (yaml-language-server) already validates with a
// Kubernetes schema, so that `k8s/schema` and the Kubernetes completion and hover stay out of
// them (docs/duplicate-diagnostics.md). The client sends the file patterns of the `yaml.schemas`
// entries that name a Kubernetes schema (the `kubernetes` keyword or a Kubernetes JSON schema URL)
// when that extension is installed and validates; a `# yaml-language-server: $schema=<url>`
// modeline naming a Kubernetes schema counts too.

/** What the client says (initializationOptions.redHatKubernetes / notification logtailLint/redHatKubernetes); null: Red Hat YAML not active. */
export interface RedHatKubernetes {
  /** The patterns of `yaml.schemas` associated with a Kubernetes schema. */
  globs: string[];
}

export const RED_HAT_KUBERNETES_NOTIFICATION = 'logtailLint/redHatKubernetes';

/** A `yaml.schemas` key that is a Kubernetes schema: the built-in `kubernetes` keyword or a URL/path of Kubernetes JSON schemas. */
export function isKubernetesSchemaKey(key: string): boolean {
  return key.trim().toLowerCase() === 'kubernetes' || /kubernetes-json-schema|kubernetesjsonschema|k8s-json-schema|\/kubernetes\/|\bk8s\b.*\.json/i.test(key);
}

/** `{a,b}` alternatives of a pattern, expanded (bounded). */
function expandBraces(p: string, depth = 0): string[] {
  const m = /\{([^{}]*)\}/.exec(p);
  if (!m || depth > 4) return [p];
  return m[1]!.split(',').flatMap((alt) => expandBraces(p.slice(0, m.index) + alt + p.slice(m.index + m[0].length), depth + 1)).slice(0, 64);
}

/**
 * yaml-language-server's file-pattern association: the pattern, with regular-expression
 * characters escaped and `*` meaning any characters, must match the end of the document URI.
 * Brace alternatives (`*.{yml,yaml}`) are expanded. Built without backtracking hazards: the only
 * quantifier is `.*`, in a pattern anchored at the end.
 */
export function patternMatcher(pattern: string): (uri: string) => boolean {
  const res = expandBraces(pattern.trim()).map((p) => {
    try {
      return new RegExp(p.replace(/[-\\{}+?|^$.,[\]()#\s]/g, '\\$&').replace(/\*+/g, '.*') + '$');
    } catch {
      return undefined;
    }
  });
  return (uri) => res.some((r) => !!r && r.test(uri));
}

const MODELINE = /^#\s*yaml-language-server\s*:\s*\$schema\s*=\s*(\S+)/m;

/** Does the Red Hat YAML extension validate this YAML document with a Kubernetes schema? */
export function redHatValidatesKubernetes(owner: RedHatKubernetes | null | undefined, uri: string, text: string): boolean {
  if (!owner) return false;
  const m = MODELINE.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  if (m) return isKubernetesSchemaKey(m[1]!);
  let path = uri;
  try {
    path = decodeURIComponent(uri);
  } catch {
    /* keep the raw URI */
  }
  return owner.globs.some((g) => patternMatcher(g)(uri) || patternMatcher(g)(path));
}
