#!/usr/bin/env bash
# Runs EthGov on this machine: a local Hardhat node (chain 31337), the registry deployed with the
# departments of config/departments.dev.json, and the API with the verification page.
# Ctrl-C stops everything it started.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/setup.sh"
cd "$ETHGOV_ROOT"

RPC_PORT="${ETHGOV_RPC_PORT:-8545}"
API_URL="${ETHGOV_API_URL:-http://127.0.0.1:5080}"
API_PORT="${API_URL##*:}"
DATA_DIR="${ETHGOV_DATA_DIR:-$ETHGOV_ROOT/data}"

ethgov_require_free_port "$RPC_PORT" "Hardhat node" ETHGOV_RPC_PORT
ethgov_require_free_port "$API_PORT" "EthGov API" ETHGOV_API_URL
# The two programs run.sh starts or prints (the API and the CLI) and nothing else.
ethgov_setup Release src/EthGov.Api/EthGov.Api.csproj src/EthGov.Cli/EthGov.Cli.csproj

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ethgov_log "stopped"
}
trap cleanup INT TERM EXIT

mkdir -p "$DATA_DIR"
ethgov_log "starting the Hardhat node on 127.0.0.1:$RPC_PORT (log: $DATA_DIR/hardhat-node.log)"
node_modules/.bin/hardhat node --port "$RPC_PORT" > "$DATA_DIR/hardhat-node.log" 2>&1 &
pids+=($!)
ethgov_wait_for_rpc "http://127.0.0.1:$RPC_PORT"

# The dev chain starts empty every time, so the registry is deployed afresh and the API's data
# directory (outbox, index, API keys) is reset with it.
rm -rf "$DATA_DIR/31337"
ethgov_log "deploying the registry"
dotnet "src/EthGov.Cli/bin/Release/net10.0/ethgov.dll" deploy \
  --rpc "http://127.0.0.1:$RPC_PORT" --chain-id 31337 \
  --departments config/departments.dev.json --deployment deployments/31337.json

ethgov_log "starting the API on $API_URL"
Chain__RpcUrl="http://127.0.0.1:$RPC_PORT" Chain__ChainId=31337 \
EthGov__DeploymentFile="$ETHGOV_ROOT/deployments/31337.json" EthGov__DataDirectory="$DATA_DIR/31337" \
ASPNETCORE_URLS="$API_URL" ASPNETCORE_ENVIRONMENT=Development \
  dotnet "src/EthGov.Api/bin/Release/net10.0/EthGov.Api.dll" --contentRoot "$ETHGOV_ROOT/src/EthGov.Api" &
pids+=($!)

for _ in $(seq 1 120); do
  if curl -fs "$API_URL/health/live" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fs "$API_URL/health/live" >/dev/null || { echo "ethgov: the API did not start; see the output above" >&2; exit 1; }

cat <<MSG

  EthGov is running.
    Verification page   $API_URL/
    API reference       $API_URL/scalar/v1
    OpenAPI document    $API_URL/openapi/v1.json
    JSON-RPC (chain)    http://127.0.0.1:$RPC_PORT  (chain id 31337)
    Deployment          deployments/31337.json

  Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
