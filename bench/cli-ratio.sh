#!/bin/bash
# The CLI's cold-lint figures of issue 9, interleaved: the floor process (node start-up, read the
# files, yaml's parseAllDocuments; bench/gen.ts floorProgram) vs the CLI process on the same input,
# RUNS runs each (default 7; 5 for a folder). Prints every run, min and median, and the ratio of the
# medians. Run it under the lock:  flock /work/coord/test.lock bash bench/cli-ratio.sh [inputs…]
# (default inputs: the 500-document file and the folder of 2,000 small files; bench/cli-inputs.ts
# writes them and the floor program under bench/out/ when missing). BASE=path/to/other/cli.js also
# runs that build, interleaved, for a before/after comparison in the same run.
cd "$(dirname "$0")/.."
[ -f bench/out/parse-floor.cjs ] && [ -f bench/out/manifest-8000.yaml ] && [ -d bench/out/ws-2000 ] || npx tsx bench/cli-inputs.ts
targets=("$@"); [ ${#targets[@]} -eq 0 ] && targets=(bench/out/manifest-500.yaml bench/out/ws-2000)
uptime
for target in "${targets[@]}"; do
  runs=${RUNS:-7}; [ -d "$target" ] && runs=${RUNS:-5}
  f=(); c=(); b=()
  for i in $(seq $runs); do
    s=$(date +%s%N); node bench/out/parse-floor.cjs $target; e=$(date +%s%N); f+=($(( (e-s)/1000000 )))
    s=$(date +%s%N); node dist/cli.js $target > /dev/null; e=$(date +%s%N); c+=($(( (e-s)/1000000 )))
    if [ -n "$BASE" ]; then s=$(date +%s%N); node "$BASE" $target > /dev/null; e=$(date +%s%N); b+=($(( (e-s)/1000000 ))); fi
  done
  pick() { printf '%s\n' "$@" | sort -n | sed -n "${k}p"; }
  k=1; fmin=$(pick "${f[@]}"); cmin=$(pick "${c[@]}")
  k=$(( (runs+1)/2 )); fm=$(pick "${f[@]}"); cm=$(pick "${c[@]}")
  echo "$target floor ${f[*]} (min $fmin, median $fm) cli ${c[*]} (min $cmin, median $cm) ratio $(echo "scale=2; $cm/$fm" | bc) (min/min $(echo "scale=2; $cmin/$fmin" | bc))"
  if [ -n "$BASE" ]; then k=1; bmin=$(pick "${b[@]}"); k=$(( (runs+1)/2 )); bm=$(pick "${b[@]}"); echo "  base $BASE ${b[*]} (min $bmin, median $bm) ratio $(echo "scale=2; $bm/$fm" | bc)"; fi
done
uptime
