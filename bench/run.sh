#!/usr/bin/env bash
# Runs every Meltica benchmark on this machine, one after another, and writes
# bench/results/latest.json (machine, JDK, command, fanout, latency, pool, parallel_efficiency,
# targets, cross_node). Numbers are recorded, never gated; docs/performance.md explains them.
#
#   bench/run.sh --quick   under 3 minutes on 2 cores: 1 s JMH iterations, 2 s latency windows
#   bench/run.sh --full    about 12 minutes: numbers worth quoting; also saved as
#                          bench/results/full-<date>.json
#
# Builds what it needs with Maven (tests skipped). Check `uptime` first: other processes' load
# shows up in every figure.
set -euo pipefail

usage() {
  echo "usage: bench/run.sh [--quick | --full]"
}

mode=quick
case "${1:---quick}" in
  --quick) mode=quick ;;
  --full) mode=full ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results=bench/results
jar=bench/target/benchmarks.jar
load_before="$(cat /proc/loadavg 2>/dev/null || uptime)"
started=$(date +%s)

echo "== build (tests skipped)"
mvn -B -q package -pl bench -am -DskipTests -Djacoco.skip -Dspotless.check.skip

if [ "$mode" = full ]; then
  jmh_options=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
else
  jmh_options=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
fi
harness_heap=(-Xms2g -Xmx2g)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== JMH: fan-out and pool (${jmh_options[*]} -prof gc)"
java -jar "$jar" 'io\.meltica\.bench\.(fanout|pool)\..*' "${jmh_options[@]}" -foe true \
  -prof gc -rf json -rff "$tmp/jmh.json" | tee "$tmp/jmh.log" \
  | grep -E '^(# (Benchmark|Parameters):|Benchmark |([a-z]\.)*[A-Za-z]+Benchmark\.[a-zA-Z]+(:deliveries|:gc\.alloc\.rate\.norm)? )' || true
if [ ! -s "$tmp/jmh.json" ]; then
  echo "run.sh: JMH wrote no results; its log:" >&2
  tail -50 "$tmp/jmh.log" >&2
  exit 1
fi

echo "== latency and parallel-efficiency harness ($mode)"
java "${harness_heap[@]}" -cp "$jar" io.meltica.bench.HarnessMain --mode "$mode" --out "$tmp/harness.json"

echo "== cross-node: two cluster nodes on loopback ($mode)"
java "${harness_heap[@]}" -cp "$jar" io.meltica.bench.cluster.CrossNodeMain --mode "$mode" \
  --out "$tmp/cross.json" | grep -E '^cross-node' || true
if [ ! -s "$tmp/cross.json" ]; then
  echo "run.sh: the cross-node benchmark wrote no results" >&2
  exit 1
fi

echo "== merge"
mkdir -p "$results"
command="bench/run.sh --$mode (JMH: ${jmh_options[*]} -prof gc; harness: HarnessMain --mode $mode ${harness_heap[*]})"
java -cp "$jar" io.meltica.bench.report.ResultsMerger \
  --jmh "$tmp/jmh.json" --harness "$tmp/harness.json" --cross "$tmp/cross.json" \
  --uname "$(uname -a)" --jdk "$(java -version 2>&1 | tr '\n' ' ')" \
  --command "$command" --load-before "$load_before" --out "$results/latest.json"
if [ "$mode" = full ]; then
  cp "$results/latest.json" "$results/full-$(date +%F).json"
  echo "saved $results/full-$(date +%F).json"
fi
echo "== done in $(( $(date +%s) - started )) s"
