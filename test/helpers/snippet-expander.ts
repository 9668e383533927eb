// Expands VS Code snippet syntax the way an editor does when the user accepts every default:
// each placeholder takes its default (`${1:default}`, nested placeholders expanded too), each
// choice its FIRST value (`${1|a,b|}`), every mirror (`$1`, `${1}`) the value of its
// placeholder, `$0` nothing, and variables (`$TM_FILENAME`, `${VAR:default}`) their default or
// nothing. Escapes: `\$`, `\}`, `\\` (and `\,` `\|` inside choices) become the character.
// Grammar: https://code.visualstudio.com/docs/editor/userdefinedsnippets#_grammar

type Part =
  | { t: 'text'; value: string }
  | { t: 'tabstop'; index: number; children?: Part[]; choices?: string[]; transform?: Transform }
  | { t: 'variable'; name: string; children?: Part[]; transform?: Transform };

interface Transform {
  regex: string;
  format: string;
  options: string;
}

export class SnippetSyntaxError extends Error {}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  /** Parse until end of input, or (nested) until an unescaped `}`. */
  parse(nested: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ t: 'text', value: text });
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '\\') {
        const n = this.s[this.i + 1];
        // Only `$`, `}` and `\` are escapable in text; any other backslash is literal.
        if (n === '$' || n === '}' || n === '\\') {
          text += n;
          this.i += 2;
        } else {
          text += c;
          this.i++;
        }
        continue;
      }
      if (c === '}' && nested) {
        flush();
        return parts;
      }
      if (c === '$') {
        const p = this.dollar();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
        text += c;
        this.i++;
        continue;
      }
      text += c;
      this.i++;
    }
    if (nested) throw new SnippetSyntaxError(`unterminated \${…} in ${JSON.stringify(this.s)}`);
    flush();
    return parts;
  }

  /** At a `$`: a tabstop, placeholder, choice or variable, or undefined when `$` is literal. */
  private dollar(): Part | undefined {
    const s = this.s;
    const start = this.i;
    let m = /^\$(\d+)/.exec(s.slice(start));
    if (m) {
      this.i += m[0].length;
      return { t: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(s.slice(start));
    if (m) {
      this.i += m[0].length;
      return { t: 'variable', name: m[1]! };
    }
    if (s[start + 1] !== '{') return undefined;
    m = /^\$\{(\d+)/.exec(s.slice(start));
    if (m) {
      this.i += m[0].length;
      const index = Number(m[1]);
      const c = s[this.i];
      if (c === '}') {
        this.i++;
        return { t: 'tabstop', index };
      }
      if (c === ':') {
        this.i++;
        const children = this.parse(true);
        this.i++; // the closing }
        return { t: 'tabstop', index, children };
      }
      if (c === '|') {
        this.i++;
        const choices: string[] = [];
        let cur = '';
        while (this.i < s.length) {
          const d = s[this.i]!;
          if (d === '\\' && (s[this.i + 1] === ',' || s[this.i + 1] === '|' || s[this.i + 1] === '\\')) {
            cur += s[this.i + 1];
            this.i += 2;
            continue;
          }
          if (d === ',') {
            choices.push(cur);
            cur = '';
            this.i++;
            continue;
          }
          if (d === '|' && s[this.i + 1] === '}') {
            choices.push(cur);
            this.i += 2;
            if (choices.some((x) => x === '')) throw new SnippetSyntaxError(`empty choice value in ${JSON.stringify(s.slice(start, this.i))} (VS Code inserts such a choice as literal text)`);
            return { t: 'tabstop', index, choices };
          }
          cur += d;
          this.i++;
        }
        throw new SnippetSyntaxError(`unterminated choice in ${JSON.stringify(s)}`);
      }
      if (c === '/') {
        this.i++;
        const transform = this.transform();
        return { t: 'tabstop', index, transform };
      }
      throw new SnippetSyntaxError(`bad tabstop at ${start} in ${JSON.stringify(s)}`);
    }
    m = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)/.exec(s.slice(start));
    if (m) {
      this.i += m[0].length;
      const name = m[1]!;
      const c = s[this.i];
      if (c === '}') {
        this.i++;
        return { t: 'variable', name };
      }
      if (c === ':') {
        this.i++;
        const children = this.parse(true);
        this.i++;
        return { t: 'variable', name, children };
      }
      if (c === '/') {
        this.i++;
        return { t: 'variable', name, transform: this.transform() };
      }
      throw new SnippetSyntaxError(`bad variable at ${start} in ${JSON.stringify(s)}`);
    }
    return undefined;
  }

  private transform(): Transform {
    const read = (): string => {
      let out = '';
      while (this.i < this.s.length) {
        const d = this.s[this.i]!;
        if (d === '\\' && this.s[this.i + 1] === '/') {
          out += '/';
          this.i += 2;
          continue;
        }
        if (d === '/') {
          this.i++;
          return out;
        }
        out += d;
        this.i++;
      }
      throw new SnippetSyntaxError(`unterminated transform in ${JSON.stringify(this.s)}`);
    };
    const regex = read();
    const format = read();
    let options = '';
    while (this.i < this.s.length && this.s[this.i] !== '}') options += this.s[this.i++];
    this.i++;
    return { regex, format, options };
  }
}

function applyTransform(value: string, t: Transform): string {
  const re = new RegExp(t.regex, t.options);
  return value.replace(re, (...groups: unknown[]) =>
    t.format.replace(/\$(\d+)|\$\{(\d+)(?::([^}]*))?\}/g, (_m, a: string | undefined, b: string | undefined, dflt: string | undefined) => {
      const g = groups[Number(a ?? b)];
      return typeof g === 'string' && g !== '' ? g : (dflt ?? '');
    }),
  );
}

export function parseSnippet(body: string): Part[] {
  return new Parser(body).parse(false);
}

/** Expand a snippet body (the lines joined with `\n`) with every default and first choice. */
export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const parts = parseSnippet(text);
  // The value of each tabstop: the first placeholder (in document order) with a default or choices.
  const defs = new Map<number, Part[] | string>();
  const collect = (ps: Part[]) => {
    for (const p of ps) {
      if (p.t === 'tabstop') {
        if (!defs.has(p.index)) {
          if (p.choices) defs.set(p.index, p.choices[0]!);
          else if (p.children) defs.set(p.index, p.children);
        }
        if (p.children) collect(p.children);
      } else if (p.t === 'variable' && p.children) collect(p.children);
    }
  };
  collect(parts);
  const rendering = new Set<number>();
  const render = (ps: Part[]): string =>
    ps
      .map((p) => {
        if (p.t === 'text') return p.value;
        if (p.t === 'variable') {
          const v = p.children ? render(p.children) : '';
          return p.transform ? applyTransform(v, p.transform) : v;
        }
        if (p.index === 0 && !p.children && !p.choices) return '';
        const d = defs.get(p.index);
        let v = '';
        if (typeof d === 'string') v = d;
        else if (d) {
          if (rendering.has(p.index)) throw new SnippetSyntaxError(`placeholder $${p.index} contains itself`);
          rendering.add(p.index);
          v = render(d);
          rendering.delete(p.index);
        }
        return p.transform ? applyTransform(v, p.transform) : v;
      })
      .join('');
  return render(parts);
}

/**
 * Insert `expanded` where `marker` stands in `host`, as VS Code inserts a multi-line snippet:
 * the first line goes at the cursor, every following line gets the indentation of the
 * cursor's line.
 */
export function insertAtMarker(host: string, marker: string, expanded: string): string {
  const at = host.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in host`);
  const lineStart = host.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(host.slice(lineStart))![0];
  const text = expanded.replace(/\n/g, '\n' + indent);
  return host.slice(0, at) + text + host.slice(at + marker.length);
}
