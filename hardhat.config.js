import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

const require = createRequire(import.meta.url);

// The compiler comes from the npm `solc` package (WASM), so compiling never downloads anything.
// Optimizer runs 200: EthGovRegistry creates its EthGovRegistryExtension in its constructor, so both are
// compiled with these settings; at 10,000 runs the extension exceeds the EIP-170 limit (25.6 KB of 24 KB),
// at 200 it is 23.9 KB (registry 2.1.0) and a single anchor costs about 100 gas more (docs/gas.md).
// The passkey extension is compiled on its own, through the IR pipeline at 10,000 runs: it is deployed apart (8 KB,
// far from EIP-170), and its WebAuthn checks (base64url, memory copies) cost about 4,400 gas less per passkey consent
// than with the settings above, which brings it within 10% of an EIP-712 consent (docs/gas.md).
export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    compilers: [{ version: "0.8.37", path: require.resolve("solc/soljson.js"), settings: { evmVersion: "prague", optimizer: { enabled: true, runs: 200 } } }],
    overrides: {
      "contracts/extension/EthGovPasskeyExtension.sol": {
        version: "0.8.37",
        path: require.resolve("solc/soljson.js"),
        settings: { evmVersion: "prague", viaIR: true, optimizer: { enabled: true, runs: 10000 } },
      },
    },
  },
  paths: { tests: { mocha: "test", solidity: "contracts/test" } },
  // Fuzz properties in contracts/test run 10,000 inputs each (also pinned per test with hardhat-config NatSpec).
  test: { solidity: { fuzz: { runs: 10000 } } },
  networks: {
    localhost: { type: "http", url: process.env.ETHGOV_RPC_URL ?? "http://127.0.0.1:8545", chainType: "l1" },
  },
});
