/**
 * The agent's own resource limits set by env (spec §1.2 #1, §1.3): `cpu_usage_limit` (cores) and `mem_usage_limit` (MB),
 * LoongCollector also `LOONG_CPU_USAGE_LIMIT` / `LOONG_MEM_USAGE_LIMIT`. An env value is applied only when it is at
 * least the hard-coded minimum (cpu 0.4, mem 384); below it the agent silently ignores it.
 */
import { collectorFamily } from './collector';
import { envLiteral, settingEnvNames } from './agent-paths';
import type { Container, EnvVar } from './k8s';

export type LimitKind = 'cpu' | 'mem';

export const ENV_MINIMUM: Record<LimitKind, number> = { cpu: 0.4, mem: 384 };

export interface LimitEnv {
  kind: LimitKind;
  env: EnvVar;
  /** The literal text (after `$(VAR)` expansion). */
  text: string;
  /** The number, when the text is one. */
  value?: number;
}

/** Env names of a limit for this container's family. */
export function limitEnvNames(kind: LimitKind, c: Container): string[] {
  return settingEnvNames(kind === 'cpu' ? 'cpu_usage_limit' : 'mem_usage_limit', collectorFamily(c));
}

/** Every env var of `c` that sets one of the agent's resource limits with a literal value. */
export function limitEnvsOf(c: Container): LimitEnv[] {
  const out: LimitEnv[] = [];
  for (const kind of ['cpu', 'mem'] as const) {
    const names = limitEnvNames(kind, c);
    for (const env of c.env) {
      if (!names.includes(env.name)) continue;
      const text = envLiteral(c, env);
      if (text === undefined) continue;
      const t = text.trim();
      const value = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
      out.push({ kind, env, text, value });
    }
  }
  return out;
}
