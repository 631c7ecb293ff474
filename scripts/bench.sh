#!/usr/bin/env bash
# Runs EthGov's benchmarks and writes docs/benchmarks.json and docs/benchmarks.md:
#   micro benchmarks (BenchmarkDotNet): digests, Merkle batches, proofs, receipts, EIP-712;
#   end to end on a Hardhat node it starts on a free loopback port: one transaction per document
#   (the baseline) against Merkle batches, and `ethgov anchor` on a folder of small files.
# --quick runs fewer and smaller cases (under two minutes after the build on two cores).
set -euo pipefail
quick=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    *) echo "usage: scripts/bench.sh [--quick]" >&2; exit 2 ;;
  esac
done

source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
cd "$ETHGOV_ROOT"
command_line="scripts/bench.sh${quick:+ $quick}"
ethgov_setup Release

out="$ETHGOV_ROOT/out/bench"
rm -rf "$out" && mkdir -p "$out"
node_pid=""
cleanup() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port: ask the kernel for one, then check nothing took it meanwhile.
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
ethgov_require_free_port "$port" "Hardhat node for the benchmarks"
rpc="http://127.0.0.1:$port"
ethgov_log "starting a Hardhat node on $rpc (log: out/bench/hardhat.log)"
node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$port" > "$out/hardhat.log" 2>&1 &
node_pid=$!
ethgov_wait_for_rpc "$rpc"

ethgov_log "micro benchmarks${quick:+ (quick)}"
timeout 1800 dotnet bench/EthGov.Benchmarks/bin/Release/net10.0/EthGov.Benchmarks.dll $quick --out "$out/micro.json" > "$out/micro.log" 2>&1 \
  || { tail -40 "$out/micro.log" >&2; exit 1; }
grep -E '^\| ' "$out/micro.log" | grep -v -- '---' >&2 || true

ethgov_log "chain benchmarks${quick:+ (quick)}"
timeout 1800 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll chain $quick --rpc "$rpc" \
  --out "$out/chain.json" --cli src/EthGov.Cli/bin/Release/net10.0/ethgov.dll \
  --departments config/departments.dev.json --work "$out/cli"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
memory="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -sr))"
jq -n --arg command "$command_line" --arg cpu "$cpu" --arg nproc "$(nproc)" --arg memory "$memory" --arg os "$os" \
  --arg dotnet "$(dotnet --version)" --arg node "$(node --version)" \
  --arg commit "$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench contracts || echo ' (with uncommitted changes)')" \
  --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  '{command: $command, cpu: $cpu, nproc: ($nproc | tonumber), memory: $memory, os: $os, dotnet: $dotnet, node: $node, commit: $commit, date: $date}' \
  > "$out/machine.json"

dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll report --micro "$out/micro.json" --chain "$out/chain.json" \
  --machine "$out/machine.json" --json docs/benchmarks.json --markdown docs/benchmarks.md
ethgov_log "wrote docs/benchmarks.json and docs/benchmarks.md"
