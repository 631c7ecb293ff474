#!/usr/bin/env bash
# Runs EthGov on this machine as the departments run it: a local Hardhat node (chain 31337), the registry deployed
# with the departments of config/departments.dev.json and their nodes' addresses, and one node per department (the
# API and the verification page, signing for that department only, with its own data directory and node key).
# Ctrl-C stops everything it started.
#
#   scripts/run.sh              each node keeps its state in SQLite in its data directory (the default)
#   scripts/run.sh --postgres   each node keeps it in a database of its own on a private PostgreSQL cluster, and the
#                               first department runs a second replica of its node on that database
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
cd "$ETHGOV_ROOT"

STORE=sqlite
for arg in "$@"; do
  case "$arg" in
    --postgres) STORE=postgres ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ethgov: unknown option $arg (run.sh [--postgres])" >&2; exit 2 ;;
  esac
done

DEPARTMENTS="config/departments.dev.json"
RPC_PORT="${ETHGOV_RPC_PORT:-8545}"
RPC_URL="http://127.0.0.1:$RPC_PORT"
DATA_DIR="${ETHGOV_DATA_DIR:-$ETHGOV_ROOT/data}"
API_DLL="src/EthGov.Api/bin/Release/net10.0/EthGov.Api.dll"
CLI_DLL="src/EthGov.Cli/bin/Release/net10.0/ethgov.dll"

ethgov_use_node "$ETHGOV_ROOT"
mkdir -p "$DATA_DIR"

# The departments file deployed here: the dev file with each department's node at the URL it runs on here, so the
# addresses on chain are the nodes' own even when a port is moved. One line per node: code, signer, node key, URL.
# A department's node listens where its "node" entry says (else on 5080 + its position), or on ETHGOV_<CODE>_PORT.
nodes_file="$DATA_DIR/departments.json"
mapfile -t NODES < <(node -e '
  const fs = require("fs");
  const [source, target] = process.argv.slice(1);
  const file = JSON.parse(fs.readFileSync(source, "utf8"));
  file.departments.forEach((d, i) => {
    const port = process.env[`ETHGOV_${d.code}_PORT`] || (d.node ? new URL(d.node.url).port : String(5080 + i));
    d.node = { url: `http://127.0.0.1:${port}`, key: d.node?.key ?? d.signer };
    console.log([d.code, d.signer, d.node.key, d.node.url].join(" "));
  });
  fs.writeFileSync(target, JSON.stringify(file, null, 2) + "\n");
' "$DEPARTMENTS" "$nodes_file")
[ "${#NODES[@]}" -gt 0 ] || { echo "ethgov: no department to run a node for in $DEPARTMENTS" >&2; exit 1; }

ethgov_require_free_port "$RPC_PORT" "Hardhat node" ETHGOV_RPC_PORT
PG_PORT="${ETHGOV_PG_PORT:-5433}"
REPLICA_PORT="${ETHGOV_REPLICA_PORT:-5090}"
if [ "$STORE" = postgres ]; then
  ethgov_require_free_port "$PG_PORT" "PostgreSQL" ETHGOV_PG_PORT
  ethgov_require_free_port "$REPLICA_PORT" "the second replica" ETHGOV_REPLICA_PORT
fi
for line in "${NODES[@]}"; do
  read -r code _ _ url <<< "$line"
  ethgov_require_free_port "${url##*:}" "$code's node" "ETHGOV_${code}_PORT"
done
# The two programs run.sh starts or prints (the API and the CLI) and nothing else.
ethgov_setup Release src/EthGov.Api/EthGov.Api.csproj src/EthGov.Cli/EthGov.Cli.csproj
PG_FOLDER=""
if [ "$STORE" = postgres ]; then
  ethgov_install_postgres
  source "$ETHGOV_ROOT/scripts/lib/postgres.sh"
  # A fresh cluster per run, as the dev chain is fresh: in the temporary folder, whose path is short enough for
  # PostgreSQL's socket and which `nobody` can reach when the script runs as root.
  PG_FOLDER="$(mktemp -d "${TMPDIR:-/tmp}/ethgov-postgres.XXXXXX")"
fi

pids=()
cleanup() {
  trap - EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PG_FOLDER" ]; then
    ethgov_pg_stop "$PG_FOLDER"
    rm -rf "$PG_FOLDER"
  fi
  ethgov_log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ethgov_log "starting the Hardhat node on 127.0.0.1:$RPC_PORT (log: $DATA_DIR/hardhat-node.log)"
node_modules/.bin/hardhat node --port "$RPC_PORT" > "$DATA_DIR/hardhat-node.log" 2>&1 &
pids+=($!)
ethgov_wait_for_rpc "$RPC_URL"
# A block every 2 s besides one per transaction, as a QBFT network makes them (blockperiodseconds in
# deploy/besu): a holder releases a record only once the access log has a block on top of it, and an idle
# automining chain would never add one.
curl -s -m 5 -H 'content-type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"evm_setIntervalMining","params":[2000]}' "$RPC_URL" > /dev/null

# The dev chain starts empty every time, so the registry is deployed afresh and every node's data directory
# (outbox, index, API keys) is reset with it.
rm -rf "$DATA_DIR/31337"
if [ "$STORE" = postgres ]; then
  ethgov_pg_start "$PG_FOLDER" "$PG_PORT"
fi
ethgov_log "deploying the registry with $DEPARTMENTS (nodes as started here: $nodes_file)"
dotnet "$CLI_DLL" deploy --rpc "$RPC_URL" --chain-id 31337 --departments "$nodes_file" --deployment deployments/31337.json

# start_node CODE SIGNER NODE_KEY URL [NAME LISTEN]: one department's node, in the background, with its own data directory
# and log (both named NAME, by default the code in lower case). A second replica of a node (--postgres) has a NAME of its
# own and LISTENs on another port, with the same keys, the same published URL and the same database.
# Citizens' passkey pages are opened on localhost at the same port: an IP address cannot be a WebAuthn relying party.
start_node() {
  local code="$1" signer="$2" node_key="$3" url="$4" name="${5:-${1,,}}" listen="${6:-$4}"
  local data="$DATA_DIR/31337/$name"
  # The node's data key (record store) is the dev key of the same number as its node key; a node key file gets none.
  local data_key=""
  [[ "$node_key" == dev:* ]] && data_key="$node_key"
  mkdir -p "$data"
  local store=(EthGov__Storage__Provider=sqlite)
  if [ "$STORE" = postgres ]; then
    [ "$name" != "${code,,}" ] || ethgov_pg_create_database "$PG_FOLDER" "$PG_PORT" "ethgov_${code,,}"
    # Replicas on one host need a sender-lock folder each (docs/operations.md, "Replicas"); the lease guards the key.
    # They share one evidence folder: the replica that verifies an exchange writes its evidence, any replica serves it.
    store=(EthGov__Storage__Provider=postgres EthGov__SenderLockDirectory="$data/senders"
      EthGov__Exchange__EvidenceDirectory="$DATA_DIR/31337/${code,,}-evidence"
      "EthGov__Storage__ConnectionString=Host=127.0.0.1;Port=$PG_PORT;Database=ethgov_${code,,};Username=ethgov")
  fi
  ethgov_log "starting $code's node on $listen (store: $STORE; data: $data, log: $DATA_DIR/$name.log)"
  env "${store[@]}" Chain__RpcUrl="$RPC_URL" Chain__ChainId=31337 \
    EthGov__DeploymentFile="$ETHGOV_ROOT/deployments/31337.json" EthGov__DataDirectory="$data" \
    "EthGov__Signers__$code=$signer" EthGov__NodeKey="$node_key" EthGov__DataKey="$data_key" EthGov__PublicBaseUrl="$url" \
    EthGov__Nodes__AllowPrivateAddresses=true EthGov__Passkeys__Origin="${url/127.0.0.1/localhost}" \
    ASPNETCORE_URLS="$listen" ASPNETCORE_ENVIRONMENT=Development \
    dotnet "$API_DLL" --contentRoot "$ETHGOV_ROOT/src/EthGov.Api" > "$DATA_DIR/$name.log" 2>&1 &
  pids+=($!)
}

# wait_healthy CODE URL PID [NAME]: until the node answers /health/live; its log's end when it stops or takes a minute.
wait_healthy() {
  local code="$1" url="$2" pid="$3" name="${4:-${1,,}}" tries=0
  until curl -fs -o /dev/null -m 2 "$url/health/live"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ] || ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$DATA_DIR/$name.log" >&2
      echo "ethgov: $code's node did not start on $url; its log is $DATA_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

declare -A node_pid=()
for line in "${NODES[@]}"; do
  read -r code signer node_key url <<< "$line"
  start_node "$code" "$signer" "$node_key" "$url"
  node_pid[$code]="${pids[-1]}"
done
# With --postgres the first department runs two replicas on its one database, as a large department does: any replica
# accepts and answers; the holder of the lease batches and sends (docs/operations.md, "Replicas").
REPLICA_URL="" replica_code="" replica_of=""
if [ "$STORE" = postgres ]; then
  read -r replica_code signer node_key replica_of <<< "${NODES[0]}"
  REPLICA_URL="http://127.0.0.1:$REPLICA_PORT"
  start_node "$replica_code" "$signer" "$node_key" "$replica_of" "${replica_code,,}-2" "$REPLICA_URL"
  replica_pid="${pids[-1]}"
fi
for line in "${NODES[@]}"; do
  read -r code _ _ url <<< "$line"
  wait_healthy "$code" "$url" "${node_pid[$code]}"
done
[ -z "$REPLICA_URL" ] || wait_healthy "$replica_code" "$REPLICA_URL" "$replica_pid" "${replica_code,,}-2"

store_line="SQLite, in each node's data directory"
[ "$STORE" = sqlite ] || store_line="PostgreSQL on 127.0.0.1:$PG_PORT, a database per department (ethgov_<code>, user ethgov)"
echo
echo "  EthGov is running: one node per department, each signing for its own department only."
for line in "${NODES[@]}"; do
  read -r code _ _ url <<< "$line"
  printf '    %-10s page %-24s API reference %-34s data %s\n' "$code" "$url/" "$url/scalar/v1" "${DATA_DIR#"$ETHGOV_ROOT"/}/31337/${code,,}"
done
cat <<MSG
    JSON-RPC (chain)  $RPC_URL  (chain id 31337)
    Deployment        deployments/31337.json
    Store             $store_line
$([ -z "$REPLICA_URL" ] || printf '    %-10s replica %-24s a second replica of %s, on the same database\n' "$replica_code" "$REPLICA_URL/" "$replica_of")
    Logs              ${DATA_DIR#"$ETHGOV_ROOT"/}/*.log
    API keys          ethgov apikey create --department CODE --data-dir <that node's data directory>

  Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}" || true
ethgov_log "a process stopped (its log is in ${DATA_DIR#"$ETHGOV_ROOT"/}); stopping the others"
exit 1
