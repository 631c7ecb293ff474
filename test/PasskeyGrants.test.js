import { expect } from "chai";
import {
  ethers, networkHelpers, loadFixture, time, now, DAY, TERMS, TERMS_ARGS, GrantBasis, Revokers, INTERIOR, CIVIL_REGISTRY, HEALTH,
  digestOf, deployRegistry,
} from "./fixtures.js";
import { Passkey, Flags, P256_N, registryDomain, passkeyChallenge, randomChallenge } from "./passkey.js";
import { domainOf, passkeyConsent, submitPasskeyConsent as submit } from "./passkeyConsents.js";

async function passkeyRevocation(registry, passkey, grantId, overrides = {}) {
  const deadline = overrides.deadline ?? (await now()) + DAY;
  const nonce = await registry.passkeyNonce(passkey.id);
  const challenge = passkeyChallenge(await domainOf(registry), "PasskeyRevocation", { grantId, passkeyId: passkey.id, nonce, deadline });
  return { deadline, challenge, assertion: passkey.assert(challenge) };
}

async function deployWithPasskeyGrant() {
  const fixture = await deployRegistry();
  const passkey = new Passkey("citizen passkey");
  const consent = await passkeyConsent(fixture.registry, passkey);
  await submit(fixture.registry, fixture.relayer, consent);
  return { ...fixture, passkey, consent, grantId: 1n };
}

describe("Passkey consent (WebAuthn, P-256, verified on chain)", function () {
  describe("grantAccessByPasskey", function () {
    it("records a consent signed by a passkey, naming the passkey id and no address", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      await expect(submit(registry, relayer, c))
        .to.emit(registry, "AccessGranted")
        .withArgs(1n, c.recordId, CIVIL_REGISTRY, 0n, passkey.id, c.purpose, c.expiresAt, GrantBasis.PasskeyConsent, ethers.ZeroHash, TERMS_ARGS)
        .and.to.emit(registry, "PasskeyConsentGranted").withArgs(1n, passkey.id);
      const grant = await registry.grant(1n);
      expect([grant.recordId, grant.subject, grant.grantorDepartment, grant.granteeDepartment, grant.basis])
        .to.deep.equal([c.recordId, passkey.id, 0n, CIVIL_REGISTRY, GrantBasis.PasskeyConsent]);
      expect(await registry.grantPasskey(1n)).to.equal(passkey.id);
      expect(await registry.isGrantValid(1n)).to.equal(true);
      expect(await registry.passkeyNonce(passkey.id)).to.equal(1n);
      expect(passkey.id).to.equal(ethers.keccak256(ethers.concat([passkey.x, passkey.y])));
    });

    it("accepts a high-s signature, as authenticators produce half the time", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("high-s passkey");
      const c = await passkeyConsent(registry, passkey, {}, { highS: true });
      expect(BigInt(c.assertion.s)).to.be.greaterThan(P256_N / 2n);
      await expect(submit(registry, relayer, c)).to.emit(registry, "PasskeyConsentGranted").withArgs(1n, passkey.id);
    });

    it("refuses a consent signed for another record with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      const other = await passkeyConsent(registry, passkey, { recordId: digestOf("passkey: someone else's record") });
      await expect(submit(registry, relayer, c, { recordId: other.recordId }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, other.challenge);
    });

    it("refuses a consent signed for another grantee department with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      const other = await passkeyConsent(registry, passkey, { granteeDepartment: HEALTH });
      await expect(submit(registry, relayer, c, { granteeDepartment: HEALTH }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, other.challenge);
    });

    it("refuses wider terms or a later expiry than the passkey signed with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      const wider = { ...TERMS, maxFetches: 1000n };
      await expect(submit(registry, relayer, c, { terms: wider }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch");
      await expect(submit(registry, relayer, c, { expiresAt: c.expiresAt + DAY }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch");
    });

    it("refuses a replayed assertion with PasskeyChallengeMismatch (the nonce moved on)", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      await submit(registry, relayer, c);
      const next = await passkeyConsent(registry, passkey, { expiresAt: c.expiresAt, deadline: c.deadline, nonce: 1n });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, next.challenge);
      expect(await registry.grantCount()).to.equal(1n);
    });

    it("refuses an assertion over a wrong challenge with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      await expect(submit(registry, relayer, c, { assertion: passkey.assert(randomChallenge()) }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, c.challenge);
    });

    it("refuses an assertion for another registry (another EIP-712 domain) with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      const elsewhere = passkeyChallenge(registryDomain(1n, await registry.getAddress()), "PasskeyConsent", {
        recordId: c.recordId, granteeDepartment: c.granteeDepartment, purpose: c.purpose, expiresAt: c.expiresAt, ...TERMS,
        passkeyId: passkey.id, nonce: 0n, deadline: c.deadline,
      });
      await expect(submit(registry, relayer, c, { assertion: passkey.assert(elsewhere) }))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, c.challenge);
    });

    it("refuses an assertion past its deadline with ExpiredSignature", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey);
      await time.increaseTo(c.deadline + 1n);
      await expect(submit(registry, relayer, c)).to.be.revertedWithCustomError(registry, "ExpiredSignature").withArgs(c.deadline);
    });

    it("refuses an assertion without the user-verified flag with PasskeyUserNotVerified", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, {}, { flags: Flags.UP });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "PasskeyUserNotVerified").withArgs(passkey.id, "0x01");
    });

    it("refuses an assertion without the user-present flag with PasskeyUserNotVerified", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, {}, { flags: Flags.UV });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "PasskeyUserNotVerified").withArgs(passkey.id, "0x04");
    });

    it("refuses a client data JSON changed after signing with InvalidPasskeySignature", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, {}, { tamper: (json) => json.replace("http://localhost:5080", "https://evil.example") });
      expect(c.assertion.clientDataJSON).to.contain("evil.example");
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "InvalidPasskeySignature").withArgs(passkey.id);
    });

    it("refuses client data that does not follow WebAuthn's serialization (challenge not at offset 23) with PasskeyChallengeMismatch", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const serialize = ({ type, challenge, origin }) => `{"origin":"${origin}","type":"${type}","challenge":"${challenge}"}`;
      const c = await passkeyConsent(registry, passkey, {}, { serialize });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch").withArgs(passkey.id, c.challenge);
    });

    it("refuses authenticator data shorter than 37 bytes with InvalidPasskeySignature", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, {}, { authenticatorData: Buffer.alloc(36, 5) });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "InvalidPasskeySignature").withArgs(passkey.id);
    });

    it("refuses an assertion of another type than webauthn.get (same length, challenge in place) with InvalidPasskeySignature", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, {}, { type: "webauthn.set" });
      await expect(submit(registry, relayer, c))
        .to.be.revertedWithCustomError(registry, "InvalidPasskeySignature").withArgs(passkey.id);
    });

    it("refuses another passkey's signature presented with the citizen's public key with InvalidPasskeySignature", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const thief = new Passkey("another passkey");
      const c = await passkeyConsent(registry, passkey);
      // The thief's signature over the citizen's challenge, presented with the citizen's public key.
      const forged = { ...thief.assert(c.challenge), x: passkey.x, y: passkey.y };
      await expect(submit(registry, relayer, c, { assertion: forged }))
        .to.be.revertedWithCustomError(registry, "InvalidPasskeySignature").withArgs(passkey.id);
    });

    it("applies the consent rules: terms the citizen cannot revoke are refused with ConsentIrrevocable", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, { terms: { ...TERMS, revocableBy: Revokers.Grantee } });
      await expect(submit(registry, relayer, c)).to.be.revertedWithCustomError(registry, "ConsentIrrevocable").withArgs(Revokers.Grantee);
    });

    it("is refused when called on the passkey extension directly (its own storage has no departments)", async function () {
      const { registry, relayer } = await loadFixture(deployRegistry);
      const extension = await ethers.getContractAt("EthGovPasskeyExtension", await registry.passkeyExtension());
      const passkey = new Passkey("citizen passkey");
      const domain = registryDomain((await ethers.provider.getNetwork()).chainId, await extension.getAddress());
      const deadline = (await now()) + DAY;
      const expiresAt = (await now()) + 30n * DAY;
      const recordId = digestOf("passkey: direct");
      const challenge = passkeyChallenge(domain, "PasskeyConsent", {
        recordId, granteeDepartment: CIVIL_REGISTRY, purpose: 3n, expiresAt, ...TERMS, passkeyId: passkey.id, nonce: 0n, deadline,
      });
      await expect(extension.connect(relayer).grantAccessByPasskey(recordId, CIVIL_REGISTRY, 3n, expiresAt, TERMS, passkey.assert(challenge), deadline))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(CIVIL_REGISTRY);
    });
  });

  describe("revokeGrantByPasskey", function () {
    it("revokes a consent by the passkey that gave it", async function () {
      const { registry, relayer, passkey, grantId, consent } = await loadFixture(deployWithPasskeyGrant);
      const r = await passkeyRevocation(registry, passkey, grantId);
      await expect(registry.connect(relayer).revokeGrantByPasskey(grantId, r.assertion, r.deadline))
        .to.emit(registry, "PasskeyConsentRevoked").withArgs(grantId, consent.recordId, passkey.id);
      expect(await registry.isGrantValid(grantId)).to.equal(false);
      expect((await registry.grant(grantId)).revoked).to.equal(true);
    });

    it("refuses a revocation by another passkey with NotGrantPasskey", async function () {
      const { registry, relayer, grantId } = await loadFixture(deployWithPasskeyGrant);
      const other = new Passkey("another passkey");
      const r = await passkeyRevocation(registry, other, grantId);
      await expect(registry.connect(relayer).revokeGrantByPasskey(grantId, r.assertion, r.deadline))
        .to.be.revertedWithCustomError(registry, "NotGrantPasskey").withArgs(grantId, other.id);
    });

    it("refuses a passkey revocation of a grant that is no passkey consent with NotGrantPasskey", async function () {
      const { registry, relayer, interior, passkey } = await loadFixture(deployWithPasskeyGrant);
      const record = digestOf("passkey: legal basis record");
      await registry.connect(interior).anchor(record, 0);
      await registry.connect(interior).grantAccess(record, ethers.ZeroHash, [], HEALTH, 1, (await now()) + DAY, digestOf("statute"), TERMS);
      const r = await passkeyRevocation(registry, passkey, 2n);
      await expect(registry.connect(relayer).revokeGrantByPasskey(2n, r.assertion, r.deadline))
        .to.be.revertedWithCustomError(registry, "NotGrantPasskey").withArgs(2n, passkey.id);
    });

    it("refuses a replayed revocation with PasskeyChallengeMismatch, and a revoked grant's with GrantNotActive", async function () {
      const { registry, relayer, passkey, grantId } = await loadFixture(deployWithPasskeyGrant);
      const r = await passkeyRevocation(registry, passkey, grantId);
      await registry.connect(relayer).revokeGrantByPasskey(grantId, r.assertion, r.deadline);
      await expect(registry.connect(relayer).revokeGrantByPasskey(grantId, r.assertion, r.deadline))
        .to.be.revertedWithCustomError(registry, "PasskeyChallengeMismatch");
      const again = await passkeyRevocation(registry, passkey, grantId);
      await expect(registry.connect(relayer).revokeGrantByPasskey(grantId, again.assertion, again.deadline))
        .to.be.revertedWithCustomError(registry, "GrantNotActive").withArgs(grantId);
    });

    it("refuses an unknown grant with GrantNotFound", async function () {
      const { registry, relayer, passkey } = await loadFixture(deployWithPasskeyGrant);
      const r = await passkeyRevocation(registry, passkey, 99n);
      await expect(registry.connect(relayer).revokeGrantByPasskey(99n, r.assertion, r.deadline))
        .to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(99n);
    });

    it("leaves no address able to revoke a passkey consent as its subject", async function () {
      const { registry, outsider, interior, grantId } = await loadFixture(deployWithPasskeyGrant);
      await expect(registry.connect(outsider).revokeGrant(grantId)).to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, outsider.address);
      await expect(registry.connect(interior).revokeGrant(grantId)).to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, interior.address);
    });

    it("refuses the address made of the passkey id's low 20 bytes as the grant's subject (NotRevoker)", async function () {
      const { registry, grantId, passkey } = await loadFixture(deployWithPasskeyGrant);
      // The grant's subject word holds the passkey id; an address compared with only its low 160 bits would pass here.
      const lookalike = ethers.getAddress(ethers.dataSlice(passkey.id, 12));
      await networkHelpers.impersonateAccount(lookalike);
      await networkHelpers.setBalance(lookalike, ethers.parseEther("1"));
      const signer = await ethers.getSigner(lookalike);
      await expect(registry.connect(signer).revokeGrant(grantId)).to.be.revertedWithCustomError(registry, "NotRevoker").withArgs(grantId, lookalike);
      expect(await registry.isGrantValid(grantId)).to.equal(true);
    });

    it("lets the grantee renounce a passkey consent when its terms allow it", async function () {
      const { registry, relayer, civilRegistry } = await loadFixture(deployRegistry);
      const passkey = new Passkey("citizen passkey");
      const c = await passkeyConsent(registry, passkey, { terms: { ...TERMS, revocableBy: Revokers.Grantor | Revokers.Grantee } });
      await submit(registry, relayer, c);
      await expect(registry.connect(civilRegistry).revokeGrant(1n)).to.emit(registry, "GrantRevoked").withArgs(1n, c.recordId, civilRegistry.address);
    });
  });

  describe("views", function () {
    it("grantPasskey answers zero for a grant of another basis and GrantNotFound for an unknown id", async function () {
      const { registry, interior } = await loadFixture(deployWithPasskeyGrant);
      const record = digestOf("passkey: legal basis record");
      await registry.connect(interior).anchor(record, 0);
      await registry.connect(interior).grantAccess(record, ethers.ZeroHash, [], HEALTH, 1, (await now()) + DAY, digestOf("statute"), TERMS);
      expect(await registry.grantPasskey(2n)).to.equal(ethers.ZeroHash);
      await expect(registry.grantPasskey(3n)).to.be.revertedWithCustomError(registry, "GrantNotFound").withArgs(3n);
    });

    it("refuses a passkey extension address without code with InvalidPasskeyExtension", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A"], ["Alpha"], [a.address], [""], ["0x"], ["0x"], 1, 0, ethers.ZeroAddress, b.address))
        .to.be.revertedWithCustomError(factory, "InvalidPasskeyExtension").withArgs(b.address);
    });
  });
});
