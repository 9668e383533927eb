/**
 * Documentation placeholders a user copied without filling in: `${your_region_config}`,
 * `<your-project>`, `your_xxx`, `cn-xxx`. Alibaba Cloud's SLS/ACK pages and the iLogtail
 * templates write values this way for the reader to replace.
 */

/** `<your-project>`, `<project>`, `<region id>`, not a regex named group `(?<name>…)` / `\k<name>`. */
const ANGLE = /(^|[^?\\kP])<([A-Za-z][\w .-]*)>/;
/** `${your_region_config}`, `${YOUR_PROJECT}`: a shell-style variable that names the reader. */
const DOLLAR = /\$\{\s*(your|my)[\w.-]*\s*\}/i;
/** `your_xxx`, `your-project`, `yourProject`, `YOUR_AK`. */
const YOUR = /(^|[^A-Za-z])(your|YOUR|Your)([_-][A-Za-z0-9]|[A-Z]|$)/;
/** `xxx`, `cn-xxx`, `xxxx-project` as a word. */
const XXX = /(^|[^A-Za-z])(xxx+|XXX+)($|[^A-Za-z])/;

/** The placeholder text in `value`, if it holds one. */
export function placeholderIn(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const d = DOLLAR.exec(value);
  if (d) return d[0];
  const a = ANGLE.exec(value);
  if (a) return `<${a[2]}>`;
  const y = YOUR.exec(value);
  if (y) return value.slice(y.index + y[1]!.length).match(/^[\w.-]+/)?.[0] ?? y[2];
  const x = XXX.exec(value);
  if (x) return x[2];
  return undefined;
}

export function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && placeholderIn(value) !== undefined;
}
