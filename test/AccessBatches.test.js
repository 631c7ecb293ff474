import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, now, DAY, deployRegistry, deployWithSuspendedHealth, digestOf, TERMS, INTERIOR, CIVIL_REGISTRY,
} from "./fixtures.js";

const ENTRY_DOMAIN = ethers.id("EthGov.AccessEntry.v1");
const BATCH_SIZE = 1000;
const TARGET_GAS_PER_ACCESS = 300;

/** An access entry's hash, as a grantee node puts it in its access-log tree (AccessEntry.Hash() in C#). */
function entryHash({ chainId, registry, grantId, recordId, holder, grantee, requestId, queryDigest = ethers.ZeroHash }) {
  return ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(
    ["bytes32", "uint256", "address", "uint256", "bytes32", "uint32", "uint32", "bytes32", "bytes32"],
    [ENTRY_DOMAIN, chainId, registry, grantId, recordId, holder, grantee, requestId, queryDigest]));
}

/** {deployRegistry} with a legal-basis grant from Interior to the Civil Registry (grant 1). */
async function deployWithGrant() {
  const fixture = await deployRegistry();
  const { registry, interior } = fixture;
  const recordId = digestOf("record: population register entry");
  await registry.connect(interior).anchor(recordId, 0);
  await registry.connect(interior).grantAccess(recordId, ethers.ZeroHash, [], CIVIL_REGISTRY, 1, (await now()) + 30n * DAY, digestOf("statute"), TERMS);
  return { ...fixture, grantId: 1n, recordId };
}

describe("Access batches", function () {
  it("logs a batch root for the caller's department, emits AccessBatchLogged and answers it from accessBatch()", async function () {
    const { registry, civilRegistry } = await loadFixture(deployRegistry);
    const root = digestOf("access batch 1");
    const tx = await registry.connect(civilRegistry).logAccessBatch(root, 42);
    await expect(tx).to.emit(registry, "AccessBatchLogged").withArgs(root, CIVIL_REGISTRY, 42n);
    const { blockNumber } = await tx.wait();
    // Read by position: `entries` is also the name of a method of ethers' Result.
    expect([...(await registry.accessBatch(root))]).to.deep.equal([CIVIL_REGISTRY, BigInt(blockNumber), 42n]);
  });

  it("answers zeros for a root never logged", async function () {
    const { registry } = await loadFixture(deployRegistry);
    expect([...(await registry.accessBatch(digestOf("never logged")))]).to.deep.equal([0n, 0n, 0n]);
  });

  it("is logged only by an active signer (NotActiveSigner for an outsider)", async function () {
    const { registry, outsider } = await loadFixture(deployRegistry);
    await expect(registry.connect(outsider).logAccessBatch(digestOf("outsider batch"), 1))
      .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(outsider.address);
  });

  it("refuses a suspended department's signer (NotActiveSigner)", async function () {
    const { registry, health } = await loadFixture(deployWithSuspendedHealth);
    await expect(registry.connect(health).logAccessBatch(digestOf("suspended batch"), 1))
      .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
  });

  it("refuses a zero root (ZeroRoot) and a batch of no entries (ZeroEntries)", async function () {
    const { registry, civilRegistry } = await loadFixture(deployRegistry);
    await expect(registry.connect(civilRegistry).logAccessBatch(ethers.ZeroHash, 1)).to.be.revertedWithCustomError(registry, "ZeroRoot");
    await expect(registry.connect(civilRegistry).logAccessBatch(digestOf("empty batch"), 0)).to.be.revertedWithCustomError(registry, "ZeroEntries");
  });

  it("refuses a root logged before, by the same or another department (AccessBatchExists), and keeps the first", async function () {
    const { registry, civilRegistry, interior } = await loadFixture(deployRegistry);
    const root = digestOf("access batch twice");
    await registry.connect(civilRegistry).logAccessBatch(root, 3);
    await expect(registry.connect(civilRegistry).logAccessBatch(root, 3))
      .to.be.revertedWithCustomError(registry, "AccessBatchExists").withArgs(root);
    await expect(registry.connect(interior).logAccessBatch(root, 9))
      .to.be.revertedWithCustomError(registry, "AccessBatchExists").withArgs(root);
    const [departmentId, , entries] = await registry.accessBatch(root);
    expect([departmentId, entries]).to.deep.equal([CIVIL_REGISTRY, 3n]);
  });

  it(`costs at most ${TARGET_GAS_PER_ACCESS} gas per access in a batch of ${BATCH_SIZE.toLocaleString("en-US")}, against one logAccess`, async function () {
    const { registry, civilRegistry, grantId, recordId } = await loadFixture(deployWithGrant);
    const { chainId } = await ethers.provider.getNetwork();
    const registryAddress = await registry.getAddress();
    const leaves = Array.from({ length: BATCH_SIZE }, (_, i) => [entryHash({
      chainId, registry: registryAddress, grantId, recordId, holder: INTERIOR, grantee: CIVIL_REGISTRY, requestId: digestOf(`request ${i}`),
    })]);
    const tree = StandardMerkleTree.of(leaves, ["bytes32"]);

    const single = Number((await (await registry.connect(civilRegistry).logAccess(grantId)).wait()).gasUsed);
    const batch = Number((await (await registry.connect(civilRegistry).logAccessBatch(tree.root, BATCH_SIZE)).wait()).gasUsed);
    const perAccess = batch / BATCH_SIZE;
    console.log(`      logAccess: ${single.toLocaleString("en-US")} gas per access; logAccessBatch of ${BATCH_SIZE.toLocaleString("en-US")}: ` +
      `${batch.toLocaleString("en-US")} gas, ${perAccess.toFixed(1)} gas per access (${(single / perAccess).toFixed(0)}x less)`);
    expect(perAccess).to.be.at.most(TARGET_GAS_PER_ACCESS);
    expect(perAccess).to.be.below(single / 100);
    // The tree a holder checks proofs against is the one logged: an entry's proof leads to the logged root.
    expect(StandardMerkleTree.verify(tree.root, ["bytes32"], leaves[517], tree.getProof(517))).to.equal(true);
    expect((await registry.accessBatch(tree.root))[2]).to.equal(BigInt(BATCH_SIZE));
  });

  it("leaves logAccess as it was: a batch logged by a department neither needs nor changes its grants", async function () {
    const { registry, civilRegistry, grantId, recordId } = await loadFixture(deployWithGrant);
    await registry.connect(civilRegistry).logAccessBatch(digestOf("a batch"), 2);
    await expect(registry.connect(civilRegistry).logAccess(grantId)).to.emit(registry, "AccessLogged").withArgs(grantId, recordId, CIVIL_REGISTRY);
    expect(await registry.isGrantValid(grantId)).to.equal(true);
  });
});
