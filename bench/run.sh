#!/usr/bin/env bash
# Runs every Meltica benchmark on this machine, one after another, and writes
# bench/results/latest.json (machine, JDK, command, fanout, fanout_rounds, latency, pool,
# parallel_efficiency, consumer_wrapping, targets, cross_node). Numbers are recorded, never gated;
# docs/performance.md explains them.
#
#   bench/run.sh --quick   under 3 minutes on 2 cores, build done (about 2.5 min expected):
#                          - fan-out ratio rounds: 3 rounds of FanOutBenchmark at N = 10, one
#                            JMH fork per implementation (meltica, pekko-plain, disruptor), the
#                            order rotated per round; 1 s warm-up + 2 × 1 s iterations, -prof gc
#                          - single pass, 1 s warm-up + 1 × 1 s iteration, -prof gc: fan-out at
#                            N = 1 and 50 (N = 5 only in --full), pekko-bare-tell at N = 10 (the
#                            bytes baseline), ConsumerWrappingBenchmark, the pool benchmarks
#                          - latency/efficiency harness and cross-node run, 2-3 s windows
#   bench/run.sh --full    about 16 minutes: numbers worth quoting; 5 rounds, every N, 3 × 2 s
#                          warm-up + 5 × 2 s iterations everywhere; also saved as
#                          bench/results/full-<date>.json
#   --rounds R             R interleaved rounds instead of 3 (quick) or 5 (full)
#   --soak                 also the 10-minute soak (50k events/s, 10 strategies, heap after a full
#                          GC every minute: the "heap flat" target); adds about 11 minutes
#
# Why rounds: one sequential pass measures each implementation once, so whatever else the machine
# does at that moment lands on one side of a ratio only (Meltica ÷ plain Pekko moved 8× between
# runs). Rotated rounds of one fork each spread it over every side, and latest.json records each
# round's ratios, their median, min, max and spread, and the load average around every fork.
#
# Builds what it needs with Maven (tests skipped). Check `uptime` first: other processes' load
# shows up in every figure.
set -euo pipefail

usage() {
  echo "usage: bench/run.sh [--quick | --full] [--rounds R] [--soak]"
}

mode=quick
rounds=
soak_minutes=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    # Plumbing check, not documented in usage: JMH at -wi 0 -i 1 -r 100ms, no build, no harness
    # or cross-node run (the harness test sample stands in), output kept in a temporary folder.
    --smoke) mode=smoke ;;
    --rounds)
      if [ $# -lt 2 ]; then
        usage >&2
        exit 2
      fi
      rounds="$2"
      shift
      ;;
    --soak) soak_minutes=10 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done
case "$mode" in
  quick) rounds="${rounds:-3}" ;;
  full) rounds="${rounds:-5}" ;;
  smoke) rounds="${rounds:-3}" ;;
esac
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: --rounds needs a positive number, got '$rounds'" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results=bench/results
jar=bench/target/benchmarks.jar
loadavg() {
  cat /proc/loadavg 2>/dev/null || uptime
}
load_before="$(loadavg)"
started=$(date +%s)

if [ "$mode" = smoke ]; then
  if [ ! -s "$jar" ]; then
    echo "run.sh: --smoke needs $jar built (mvn package -pl bench)" >&2
    exit 1
  fi
  # Never bench/results: a smoke run's numbers mean nothing.
  results="$(mktemp -d "${TMPDIR:-/tmp}/meltica-bench-smoke.XXXXXX")"
else
  echo "== build (tests skipped)"
  mvn -B -q package -pl bench -am -DskipTests -Djacoco.skip -Dspotless.check.skip
fi

# Forks are set per JMH invocation below: -f 1 everywhere.
case "$mode" in
  full)
    round_options=(-wi 3 -w 2s -i 5 -r 2s)
    single_options=(-wi 3 -w 2s -i 5 -r 2s)
    other_subscribers=1,5,50
    ;;
  quick)
    round_options=(-wi 1 -w 1s -i 2 -r 1s)
    # One measured iteration: the ratios come from the rounds; this pass keeps the other
    # figures (and their bytes, which settle fast) within the three minutes.
    single_options=(-wi 1 -w 1s -i 1 -r 1s)
    other_subscribers=1,50
    ;;
  smoke)
    round_options=(-wi 0 -i 1 -r 100ms)
    single_options=(-wi 0 -i 1 -r 100ms)
    other_subscribers=1,50
    ;;
esac
harness_heap=(-Xms2g -Xmx2g)
ratio_impls=(meltica pekko-plain disruptor)
fanout='io\.meltica\.bench\.fanout\.FanOutBenchmark\.'

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/rounds"
manifest="$tmp/rounds/rounds.tsv"
: >"$manifest"

# jmh OUT ARGS...: one JMH invocation, results (-prof gc, JSON) to OUT, its log beside it; shows
# the result lines only. Stops the run if JMH wrote no results.
jmh() {
  local out=$1
  shift
  java -jar "$jar" "$@" -f 1 -foe true -prof gc -rf json -rff "$out" | tee "${out%.json}.log" \
    | grep -E '^(# (Benchmark|Parameters):|Benchmark |([a-z]\.)*[A-Za-z]+Benchmark\.[a-zA-Z]+(:deliveries|:gc\.alloc\.rate\.norm)? )' || true
  if [ ! -s "$out" ]; then
    echo "run.sh: JMH wrote no results; its log:" >&2
    tail -50 "${out%.json}.log" >&2
    exit 1
  fi
}

echo "== JMH: fan-out ratio rounds at N = 10, $rounds rounds (${round_options[*]} -prof gc)"
for ((round = 1; round <= rounds; round++)); do
  for ((position = 1; position <= ${#ratio_impls[@]}; position++)); do
    # Round 1 starts with meltica, round 2 with pekko-plain, ...: no implementation always gets
    # the machine right after the previous fork (or the build).
    impl="${ratio_impls[$(((round - 1 + position - 1) % ${#ratio_impls[@]}))]}"
    file="round-$round-$impl.json"
    echo "-- round $round/$rounds, $position: $impl"
    before="$(loadavg)"
    jmh "$tmp/rounds/$file" "$fanout" -p impl="$impl" -p subscribers=10 "${round_options[@]}"
    after="$(loadavg)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$position" "$impl" "$file" "$before" "$after" \
      >>"$manifest"
  done
done

# -p applies to every benchmark of an invocation, hence three: N = 10 of the ratio
# implementations is the rounds' alone.
echo "== JMH single pass: pool and consumer wrapping (${single_options[*]} -prof gc)"
jmh "$tmp/pool.json" 'io\.meltica\.bench\.(pool\.|fanout\.ConsumerWrappingBenchmark\.)' \
  "${single_options[@]}"
echo "== JMH single pass: fan-out at N = $other_subscribers, bare tell at N = 10"
jmh "$tmp/fanout.json" "$fanout" -p subscribers="$other_subscribers" "${single_options[@]}"
jmh "$tmp/bare-tell.json" "$fanout" -p impl=pekko-bare-tell -p subscribers=10 \
  "${single_options[@]}"

if [ "$mode" = smoke ]; then
  harness_json=bench/src/test/resources/harness-sample.json
  cross_json=
  harness_command="none (smoke: the harness test sample)"
else
  echo "== latency and parallel-efficiency harness ($mode)"
  harness_json="$tmp/harness.json"
  java "${harness_heap[@]}" -cp "$jar" io.meltica.bench.HarnessMain --mode "$mode" \
    --soak-minutes "$soak_minutes" --out "$harness_json"
  harness_command="HarnessMain --mode $mode --soak-minutes $soak_minutes ${harness_heap[*]}"

  echo "== cross-node: two cluster nodes on loopback ($mode)"
  cross_json="$tmp/cross.json"
  java "${harness_heap[@]}" -cp "$jar" io.meltica.bench.cluster.CrossNodeMain --mode "$mode" \
    --out "$cross_json" | grep -E '^cross-node' || true
  if [ ! -s "$cross_json" ]; then
    echo "run.sh: the cross-node benchmark wrote no results" >&2
    exit 1
  fi
fi

echo "== merge"
mkdir -p "$results"
command="bench/run.sh --$mode (fan-out rounds: $rounds × ${ratio_impls[*]} at N = 10, one fork"
command+=" each, order rotated, JMH -f 1 ${round_options[*]} -prof gc; single pass: JMH -f 1"
command+=" ${single_options[*]} -prof gc, fan-out N = $other_subscribers and bare tell N = 10,"
command+=" pool, consumer wrapping; harness: $harness_command)"
java -cp "$jar" io.meltica.bench.report.ResultsMerger \
  --jmh "$tmp/pool.json,$tmp/fanout.json,$tmp/bare-tell.json" --rounds "$manifest" \
  --harness "$harness_json" --cross "$cross_json" \
  --uname "$(uname -a)" --jdk "$(java -version 2>&1 | tr '\n' ' ')" \
  --command "$command" --load-before "$load_before" --out "$results/latest.json"
if [ "$mode" = full ]; then
  cp "$results/latest.json" "$results/full-$(date +%F).json"
  echo "saved $results/full-$(date +%F).json"
fi
echo "== done in $(($(date +%s) - started)) s"
