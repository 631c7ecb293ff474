import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  ethers, loadFixture, now, DAY, SIGNER_CHANGE_DELAY, deployRegistry, deployLegacyRegistry, decide, digestOf, withoutNodes,
  DocumentStatus,
  passkeyExtension,
} from "./fixtures.js";

// Registry 2.0 here lists the departments in another order than 1.1.0 (Health, Interior, Civil Registry),
// so Interior is 1 in 1.1.0 and 2 here, Health 3 there and 1 here: only the codes match.
const V2_HEALTH = 1n;
const V2_INTERIOR = 2n;

/**
 * A registry 1.1.0 (the test fixture artifact) where Interior anchored `single` and the batch `tree`, and Health
 * anchored `healthDocument`; then registry 2.0 deployed with it as legacy registry (the cut-over); then Interior
 * anchored `late` in 1.1.0 after the cut-over.
 */
async function deployWithLegacy() {
  const [deployer, interior, civilRegistry, health, outsider, , , spareKey] = await ethers.getSigners();
  const legacy = await deployLegacyRegistry();
  const single = digestOf("1.x: single certificate");
  await legacy.connect(interior).anchor(single, 0);
  const leaves = [0, 1, 2, 3, 4].map((i) => [digestOf(`1.x: batch certificate ${i}`)]);
  const tree = StandardMerkleTree.of(leaves, ["bytes32"]);
  await legacy.connect(interior).anchorBatch(tree.root, leaves.length, 0);
  const healthDocument = digestOf("1.x: health record");
  await legacy.connect(health).anchor(healthDocument, 0);

  const registry = await ethers.deployContract(
    "EthGovRegistry",
    [
      ["HLT", "INT", "REG"],
      ["Health Office", "Ministry of Interior", "Civil Registry"],
      [health.address, interior.address, civilRegistry.address],
      ...withoutNodes(3),
      2,
      SIGNER_CHANGE_DELAY,
      await legacy.getAddress(),
      await passkeyExtension(deployer),
    ],
    deployer,
  );
  const cutover = BigInt((await registry.deploymentTransaction().wait()).blockNumber);

  const late = digestOf("1.x: anchored after the cut-over");
  await legacy.connect(interior).anchor(late, 0);
  return { registry, legacy, interior, civilRegistry, health, outsider, spareKey, single, tree, leaves, healthDocument, late, cutover };
}

describe("Legacy 1.x documents", function () {
  it("names the 1.x registry and the cut-over block (this registry's deployment block)", async function () {
    const { registry, legacy, cutover } = await loadFixture(deployWithLegacy);
    expect(await registry.legacyRegistry()).to.equal(await legacy.getAddress());
    expect(await registry.legacyCutoverBlock()).to.equal(cutover);
    expect(await legacy.version()).to.equal("1.1.0");
  });

  it("lets the department with the same code revoke a document it anchored singly in 1.x before the cut-over", async function () {
    const { registry, interior, single } = await loadFixture(deployWithLegacy);
    expect(await registry.legacyRevocation(V2_INTERIOR, single)).to.deep.equal([false, 0n]);
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, single, [], 5))
      .to.emit(registry, "LegacyDocumentRevoked").withArgs(single, V2_INTERIOR, ethers.ZeroHash, 5n);
    expect(await registry.legacyRevocation(V2_INTERIOR, single)).to.deep.equal([true, 5n]);
    expect(await registry.legacyRevocation(V2_HEALTH, single)).to.deep.equal([false, 0n]);
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, single, [], 6))
      .to.be.revertedWithCustomError(registry, "AlreadyRevoked").withArgs(single);
  });

  it("revokes a member of a 1.x batch with its Merkle proof, and refuses a wrong proof", async function () {
    const { registry, interior, tree, leaves } = await loadFixture(deployWithLegacy);
    const member = leaves[3][0];
    await expect(registry.connect(interior).revokeLegacy(tree.root, member, tree.getProof(2), 1))
      .to.be.revertedWithCustomError(registry, "LegacyDocumentNotFound").withArgs(tree.root, member);
    await expect(registry.connect(interior).revokeLegacy(tree.root, member, tree.getProof(3), 1))
      .to.emit(registry, "LegacyDocumentRevoked").withArgs(member, V2_INTERIOR, tree.root, 1n);
    expect(await registry.legacyRevocation(V2_INTERIOR, member)).to.deep.equal([true, 1n]);
  });

  it("refuses a document anchored in 1.x after the cut-over with LegacyAnchoredAfterCutover", async function () {
    const { registry, legacy, interior, late, cutover } = await loadFixture(deployWithLegacy);
    const { anchoredBlock } = await legacy.check(late);
    expect(anchoredBlock).to.be.greaterThan(cutover);
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, late, [], 1))
      .to.be.revertedWithCustomError(registry, "LegacyAnchoredAfterCutover").withArgs(late, anchoredBlock);
    // What verifiers read: 1.x at the block before the cut-over, where the late document does not exist.
    expect((await legacy.check(late, { blockTag: Number(cutover) - 1 })).status).to.equal(DocumentStatus.Unknown);
  });

  it("refuses another department's 1.x document with NotIssuingDepartment", async function () {
    const { registry, health, interior, single, healthDocument } = await loadFixture(deployWithLegacy);
    await expect(registry.connect(health).revokeLegacy(ethers.ZeroHash, single, [], 1))
      .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(single, V2_HEALTH);
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, healthDocument, [], 1))
      .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(healthDocument, V2_INTERIOR);
  });

  it("refuses a department whose code 1.x does not know with NotIssuingDepartment", async function () {
    const { registry, interior, civilRegistry, spareKey, single } = await loadFixture(deployWithLegacy);
    await decide(registry, registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY), [civilRegistry]);
    await expect(registry.connect(spareKey).revokeLegacy(ethers.ZeroHash, single, [], 1))
      .to.be.revertedWithCustomError(registry, "NotIssuingDepartment").withArgs(single, 4n);
  });

  it("refuses a digest 1.x never anchored with LegacyDocumentNotFound", async function () {
    const { registry, interior } = await loadFixture(deployWithLegacy);
    const unknown = digestOf("never anchored anywhere");
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, unknown, [], 1))
      .to.be.revertedWithCustomError(registry, "LegacyDocumentNotFound").withArgs(ethers.ZeroHash, unknown);
  });

  it("keeps 2.0 documents apart from legacy revocations", async function () {
    const { registry, interior, single } = await loadFixture(deployWithLegacy);
    await registry.connect(interior).anchor(single, 0);
    await registry.connect(interior).revokeLegacy(ethers.ZeroHash, single, [], 2);
    expect((await registry.check(V2_INTERIOR, single)).status).to.equal(DocumentStatus.Valid);
  });

  it("refuses legacy revocation without a legacy registry with NoLegacyRegistry", async function () {
    const { registry, interior } = await loadFixture(deployRegistry);
    expect(await registry.legacyRegistry()).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(interior).revokeLegacy(ethers.ZeroHash, digestOf("x"), [], 1))
      .to.be.revertedWithCustomError(registry, "NoLegacyRegistry");
  });

  it("refuses a legacy registry address without code with InvalidLegacyRegistry", async function () {
    const [, a, b] = await ethers.getSigners();
    const factory = await ethers.getContractFactory("EthGovRegistry");
    await expect(factory.deploy(["A"], ["Alpha"], [a.address], ...withoutNodes(1), 1, 0, b.address, await passkeyExtension()))
      .to.be.revertedWithCustomError(factory, "InvalidLegacyRegistry").withArgs(b.address);
  });
});
