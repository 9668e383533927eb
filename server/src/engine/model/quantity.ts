/**
 * Kubernetes resource quantities (`resources.limits.memory` and friends), as the API server
 * parses them (k8s.io/apimachinery `resource.Quantity`):
 *
 *   <quantity>     ::= <signedNumber><suffix>
 *   <number>       ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 *   <suffix>       ::= <binarySI> | <decimalExponent> | <decimalSI>
 *   <binarySI>     ::= Ki | Mi | Gi | Ti | Pi | Ei
 *   <decimalSI>    ::= n | u | m | "" | k | M | G | T | P | E
 *   <decimalExp.>  ::= e<signedNumber> | E<signedNumber>
 *
 * So `512Mi`, `1G`, `1e9`, `2048M`, `1.5Gi`, `100m` (0.1) and plain `1073741824` are valid;
 * `512MI`, `1gb`, `512 Mi` are not (the API server rejects the object).
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const NUMBER = '(?:\\d+(?:\\.\\d*)?|\\.\\d+)';
const SUFFIX = '(?:Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\\d+|n|u|m|k|M|G|T|P|E)';
const QUANTITY = new RegExp(`^([+-]?${NUMBER})(${SUFFIX.slice(3, -1)})?$`);

/**
 * The same grammar for a size (no sign: a size is never negative), as a JSON Schema `pattern`.
 * The settings schema (package.json `logtailLint.emptyDirSizeLimit`) and the configuration
 * file schema (schemas/logtail-lint-config.schema.json) carry this exact string; a test keeps
 * them equal. `512Ki` matches, `512ki` and `512MI` do not.
 */
export const SIZE_QUANTITY_PATTERN = `^${NUMBER}${SUFFIX}?$`;
const SIZE_QUANTITY = new RegExp(SIZE_QUANTITY_PATTERN);

/** Is `text` a size quantity the API server accepts (`SIZE_QUANTITY_PATTERN`)? */
export function isSizeQuantity(text: unknown): text is string {
  return typeof text === 'string' && SIZE_QUANTITY.test(text) && parseQuantity(text)?.ok === true;
}

/** The default `sizeLimit` the emptyDir fixes insert. */
export const DEFAULT_SIZE_LIMIT = '1Gi';

/** The `sizeLimit` a fix may write: the setting when it is a valid size, else the default (never an invalid quantity). */
export function sizeLimitOf(setting: string | undefined): string {
  return isSizeQuantity(setting) ? setting : DEFAULT_SIZE_LIMIT;
}

export type QuantityParse = { ok: true; value: number; text: string } | { ok: false; text: string };

/** Parse a quantity. `value` is in base units (bytes for memory, cores for cpu). */
export function parseQuantity(raw: string | number | undefined | null): QuantityParse | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = typeof raw === 'number' ? String(raw) : raw;
  const m = QUANTITY.exec(text);
  if (!m) return { ok: false, text };
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  let factor: number;
  if (suffix in BINARY) factor = BINARY[suffix]!;
  else if (/^[eE][+-]?\d+$/.test(suffix)) factor = 10 ** Number(suffix.slice(1));
  else factor = DECIMAL[suffix]!;
  const value = n * factor;
  if (!Number.isFinite(value)) return { ok: false, text };
  return { ok: true, value, text };
}

/**
 * The quantity the user evidently meant when only the letter case of a binary suffix is wrong
 * (`512MI`, `1gi`, `64ki` → `512Mi`, `1Gi`, `64Ki`); undefined when the intent is not clear
 * (`1gb`, `512MB`: decimal or binary?).
 */
export function correctQuantityCase(text: string): string | undefined {
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([kKmMgGtTpPeE][iI])$/.exec(text.trim());
  if (!m) return undefined;
  const fixed = m[1]! + m[2]![0]!.toUpperCase() + 'i';
  return fixed !== text && parseQuantity(fixed)?.ok ? fixed : undefined;
}

/** Bytes as a short human text: `536870912` → `512Mi`, `1000000000` → `1G`, else plain bytes. */
export function formatBytes(bytes: number): string {
  for (const [s, f] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (bytes >= f && Number.isInteger(bytes / f)) return `${bytes / f}${s}`;
  }
  for (const [s, f] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (bytes >= f && Number.isInteger(bytes / f)) return `${bytes / f}${s}`;
  }
  return String(Math.round(bytes * 1000) / 1000);
}

/** Bytes in MiB (the agent's "MB") as text, rounded to one decimal (`<0.1` below that). */
export function toMiB(bytes: number): string {
  const mib = Math.round((bytes / 2 ** 20) * 10) / 10;
  return mib === 0 && bytes > 0 ? '<0.1' : String(mib);
}
