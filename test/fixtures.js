// Shared deployment fixtures and helpers. Every test loads a fixture, so it starts from a fresh snapshot.
import { network } from "hardhat";

export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;
export const { loadFixture, time } = networkHelpers;

export const DAY = 24n * 3600n;
export const YEAR = 365n * DAY;

export const DepartmentStatus = { None: 0n, Active: 1n, Suspended: 2n };
export const ProposalKind = { AddDepartment: 0n, SuspendDepartment: 1n, RestoreDepartment: 2n, ChangeThreshold: 3n };
export const DocumentStatus = { Unknown: 0n, Valid: 1n, Expired: 2n, Revoked: 3n, Superseded: 4n };
export const GrantBasis = { LegalBasis: 0n, SubjectConsent: 1n };

export const INTERIOR = 1n;
export const CIVIL_REGISTRY = 2n;
export const HEALTH = 3n;

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
  Consent: [
    { name: "recordId", type: "bytes32" },
    { name: "granteeDepartment", type: "uint32" },
    { name: "purpose", type: "uint16" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
  RevokeConsent: [
    { name: "grantId", type: "uint256" },
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

/** Three departments (Interior, Civil Registry, Health), one signer each, threshold 2. */
export async function deployRegistry() {
  const [deployer, interior, civilRegistry, health, outsider, relayer, citizen, spareKey, otherKey] =
    await ethers.getSigners();
  const registry = await ethers.deployContract(
    "EthGovRegistry",
    [
      ["INT", "REG", "HLT"],
      ["Ministry of Interior", "Civil Registry", "Health Office"],
      [interior.address, civilRegistry.address, health.address],
      2,
    ],
    deployer,
  );
  return { registry, deployer, interior, civilRegistry, health, outsider, relayer, citizen, spareKey, otherKey };
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
  await registry.connect(interior).addSigner(spareKey.address);
  await registry.connect(interior).removeSigner(spareKey.address);
  return { ...fixture, formerSigner: spareKey };
}
