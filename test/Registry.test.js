import { expect } from "chai";
import hre from "hardhat";
import { ethers, loadFixture, now, DAY, deployRegistry, INTERIOR } from "./fixtures.js";

const EIP170_LIMIT = 24_576;
const EIP3860_INITCODE_LIMIT = 49_152;

/** The extension the registry created in its constructor (the registry's first contract creation). */
async function extensionOf(registry) {
  const address = ethers.getCreateAddress({ from: await registry.getAddress(), nonce: 1 });
  return ethers.getContractAt("EthGovRegistryExtension", address);
}

describe("Registry", function () {
  it("reports version 2.5.0", async function () {
    const { registry } = await loadFixture(deployRegistry);
    expect(await registry.version()).to.equal("2.5.0");
  });

  it("keeps the registry and its extension below the EIP-170 size limit and the creation code below EIP-3860's", async function () {
    const { registry } = await loadFixture(deployRegistry);
    const extension = await extensionOf(registry);
    const registryCode = await ethers.provider.getCode(await registry.getAddress());
    const extensionCode = await ethers.provider.getCode(await extension.getAddress());
    expect(ethers.dataLength(registryCode)).to.be.lessThan(EIP170_LIMIT);
    expect(ethers.dataLength(extensionCode)).to.be.greaterThan(0).and.lessThan(EIP170_LIMIT);
    const { bytecode } = await ethers.getContractFactory("EthGovRegistry");
    expect(ethers.dataLength(bytecode)).to.be.lessThan(EIP3860_INITCODE_LIMIT);
  });

  it("runs the passkey functions in a passkey extension whose code on chain is the artifact's", async function () {
    const { registry } = await loadFixture(deployRegistry);
    const code = await ethers.provider.getCode(await registry.passkeyExtension());
    const { deployedBytecode } = await hre.artifacts.readArtifact("EthGovPasskeyExtension");
    expect(code).to.equal(deployedBytecode);
    expect(ethers.dataLength(code)).to.be.lessThan(EIP170_LIMIT);
  });

  it("declares every function, event and error of the passkey extension, so calls and reverts decode with its ABI", async function () {
    const { registry } = await loadFixture(deployRegistry);
    const { abi } = await hre.artifacts.readArtifact("EthGovPasskeyExtension");
    const passkey = new ethers.Interface(abi);
    const declared = (fragment) => fragment.type === "function" ? registry.interface.getFunction(fragment.selector)
      : fragment.type === "event" ? registry.interface.getEvent(fragment.topicHash) : registry.interface.getError(fragment.selector);
    const missing = passkey.fragments.filter((f) => ["function", "event", "error"].includes(f.type) && declared(f) === null).map((f) => f.format());
    expect(passkey.fragments.length).to.be.greaterThan(10);
    expect(missing).to.deep.equal([]);
  });

  it("gives no function the selector its views use to reach the extension", async function () {
    const { registry } = await loadFixture(deployRegistry);
    const viewCall = ethers.id("ethgov.extension.view").slice(0, 10);
    const selectors = registry.interface.fragments.filter((f) => f.type === "function").map((f) => f.selector);
    expect(selectors).to.not.include(viewCall);
    expect(new Set(selectors).size).to.equal(selectors.length);
  });

  it("refuses unknown calls, including the view selector from another account, without data", async function () {
    const { registry, outsider } = await loadFixture(deployRegistry);
    const viewCall = ethers.id("ethgov.extension.view").slice(0, 10);
    const department = registry.interface.encodeFunctionData("departmentCount");
    for (const data of ["0x12345678", ethers.concat([viewCall, department])]) {
      await expect(outsider.sendTransaction({ to: await registry.getAddress(), data })).to.be.revertedWithoutReason(ethers);
    }
  });

  it("leaves the extension powerless when called directly: its own storage knows no signer", async function () {
    const { registry, interior } = await loadFixture(deployRegistry);
    const extension = await extensionOf(registry);
    await expect(extension.connect(interior).approve(1))
      .to.be.revertedWithCustomError(extension, "NotActiveSigner").withArgs(interior.address);
    await expect(extension.connect(interior).proposeSuspendDepartment(INTERIOR, (await now()) + DAY))
      .to.be.revertedWithCustomError(extension, "UnknownDepartment").withArgs(INTERIOR);
    expect(await extension.departmentCount()).to.equal(0n);
    expect(await registry.departmentOf(interior.address)).to.deep.equal([INTERIOR, true]);
  });
});
