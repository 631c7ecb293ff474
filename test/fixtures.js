// Shared deployment fixtures and helpers. Every test loads a fixture, so it starts from a fresh snapshot.
import { createECDH } from "node:crypto";
import { readFile } from "node:fs/promises";
import { network } from "hardhat";

export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;
export const { loadFixture, time } = networkHelpers;

export const DAY = 24n * 3600n;
export const YEAR = 365n * DAY;
/** The signer change delay of the test deployments. */
export const SIGNER_CHANGE_DELAY = 2n * DAY;

export const DepartmentStatus = { None: 0n, Active: 1n, Suspended: 2n };
export const ProposalKind = {
  AddDepartment: 0n, SuspendDepartment: 1n, RestoreDepartment: 2n, ChangeThreshold: 3n,
  ReplaceSigners: 4n, ReportCompromisedKey: 5n, RevokeGrants: 6n, ClearNode: 7n,
};
export const DocumentStatus = { Unknown: 0n, Valid: 1n, Expired: 2n, Revoked: 3n, Superseded: 4n, KeyCompromised: 5n };
// SubjectConsent (1): registry 2.4.0's EIP-712 consent; 2.5.0 makes no such grant, and the numbers stay.
export const GrantBasis = { LegalBasis: 0n, SubjectConsent: 1n, KindLegalBasis: 2n, PasskeyConsent: 3n };
export const GrantUse = { ViewOnce: 0n, Store: 1n };
/** The `revocableBy` flags of GrantTerms. */
export const Revokers = { Grantor: 1n, Grantee: 2n };
/**
 * GrantTerms as the API and CLI default them: store for 30 days, 10 fetches, revocable by the grantor side. An object
 * passes as the struct argument and spreads into a PasskeyConsent message; TERMS_ARGS is the same tuple as an event gives it.
 */
export const TERMS = { use: GrantUse.Store, retentionDays: 30n, maxFetches: 10n, revocableBy: Revokers.Grantor };
export const TERMS_ARGS = [TERMS.use, TERMS.retentionDays, TERMS.maxFetches, TERMS.revocableBy];
/** A record kind's id: SHA-256 of UTF-8 "ethgov:record-kind:" + name. */
export const kindId = (name) => ethers.sha256(ethers.toUtf8Bytes(`ethgov:record-kind:${name}`));
export const SignerChangeKind = { AddSigner: 0n, RemoveSigner: 1n, SetNode: 2n };
export const SignerChangeStatus = { None: 0n, Pending: 1n, Applied: 2n, Cancelled: 3n };

export const INTERIOR = 1n;
export const CIVIL_REGISTRY = 2n;
export const HEALTH = 3n;

/**
 * A P-256 public key as a department node publishes it: x || y (64 bytes, no 0x04 prefix), the key whose private
 * scalar is SHA-256 of `label`, so every run publishes the same keys.
 */
export function nodeKeyOf(label) {
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(Buffer.from(ethers.sha256(ethers.toUtf8Bytes(label)).slice(2), "hex"));
  return ethers.hexlify(ecdh.getPublicKey().subarray(1));
}

/** A node entry for the constructor or requestSetNode: [url, signingKey, encryptionKey]. */
export const nodeEntry = (url, label = url) => [url, nodeKeyOf(`${label} signing`), nodeKeyOf(`${label} encryption`)];

/** The constructor's node arrays for `count` founding departments without node entries. */
export const withoutNodes = (count) => [Array(count).fill(""), Array(count).fill("0x"), Array(count).fill("0x")];

/** The constructor's node arrays from one [url, signingKey, encryptionKey] entry per founding department. */
export const nodeArrays = (entries) => [entries.map((e) => e[0]), entries.map((e) => e[1]), entries.map((e) => e[2])];

/** SHA-256 of a label, standing in for the digest of a document's bytes. */
export const digestOf = (label) => ethers.sha256(ethers.toUtf8Bytes(label));

export const now = async () => BigInt(await time.latest());

export const TYPES = {
  Anchor: [
    { name: "digest", type: "bytes32" },
    { name: "validUntil", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  AnchorBatch: [
    { name: "root", type: "bytes32" },
    { name: "documentCount", type: "uint32" },
    { name: "validUntil", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  Revoke: [
    { name: "digest", type: "bytes32" },
    { name: "reason", type: "uint16" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  SignerConsent: [
    { name: "departmentId", type: "uint32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The EIP-712 domain of a deployed registry, optionally with a wrong chain id or contract. */
export async function domainOf(contract, overrides = {}) {
  const { chainId } = await ethers.provider.getNetwork();
  return { name: "EthGov", version: "1", chainId, verifyingContract: await contract.getAddress(), ...overrides };
}

/** Signs `message` (without nonce) as `primaryType` with the signer's current nonce. */
export async function signTyped(contract, signer, primaryType, message, domainOverrides = {}) {
  const nonce = message.nonce ?? (await contract.nonces(signer.address));
  const domain = await domainOf(contract, domainOverrides);
  return signer.signTypedData(domain, { [primaryType]: TYPES[primaryType] }, { ...message, nonce });
}

/** `newKey`'s consent to become a signer of `departmentId`: [deadline, signature]. */
export async function signerConsent(registry, newKey, departmentId, overrides = {}) {
  const deadline = overrides.deadline ?? (await now()) + DAY;
  const signature = await signTyped(registry, newKey, "SignerConsent", { departmentId, deadline, ...overrides });
  return [deadline, signature];
}

/** The id of the last signer change (the one a request just made). */
export const lastChangeId = async (registry) => registry.signerChangeCount();

/** Adds `newKey` to the department of `signer`: request with consent, wait out the delay, apply. */
export async function addSigner(registry, signer, newKey) {
  const [departmentId] = await registry.departmentOf(signer.address);
  await registry.connect(signer).requestAddSigner(newKey.address, ...(await signerConsent(registry, newKey, departmentId)));
  const changeId = await lastChangeId(registry);
  await time.increase(SIGNER_CHANGE_DELAY);
  await registry.connect(signer).applySignerChange(changeId);
  return changeId;
}

/** Removes `key` from the department of `signer` through a time-locked change. */
export async function removeSigner(registry, signer, key) {
  await registry.connect(signer).requestRemoveSigner(key.address);
  const changeId = await lastChangeId(registry);
  await time.increase(SIGNER_CHANGE_DELAY);
  await registry.connect(signer).applySignerChange(changeId);
  return changeId;
}

/** Sends a proposal transaction, then approves it with each of `approvers`; returns the proposal id. */
export async function decide(registry, proposalTx, approvers = []) {
  const receipt = await (await proposalTx).wait();
  const created = receipt.logs.map((log) => registry.interface.parseLog(log)).find((event) => event?.name === "ProposalCreated");
  const { proposalId } = created.args;
  for (const approver of approvers) await registry.connect(approver).approve(proposalId);
  return proposalId;
}

/** Deploys an EthGovPasskeyExtension, which a registry's constructor names; returns its address. */
export async function passkeyExtension(deployer) {
  const extension = await ethers.deployContract("EthGovPasskeyExtension", [], deployer);
  return extension.getAddress();
}

/**
 * Deploys a registry 2.x with `options` over the three test departments; `nodes` gives each its initial node entry
 * ([url, signingKey, encryptionKey], url "" for none).
 */
export async function deployRegistryWith({
  threshold = 2, delay = SIGNER_CHANGE_DELAY, legacy = ethers.ZeroAddress, nodes = null,
} = {}) {
  const [deployer, interior, civilRegistry, health, outsider, relayer, citizen, spareKey, otherKey, thirdKey] =
    await ethers.getSigners();
  const registry = await ethers.deployContract(
    "EthGovRegistry",
    [
      ["INT", "REG", "HLT"],
      ["Ministry of Interior", "Civil Registry", "Health Office"],
      [interior.address, civilRegistry.address, health.address],
      ...(nodes ? nodeArrays(nodes) : withoutNodes(3)),
      threshold,
      delay,
      legacy,
      await passkeyExtension(deployer),
    ],
    deployer,
  );
  return { registry, deployer, interior, civilRegistry, health, outsider, relayer, citizen, spareKey, otherKey, thirdKey };
}

/** Three departments (Interior, Civil Registry, Health), one signer each, threshold 2, a two-day signer change delay. */
export async function deployRegistry() {
  return deployRegistryWith();
}

/** {deployRegistry} where Health has been suspended by Interior and Civil Registry. */
export async function deployWithSuspendedHealth() {
  const fixture = await deployRegistry();
  const { registry, interior, civilRegistry } = fixture;
  await registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY);
  await registry.connect(civilRegistry).approve(1);
  return fixture;
}

/** {deployRegistry} where Interior added `spareKey` and then removed it again: a former member. */
export async function deployWithFormerSigner() {
  const fixture = await deployRegistry();
  const { registry, interior, spareKey } = fixture;
  await addSigner(registry, interior, spareKey);
  await removeSigner(registry, interior, spareKey);
  return { ...fixture, formerSigner: spareKey };
}

/** The registry 1.1.0 artifact (test/fixtures), built at the last 1.x commit. */
export async function legacyArtifact() {
  return JSON.parse(await readFile(new URL("./fixtures/EthGovRegistry-1.1.0.json", import.meta.url), "utf8"));
}

/**
 * Deploys registry 1.1.0 from the fixture artifact, by default with the three test departments (same codes as
 * {deployRegistry}), threshold 2.
 */
export async function deployLegacyRegistry({ codes = ["INT", "REG", "HLT"], names, signers, threshold = 2 } = {}) {
  const [deployer, interior, civilRegistry, health] = await ethers.getSigners();
  const artifact = await legacyArtifact();
  const factory = new ethers.ContractFactory(artifact.abi, artifact.bytecode, deployer);
  const legacy = await factory.deploy(
    codes,
    names ?? ["Ministry of Interior", "Civil Registry", "Health Office"],
    (signers ?? [interior, civilRegistry, health]).map((signer) => signer.address),
    threshold,
  );
  await legacy.waitForDeployment();
  return legacy;
}
