#!/bin/bash
# interleaved: floor process vs CLI process, 7 runs each, 500 documents; 5 runs for 2,000 files
# Needs the inputs and the floor program that `tsx bench/engine.bench.ts` writes under bench/out/.
cd "$(dirname "$0")/.."
uptime
for target in bench/out/manifest-500.yaml bench/out/ws-2000; do
  runs=7; [ "$target" = bench/out/ws-2000 ] && runs=5
  f=(); c=()
  for i in $(seq $runs); do
    s=$(date +%s%N); node bench/out/parse-floor.cjs $target; e=$(date +%s%N); f+=($(( (e-s)/1000000 )))
    s=$(date +%s%N); node dist/cli.js $target > /dev/null; e=$(date +%s%N); c+=($(( (e-s)/1000000 )))
  done
  fm=$(printf '%s\n' "${f[@]}" | sort -n | sed -n "$(( (runs+1)/2 ))p"); cm=$(printf '%s\n' "${c[@]}" | sort -n | sed -n "$(( (runs+1)/2 ))p")
  echo "$target floor ${f[*]} (median $fm) cli ${c[*]} (median $cm) ratio $(echo "scale=2; $cm/$fm" | bc)"
done
uptime
