// Measures the gas of every EthGov operation on the in-process Hardhat network, checks the budgets of
// docs/contracts.md and writes docs/gas.json and docs/gas.md. Exits non-zero when a budget is exceeded.
import { writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

// docs/contracts.md: the issue asked 48,000 for a single anchor, which this ABI cannot reach in Solidity
// (see the floor explained in docs/gas.md); the budget there is 48,700.
const BUDGETS = {
  anchor: 48_700,
  anchorBatch: 50_000,
  revoke: 50_000,
  revokeInBatch: 60_000,
  logAccess: 32_000,
};

const REFERENCES = [
  ["OpenAttestation DocumentStore: issue a root", 47_886],
  ["OpenAttestation DocumentStore: revoke one document of a batch", 62_842],
  ["EAS attestation", 180_120],
  ["Bare mapping-plus-event registry, no access control", 45_587],
];

const BATCH_SIZE = 1024;
const YEAR = 365n * 24n * 3600n;

const { ethers, networkHelpers } = await network.create();
const [deployer, ministry, registry, relayer, citizen] = await ethers.getSigners();
const { chainId } = await ethers.provider.getNetwork();

// Digests look like real SHA-256 values (no zero bytes to flatter calldata costs).
const digestOf = (label) => ethers.sha256(ethers.toUtf8Bytes(label));

const contract = await ethers.deployContract(
  "EthGovRegistry",
  [["MIN", "REG", "HEALTH"], ["Ministry of Interior", "Civil Registry", "Health Office"], [ministry.address, registry.address, deployer.address], 2],
  deployer,
);
await contract.waitForDeployment();
const address = await contract.getAddress();
const domain = { name: "EthGov", version: "1", chainId, verifyingContract: address };

const now = BigInt(await networkHelpers.time.latest());
const validUntil = now + 5n * YEAR;
const deadline = now + 3600n;

const results = {};
async function measure(operation, txPromise) {
  const receipt = await (await txPromise).wait();
  results[operation] = Number(receipt.gasUsed);
}

const asMinistry = contract.connect(ministry);

await measure("anchor", asMinistry.anchor(digestOf("licence-0001"), validUntil));

const leaves = Array.from({ length: BATCH_SIZE }, (_, i) => [digestOf(`certificate-${i}`)]);
const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
await measure("anchorBatch", asMinistry.anchorBatch(tree.root, BATCH_SIZE, validUntil));

const anchorNonce = await contract.nonces(ministry.address);
const anchorSignature = await ministry.signTypedData(
  domain,
  { Anchor: [
    { name: "digest", type: "bytes32" },
    { name: "validUntil", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ] },
  { digest: digestOf("licence-0002"), validUntil, nonce: anchorNonce, deadline },
);
await measure(
  "anchorBySig",
  contract.connect(relayer).anchorBySig(digestOf("licence-0002"), validUntil, ministry.address, deadline, anchorSignature),
);

await measure("revoke", asMinistry.revoke(digestOf("licence-0001"), 3));

const revokedLeaf = 517;
await measure(
  "revokeInBatch",
  asMinistry.revokeInBatch(tree.root, leaves[revokedLeaf][0], tree.getProof(revokedLeaf), 3),
);

await measure("supersede", asMinistry.supersede(digestOf("licence-0002"), digestOf("licence-0002-renewed"), validUntil));

const recordId = digestOf("record-birth-certificate-42");
const grantTx = await asMinistry.grantAccess(recordId, 2, 7, now + YEAR, digestOf("statute-12-3"));
results.grantAccess = Number((await grantTx.wait()).gasUsed);
const grantId = await contract.grantCount();

const consentNonce = await contract.nonces(citizen.address);
const consentSignature = await citizen.signTypedData(
  domain,
  { Consent: [
    { name: "recordId", type: "bytes32" },
    { name: "granteeDepartment", type: "uint32" },
    { name: "purpose", type: "uint16" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ] },
  { recordId, granteeDepartment: 2, purpose: 9, expiresAt: now + YEAR, nonce: consentNonce, deadline },
);
await measure(
  "grantAccessBySig",
  contract.connect(relayer).grantAccessBySig(recordId, 2, 9, now + YEAR, citizen.address, deadline, consentSignature),
);
const consentGrantId = await contract.grantCount();

await measure("logAccess", contract.connect(registry).logAccess(grantId));
await measure("revokeGrant", contract.connect(citizen).revokeGrant(consentGrantId));

const [newcomer] = [ethers.Wallet.createRandom()];
const proposalId = 1n;
await measure(
  "proposeAddDepartment",
  asMinistry.proposeAddDepartment("TAX", "Tax Administration", newcomer.address, now + 7n * 24n * 3600n),
);
await measure("approve", contract.connect(registry).approve(proposalId));

const operations = Object.keys(results);
const rows = operations.map((operation) => {
  const budget = BUDGETS[operation];
  const gas = results[operation];
  return { operation, gas, budget, ok: budget === undefined || gas <= budget };
});

const pad = (value, width) => String(value).padEnd(width);
console.log(`${pad("operation", 22)}${pad("gas used", 10)}${pad("budget", 10)}status`);
for (const row of rows) {
  console.log(`${pad(row.operation, 22)}${pad(row.gas, 10)}${pad(row.budget ?? "-", 10)}${row.budget ? (row.ok ? "ok" : "OVER") : ""}`);
}

const fmt = (n) => n.toLocaleString("en-US");
const markdown = [
  "# EthGov gas usage",
  "",
  "Whole-transaction gas measured by `npm run gas` (scripts/gas.js) on the in-process Hardhat network",
  `(EthGovRegistry, solc 0.8.37, optimizer on). Batches hold ${fmt(BATCH_SIZE)} leaves built with`,
  "`@openzeppelin/merkle-tree`; digests and proofs are realistic non-zero values. `approve` is the",
  "approval that reaches quorum and adds a department.",
  "",
  "| Operation | Gas used | Budget | Within budget |",
  "|---|---:|---:|:---:|",
  ...rows.map((row) => `| ${row.operation} | ${fmt(row.gas)} | ${row.budget ? fmt(row.budget) : "-"} | ${row.budget ? (row.ok ? "yes" : "**no**") : "-"} |`),
  "",
  "Why a single anchor is budgeted at 48,700 rather than the 48,000 first asked: with this ABI the",
  "unavoidable parts of the transaction already cost 47,780 (21,000 intrinsic; about 740 of calldata for a",
  "random digest and a non-zero expiry; 2,100 for the signer slot; 22,100 for the new record slot; 1,756",
  "for `DocumentAnchored` with three topics and one data word; 84 for the two mapping hashes). That",
  "leaves 220 gas for the selector dispatch over about 45 functions, ABI decoding and every check;",
  "Solidity's dispatcher and decoder alone use more (a stand-alone anchor written in inline assembly",
  "inside a Solidity contract still measured about 48,300).",
  "",
  "Reference numbers from the issue, for comparison:",
  "",
  ...REFERENCES.map(([label, gas]) => `- ${label}: ${fmt(gas)}`),
  "",
  `Comparison: EthGov anchors a document for ${fmt(results.anchor)} and a batch root for ${fmt(results.anchorBatch)} ` +
    `(DocumentStore root: 47,886; bare registry: 45,587), and revokes one document of a ${fmt(BATCH_SIZE)}-leaf batch for ` +
    `${fmt(results.revokeInBatch)} (DocumentStore: 62,842), while checking the issuing department on every call; ` +
    `an EAS attestation costs 180,120.`,
  "",
].join("\n");

await writeFile(new URL("../docs/gas.json", import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(new URL("../docs/gas.md", import.meta.url), markdown);

const over = rows.filter((row) => !row.ok);
if (over.length > 0) {
  console.error(`Gas budget exceeded: ${over.map((row) => `${row.operation} ${row.gas} > ${row.budget}`).join(", ")}`);
  process.exitCode = 1;
}
