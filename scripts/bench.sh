#!/usr/bin/env bash
# Runs EthGov's benchmarks and writes docs/benchmarks.json and docs/benchmarks.md:
#   micro benchmarks (BenchmarkDotNet): digests, Merkle batches, proofs, receipts, EIP-712;
#   end to end on a Hardhat node it starts on a free loopback port: one transaction per document
#   (the baseline) against Merkle batches, and `ethgov anchor` on a folder of small files;
#   the API in Release as its own process on the same node: anchoring with one digest per request at
#   concurrency 1/16/64/256 and in requests of 1,000 digests, verification at 1,000 requests/s and at
#   saturation (load from wrk, Debian's package, with the Lua scripts in bench/wrk);
#   the three dev departments' nodes, each its own API process with its own key, as scripts/run.sh runs them:
#   verification on one node of another department's batch members against its own (first time and repeated), and
#   anchoring by every node at once against one node alone, side by side in the same run.
#   record exchange between department nodes on a Hardhat node of its own: a holder and a grantee, each its own API
#   process, records of 1 KiB, legal-basis grants, exchanges posted on the grantee at a fixed rate until verified, every
#   release in the holder's journal checked against its confirmed log on chain; beside it a grantee that logs each
#   exchange in a transaction of its own, and the gas of a logged access both ways.
#   storage (issue 20) on a Hardhat node and a private PostgreSQL cluster of its own: a reference endpoint with EthGov's SQLite
#   group commit and nothing else against CIVIL's node on SQLite, the same node on PostgreSQL, two replicas of it on one
#   database with the load spread over both, and kill -9 of the replica holding the lease under load.
# --quick runs fewer and smaller cases (twelve to fifteen minutes after the build on two cores, nine to ten of them the exchange
#   case: warm-up rounds until the nodes' code is compiled, and a drain after each run; the storage case adds about four).
# --exchange runs the exchange case alone (after the build) into out/bench/exchange.json and puts it into docs/benchmarks.*
#   beside the other cases of the last full run, marked with its own commit and date.
# --storage runs the storage case alone in the same way, into out/bench/storage.json.
set -euo pipefail
quick=""
exchange_only=""
storage_only=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick="--quick" ;;
    --exchange) exchange_only=1 ;;
    --storage) storage_only=1 ;;
    *) echo "usage: scripts/bench.sh [--quick] [--exchange | --storage]" >&2; exit 2 ;;
  esac
done
[ -z "$exchange_only" ] || [ -z "$storage_only" ] || { echo "usage: scripts/bench.sh [--quick] [--exchange | --storage]" >&2; exit 2; }

source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
cd "$ETHGOV_ROOT"
command_line="scripts/bench.sh${quick:+ $quick}${exchange_only:+ --exchange}${storage_only:+ --storage}"
ethgov_setup Release

out="$ETHGOV_ROOT/out/bench"
rm -rf "$out" && mkdir -p "$out"
node_pid=""
exchange_node_pid=""
storage_node_pid=""
storage_pg=""
api_pid=""
dept_pids=()
cleanup() {
  for pid in "${dept_pids[@]}" "$api_pid" "$node_pid" "$exchange_node_pid" "$storage_node_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ -n "$storage_pg" ]; then
    ethgov_pg_stop "$storage_pg"
    rm -rf "$storage_pg"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The API's load generator; installed from Debian's packages only when missing.
if ! command -v wrk > /dev/null; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  ethgov_log "installing wrk from Debian's packages (apt-get)"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
fi

# A free loopback port: ask the kernel for one, then check nothing took it meanwhile.
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
ethgov_require_free_port "$port" "Hardhat node for the benchmarks"
rpc="http://127.0.0.1:$port"
# wait_live URL PID LOG WHAT: until the API at URL answers /health/live; its log's end when it stops or takes 30 s.
wait_live() {
  local url="$1" pid="$2" log="$3" what="$4" tries=0
  until curl -s -o /dev/null -m 2 "$url/health/live"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 60 ] || ! kill -0 "$pid" 2>/dev/null; then tail -20 "$log" >&2; echo "ethgov: $what did not start" >&2; exit 1; fi
    sleep 0.5
  done
}

# deploy_nodes DIR RPC: a free port per dev department, DIR/departments.json naming each node's URL and node key, a
# registry deployed with it (DIR/deployment.json); leaves $urls (code -> URL) and an empty DIR/nodes.txt.
deploy_nodes() {
  local dir="$1" chain="$2" code dept_port
  mkdir -p "$dir"
  urls='{}'
  for line in "${departments[@]}"; do
    read -r code _ _ <<< "$line"
    dept_port="$(free_port)"
    ethgov_require_free_port "$dept_port" "$code's node for the benchmarks"
    urls="$(jq -c --arg code "$code" --arg url "http://127.0.0.1:$dept_port" '. + {($code): $url}' <<< "$urls")"
  done
  jq --argjson urls "$urls" '.departments |= map(.node = {url: $urls[.code], key: (.node.key // .signer)})' config/departments.dev.json \
    > "$dir/departments.json"
  "${ethgov[@]}" deploy --rpc "$chain" --chain-id 31337 --key-file dev:0 --departments "$dir/departments.json" \
    --deployment "$dir/deployment.json" > "$dir/deploy.log"
  : > "$dir/nodes.txt"
}
# start_node DIR RPC CODE SIGNER NODE_KEY URL SCOPES [NAME=VALUE...]: one department's node as its own API process, as
# scripts/run.sh runs it: that department's signer and node key only, its URL as EthGov:PublicBaseUrl, private addresses
# allowed (every node is on loopback), its own data directory (DIR/<code>/data), sender lock directory and API key (of
# SCOPES), the rate limits raised so that the load generator, not the limiter, sets the pace, and any further settings
# given; appends "CODE URL KEY_FILE" to DIR/nodes.txt.
start_node() {
  local dir="$1" chain="$2" code="$3" signer="$4" node_key="$5" url="$6" scopes="$7"
  shift 7
  local home="$dir/${code,,}"
  mkdir -p "$home"
  "${ethgov[@]}" apikey create --department "$code" --scope "$scopes" --data-dir "$home/data" | grep -m1 '^egk_' > "$home/key"
  chmod 600 "$home/key"
  env Chain__RpcUrl="$chain" Chain__ChainId=31337 EthGov__DeploymentFile="$dir/deployment.json" EthGov__DataDirectory="$home/data" \
    "EthGov__Signers__$code=$signer" EthGov__NodeKey="$node_key" EthGov__PublicBaseUrl="$url" EthGov__Nodes__AllowPrivateAddresses=true \
    EthGov__SenderLockDirectory="$home/locks" \
    EthGov__RateLimit__PermitsPerSecondPerKey=10000000 EthGov__RateLimit__PermitsPerSecondAnonymous=10000000 \
    ASPNETCORE_URLS="$url" ASPNETCORE_ENVIRONMENT=Development "$@" \
    dotnet src/EthGov.Api/bin/Release/net10.0/EthGov.Api.dll --contentRoot "$ETHGOV_ROOT/src/EthGov.Api" > "$home/api.log" 2>&1 &
  dept_pids+=($!)
  echo "$code $url $home/key" >> "$dir/nodes.txt"
}
# wait_nodes DIR: until every node DIR/nodes.txt lists answers; stop_nodes: stops them.
wait_nodes() {
  local i=0 code url
  while read -r code url _; do
    wait_live "$url" "${dept_pids[$i]}" "$1/${code,,}/api.log" "$code's node"
    i=$((i + 1))
  done < "$1/nodes.txt"
}
stop_nodes() {
  for pid in "${dept_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${dept_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  dept_pids=()
}

# rpc_call URL METHOD PARAMS: one JSON-RPC call whose answer is not needed.
rpc_call() {
  curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "$1"
}
# start_hardhat PORT LOG: a Hardhat node on loopback, quiet; leaves its process id in $hardhat_pid.
start_hardhat() {
  ethgov_log "starting a Hardhat node on http://127.0.0.1:$1 (log: ${2#"$ETHGOV_ROOT"/})"
  node_modules/.bin/hardhat node --hostname 127.0.0.1 --port "$1" > "$2" 2>&1 &
  hardhat_pid=$!
  ethgov_wait_for_rpc "http://127.0.0.1:$1"
  # `hardhat node` prints every request it serves (each eth_call decoded against the artifacts): a developer's
  # convenience that costs the single-threaded node time on every call and is not part of what is measured.
  # The same switch over JSON-RPC turns it off; a Besu validator prints nothing per call either.
  rpc_call "http://127.0.0.1:$1" hardhat_setLoggingEnabled '[false]'
}

ethgov=(dotnet src/EthGov.Cli/bin/Release/net10.0/ethgov.dll)
mapfile -t departments < <(jq -r '.departments[] | [.code, .signer, (.node.key // .signer)] | join(" ")' config/departments.dev.json)

# The record exchange (issue 17) on a Hardhat node of its own, so that no earlier case's chain state or load is in it.
# The chain mines every transaction at once and a block every second besides (automine plus interval, as scripts/run.sh's
# dev chain, with the interval of a QBFT network's shortest usual block period): a holder releases only once a block
# follows the access log's, and on a busy chain that block comes with the next transaction, on a quiet one with the
# interval. The departments' nodes as in the node benchmarks below: CIVIL holds the records (its data key keeps them);
# HEALTH is the grantee, logging its accesses in batches (one root every half second, EthGov:Exchange:LogInterval); TRANSPORT is a
# grantee of the same records that logs every exchange in a transaction of its own (batches of one entry): the reference.
run_exchange() {
  local dir="$out/exchange" xport xrpc
  xport="$(free_port)"
  ethgov_require_free_port "$xport" "Hardhat node for the exchange benchmarks"
  xrpc="http://127.0.0.1:$xport"
  start_hardhat "$xport" "$out/hardhat-exchange.log"
  exchange_node_pid=$hardhat_pid
  rpc_call "$xrpc" evm_setIntervalMining '[1000]'
  ethgov_log "exchange benchmarks${quick:+ (quick)}"
  deploy_nodes "$dir" "$xrpc"
  local line code signer node_key url scopes extra
  for line in "${departments[@]}"; do
    read -r code signer node_key <<< "$line"
    url="$(jq -r --arg code "$code" '.[$code]' <<< "$urls")"
    extra=()
    case "$code" in
      CIVIL) scopes="anchor,records,grants" ;;
      TRANSPORT) scopes="exchanges,grants"; extra=(EthGov__Exchange__LogBatchSize=1 EthGov__Exchange__MaxLogBatchEntries=1) ;;
      # The grantee steps 512 exchanges at once (the default is 128): see docs/benchmarks.md, "Where an exchange's time went".
      *) scopes="exchanges,grants"; extra=(EthGov__Exchange__Concurrency=512) ;;
    esac
    start_node "$dir" "$xrpc" "$code" "$signer" "$node_key" "$url" "$scopes" EthGov__DataKey="$node_key" "${extra[@]}"
  done
  wait_nodes "$dir"
  # Each process's CPU time is read from /proc around every run.
  local pids="chain=$exchange_node_pid" i=0
  while read -r code _ _; do pids="$pids,$code=${dept_pids[$i]}"; i=$((i + 1)); done < "$dir/nodes.txt"
  timeout 3600 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll exchange $quick --nodes "$dir/nodes.txt" --rpc "$xrpc" \
    --deployment "$dir/deployment.json" --work "$dir" --out "$out/exchange.json" --pids "$pids" \
    || { while read -r code _ _; do tail -5 "$dir/${code,,}/api.log" >&2; done < "$dir/nodes.txt"; [ -f "$out/exchange.json" ] || exit 1; }
  stop_nodes
  kill "$exchange_node_pid" 2>/dev/null || true
  wait "$exchange_node_pid" 2>/dev/null || true
  exchange_node_pid=""
}

# Storage (issue 20) on a Hardhat node (automine, as the API case's) and a private PostgreSQL cluster of its own, made as
# scripts/run.sh --postgres makes one, with PostgreSQL's durable defaults (fsync and synchronous_commit on; the case
# records them): a registry for the node on SQLite and one for the node on PostgreSQL, each deployed as the API case's.
# The load test starts the reference and the nodes itself, since it adds a replica and kills one under load.
run_storage() {
  local dir="$out/storage" sport srpc pg_port
  mkdir -p "$dir"
  ethgov_install_postgres
  source "$ETHGOV_ROOT/scripts/lib/postgres.sh"
  sport="$(free_port)"
  ethgov_require_free_port "$sport" "Hardhat node for the storage benchmarks"
  srpc="http://127.0.0.1:$sport"
  start_hardhat "$sport" "$out/hardhat-storage.log"
  storage_node_pid=$hardhat_pid
  storage_pg="$(mktemp -d "${TMPDIR:-/tmp}/ethgov-bench-postgres.XXXXXX")"
  pg_port="$(free_port)"
  ethgov_require_free_port "$pg_port" "PostgreSQL for the storage benchmarks"
  ethgov_pg_start "$storage_pg" "$pg_port"
  ethgov_pg_create_database "$storage_pg" "$pg_port" ethgov_civil
  # A server in service recycles its WAL segments at each checkpoint; a new cluster creates each 16 MB segment and fills it
  # with zeros on first use, under the WAL write lock (29% of PostgreSQL's samples in a profile of requests of 1,000 here).
  # So the cluster goes through a checkpoint cycle before the case: about 1 GB of WAL written, then two checkpoints, after
  # which the segments are there to recycle. The load test records how many there are.
  ethgov_pg psql -h "$storage_pg" -p "$pg_port" -U ethgov -d ethgov_civil -q \
    -c "CREATE TABLE wal_aging AS SELECT g, repeat('x', 200) AS pad FROM generate_series(1, 4000000) AS g" \
    -c "DROP TABLE wal_aging" -c "CHECKPOINT" -c "CHECKPOINT"
  ethgov_log "storage benchmarks${quick:+ (quick)}"
  # The node on SQLite waits while the node on PostgreSQL is measured and the other way round, each on its own registry: CIVIL
  # signs with dev:1 in PostgreSQL's and dev:4 in SQLite's, since a node stops sending when another process sends with its key.
  local store
  declare -A signer=([sqlite]=dev:4 [postgres]=dev:1)
  for store in sqlite postgres; do
    jq --arg signer "${signer[$store]}" 'del(.departments[].node) | (.departments[] | select(.code == "CIVIL") | .signer) = $signer' \
      config/departments.dev.json > "$dir/departments-$store.json"
    "${ethgov[@]}" deploy --rpc "$srpc" --chain-id 31337 --key-file dev:0 --departments "$dir/departments-$store.json" \
      --deployment "$dir/deployment-$store.json" > "$dir/deploy-$store.log"
  done
  # The harness shares the two cores with the node it measures: compiled once, as the nodes are, so that no background
  # recompilation of its probes (3.4% of the machine in a perf profile of a node's run, none in the reference's) counts
  # against the node.
  DOTNET_TieredCompilation=0 timeout 2700 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll storage $quick --rpc "$srpc" \
    --deployment-sqlite "$dir/deployment-sqlite.json" --deployment-postgres "$dir/deployment-postgres.json" \
    --signer-sqlite "${signer[sqlite]}" --signer-postgres "${signer[postgres]}" \
    --postgres "Host=127.0.0.1;Port=$pg_port;Database=ethgov_civil;Username=ethgov" --postgres-pid "$(head -1 "$storage_pg/data/postmaster.pid")" \
    --chain-pid "$storage_node_pid" --api-dll src/EthGov.Api/bin/Release/net10.0/EthGov.Api.dll --content-root "$ETHGOV_ROOT/src/EthGov.Api" \
    --cli src/EthGov.Cli/bin/Release/net10.0/ethgov.dll --scripts bench/wrk --work "$dir" --out "$out/storage.json" \
    || { for log in "$dir"/*/process.log; do tail -5 "$log" >&2; done; [ -f "$out/storage.json" ] || exit 1; }
  ethgov_pg_stop "$storage_pg"
  rm -rf "$storage_pg"
  storage_pg=""
  kill "$storage_node_pid" 2>/dev/null || true
  wait "$storage_node_pid" 2>/dev/null || true
  storage_node_pid=""
}

# The machine and the code a run measured, for the report.
write_machine() {
  local cpu memory os
  cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  memory="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  os="$(. /etc/os-release && echo "$PRETTY_NAME") ($(uname -sr))"
  jq -n --arg command "$command_line" --arg cpu "$cpu" --arg nproc "$(nproc)" --arg memory "$memory" --arg os "$os" \
    --arg dotnet "$(dotnet --version)" --arg node "$(node --version)" \
    --arg commit "$(git rev-parse HEAD)$(git diff --quiet HEAD -- src bench contracts || echo ' (with uncommitted changes)')" \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    '{command: $command, cpu: $cpu, nproc: ($nproc | tonumber), memory: $memory, os: $os, dotnet: $dotnet, node: $node, commit: $commit, date: $date}' \
    > "$out/machine.json"
}

# The exchange case alone: docs/ keep every other case of the last full run and take this run's exchange case, marked
# with its own commit and date.
if [ -n "$exchange_only" ]; then
  run_exchange
  write_machine
  dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll report --base docs/benchmarks.json --exchange "$out/exchange.json" \
    --machine "$out/machine.json" --json docs/benchmarks.json --markdown docs/benchmarks.md
  ethgov_log "wrote out/bench/exchange.json, and its case into docs/benchmarks.json and docs/benchmarks.md"
  exit 0
fi
if [ -n "$storage_only" ]; then
  run_storage
  write_machine
  dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll report --base docs/benchmarks.json --storage "$out/storage.json" \
    --machine "$out/machine.json" --json docs/benchmarks.json --markdown docs/benchmarks.md
  ethgov_log "wrote out/bench/storage.json, and its case into docs/benchmarks.json and docs/benchmarks.md"
  exit 0
fi

start_hardhat "$port" "$out/hardhat.log"
node_pid=$hardhat_pid

ethgov_log "micro benchmarks${quick:+ (quick)}"
timeout 1800 dotnet bench/EthGov.Benchmarks/bin/Release/net10.0/EthGov.Benchmarks.dll $quick --out "$out/micro.json" > "$out/micro.log" 2>&1 \
  || { tail -40 "$out/micro.log" >&2; exit 1; }
grep -E '^\| ' "$out/micro.log" | grep -v -- '---' >&2 || true

ethgov_log "chain benchmarks${quick:+ (quick)}"
timeout 1800 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll chain $quick --rpc "$rpc" \
  --out "$out/chain.json" --cli src/EthGov.Cli/bin/Release/net10.0/ethgov.dll \
  --departments config/departments.dev.json --work "$out/cli"

# The API as a real process on the same node, CIVIL's node (its signer dev:1, the one department the load acts
# for), with its own registry, data directory (outside the content root) and API key; the per-key and anonymous rate limits are raised through configuration so that the
# load generator, not the limiter, sets the pace (authentication stays on). The proof cache is sized for the
# documents a full run forms (5-8 million on this machine), since verification draws documents from all of them;
# a faster run's oldest trees are rebuilt when a verification asks for them.
# Its registry publishes no department's node: a digest nobody anchored, verified without naming a department, would
# otherwise be asked of every other department's node at the dev file's addresses, where nothing runs here, and be
# answered "unreachable". Verification across nodes is measured with the nodes below.
ethgov_log "API benchmarks${quick:+ (quick)}"
mkdir -p "$out/api"
jq 'del(.departments[].node)' config/departments.dev.json > "$out/api/departments.json"
"${ethgov[@]}" deploy --rpc "$rpc" --chain-id 31337 --key-file dev:0 --departments "$out/api/departments.json" \
  --deployment "$out/api/deployment.json" > "$out/api/deploy.log"
"${ethgov[@]}" apikey create --department CIVIL --scope anchor --data-dir "$out/api/data" | grep -m1 '^egk_' > "$out/api/key"
chmod 600 "$out/api/key"
api_port="$(free_port)"
ethgov_require_free_port "$api_port" "API for the benchmarks"
api="http://127.0.0.1:$api_port"
# Its own sender lock directory: the dev keys on chain 31337 may be sending in another dev API on this host, on another chain.
Chain__RpcUrl="$rpc" Chain__ChainId=31337 EthGov__DeploymentFile="$out/api/deployment.json" EthGov__DataDirectory="$out/api/data" \
  EthGov__Signers__CIVIL=dev:1 \
  EthGov__SenderLockDirectory="$out/api/locks" \
  EthGov__RateLimit__PermitsPerSecondPerKey=10000000 EthGov__RateLimit__PermitsPerSecondAnonymous=10000000 \
  EthGov__Outbox__ProofCacheDocuments=8000000 \
  ASPNETCORE_URLS="$api" ASPNETCORE_ENVIRONMENT=Development \
  dotnet src/EthGov.Api/bin/Release/net10.0/EthGov.Api.dll --contentRoot "$ETHGOV_ROOT/src/EthGov.Api" > "$out/api/api.log" 2>&1 &
api_pid=$!
wait_live "$api" "$api_pid" "$out/api/api.log" "the API"
timeout 1200 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll api $quick --api "$api" --rpc "$rpc" \
  --key-file "$out/api/key" --deployment "$out/api/deployment.json" --scripts bench/wrk --work "$out/api" --out "$out/api.json" \
  || { tail -20 "$out/api/api.log" >&2; [ -f "$out/api.json" ] || exit 1; }
kill "$api_pid" 2>/dev/null || true
wait "$api_pid" 2>/dev/null || true
api_pid=""

# The departments' nodes (issue 16) as scripts/run.sh runs them, on the same Hardhat node with a registry of their own:
# ports first, so that the departments file deployed names each node's URL and node key; then per department one API
# process with that department's signer and node key only, its URL as EthGov:PublicBaseUrl, private addresses allowed
# (every node is on loopback), its own data directory, sender lock directory and API key, and the rate limits raised as above.
ethgov_log "node benchmarks${quick:+ (quick)}"
mkdir -p "$out/nodes"
deploy_nodes "$out/nodes" "$rpc"
for line in "${departments[@]}"; do
  read -r code signer node_key <<< "$line"
  start_node "$out/nodes" "$rpc" "$code" "$signer" "$node_key" "$(jq -r --arg code "$code" '.[$code]' <<< "$urls")" anchor
done
wait_nodes "$out/nodes"
timeout 1500 dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll nodes $quick --nodes "$out/nodes/nodes.txt" --rpc "$rpc" \
  --deployment "$out/nodes/deployment.json" --scripts bench/wrk --work "$out/nodes" --out "$out/nodes.json" \
  || { for line in "${departments[@]}"; do read -r code _ _ <<< "$line"; tail -5 "$out/nodes/${code,,}/api.log" >&2; done; [ -f "$out/nodes.json" ] || exit 1; }
stop_nodes
run_exchange
run_storage

write_machine

dotnet bench/EthGov.LoadTest/bin/Release/net10.0/EthGov.LoadTest.dll report --micro "$out/micro.json" --chain "$out/chain.json" --api "$out/api.json" \
  --nodes "$out/nodes.json" --exchange "$out/exchange.json" --storage "$out/storage.json" --machine "$out/machine.json" --json docs/benchmarks.json --markdown docs/benchmarks.md
ethgov_log "wrote docs/benchmarks.json and docs/benchmarks.md"
