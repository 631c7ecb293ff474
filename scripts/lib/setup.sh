# Sourced by run.sh, test.sh and bench.sh: brings every dependency from the package registries,
# idempotently, then compiles the contracts and the .NET solution.
set -euo pipefail
ETHGOV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# shellcheck source=node.sh
source "$ETHGOV_ROOT/scripts/lib/node.sh"

ethgov_log() { printf '\033[1;34methgov:\033[0m %s\n' "$*" >&2; }

ethgov_npm_install() {
  local stamp="$ETHGOV_ROOT/node_modules/.ethgov-lock" want
  want="$(node --version) $(sha256sum "$ETHGOV_ROOT/package-lock.json" | cut -d' ' -f1)"
  # EDR's native package is only installed when npm ran under Node 22; check it is there, not just the stamp.
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$ETHGOV_ROOT/node_modules/@nomicfoundation/edr-linux-x64-gnu" ]; then
    return 0
  fi
  ethgov_log "installing npm packages (npm ci)"
  (cd "$ETHGOV_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
}

# The page tests drive Debian's Chromium (a browser is never downloaded at test time); the CJK font lets the
# Chinese page render in their screenshots. Installed from Debian's packages only when missing.
ethgov_install_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  ethgov_log "installing ${missing[*]} from Debian's packages (apt-get)"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# The PostgreSQL store's tests start a private PostgreSQL 15 cluster (initdb, pg_ctl) from Debian's packages;
# installed only when missing. The package's own cluster is not needed and is left as Debian sets it up.
ethgov_install_postgres() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  ethgov_log "installing postgresql from Debian's packages (apt-get)"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
}

# The PKCS#11 key tests create tokens in a temporary folder of SoftHSM2 (Debian's softhsm2; its softhsm2-util initialises
# them); installed only when missing. opensc brings pkcs11-tool, which docs/operations.md uses to inspect a token.
ethgov_install_softhsm() {
  if [ -f /usr/lib/softhsm/libsofthsm2.so ] && command -v softhsm2-util >/dev/null && command -v pkcs11-tool >/dev/null; then
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  ethgov_log "installing softhsm2 and opensc from Debian's packages (apt-get)"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 opensc
}

# ethgov_setup CONFIGURATION [PROJECT...]: installs, compiles the contracts, builds each PROJECT (default: the solution).
ethgov_setup() {
  local configuration="${1:-Debug}"
  shift || true
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=(EthGov.sln)
  ethgov_use_node "$ETHGOV_ROOT"
  ethgov_npm_install
  ethgov_log "compiling contracts (solc WASM, offline)"
  (cd "$ETHGOV_ROOT" && node_modules/.bin/hardhat compile --quiet)
  local target
  for target in "${targets[@]}"; do
    ethgov_log "building $target ($configuration)"
    dotnet build "$ETHGOV_ROOT/$target" -c "$configuration" -nologo -clp:ErrorsOnly -v:quiet
  done
}

# Fails with a clear message when something already listens on the port.
ethgov_require_free_port() {
  local port="$1" what="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "ethgov: port $port ($what) is already in use; stop what runs there or set ${3:-the port} to another port" >&2
    exit 1
  fi
}

ethgov_wait_for_rpc() {
  local url="$1" tries=0
  until curl -s -m 2 -H 'content-type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$url" | grep -q result; do
    tries=$((tries + 1))
    if [ "$tries" -gt 60 ]; then echo "ethgov: no JSON-RPC answer at $url after 30 s" >&2; return 1; fi
    sleep 0.5
  done
}
