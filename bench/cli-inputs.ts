// The inputs and the floor program of bench/cli-ratio.sh (the same as bench/engine.bench.ts writes):
//   tsx bench/cli-inputs.ts   → bench/out/manifest-{100,500,2000,8000}.yaml, bench/out/ws-2000/, bench/out/parse-floor.cjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { floorProgram, manifest, workspaceDir } from './gen';

const OUT = join(resolve(__dirname, '..'), 'bench', 'out');
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'parse-floor.cjs'), floorProgram(require.resolve('yaml')));
for (const n of [100, 500, 2000, 8000]) writeFileSync(join(OUT, `manifest-${n}.yaml`), manifest(n));
workspaceDir(join(OUT, 'ws-2000'), 2000);
