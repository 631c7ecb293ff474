import { expect } from "chai";
import {
  ethers, loadFixture, time, now, DAY, SIGNER_CHANGE_DELAY, deployRegistry, deployWithSuspendedHealth, addSigner,
  removeSigner, withoutNodes, nodeEntry, nodeArrays, deployRegistryWith, DepartmentStatus, ProposalKind, INTERIOR, CIVIL_REGISTRY, HEALTH, digestOf,
  passkeyExtension,
} from "./fixtures.js";

const coder = ethers.AbiCoder.defaultAbiCoder();

describe("Departments", function () {
  describe("deployment", function () {
    it("registers the initial departments with ids 1..n, one active signer each with key id 1", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      expect(await registry.departmentCount()).to.equal(3n);
      expect(await registry.activeDepartmentCount()).to.equal(3n);
      expect(await registry.threshold()).to.equal(2n);
      expect(await registry.quorum()).to.equal(2n);
      const department = await registry.department(INTERIOR);
      expect(department.code).to.equal("INT");
      expect(department.name).to.equal("Ministry of Interior");
      expect(department.status).to.equal(DepartmentStatus.Active);
      expect(department.signers).to.deep.equal([interior.address]);
      expect(await registry.departmentIdByCode("HLT")).to.equal(HEALTH);
      expect(await registry.departmentOf(health.address)).to.deep.equal([HEALTH, true]);
      expect(await registry.keyOf(health.address)).to.deep.equal([HEALTH, 1n, true, 0n]);
      expect(await registry.key(HEALTH, 1)).to.deep.equal([health.address, 0n]);
      expect(await registry.keyCount(HEALTH)).to.equal(1n);
      expect(await registry.signerChangeDelay()).to.equal(SIGNER_CHANGE_DELAY);
      expect(await registry.MAX_SIGNERS()).to.equal(8n);
    });

    it("emits DepartmentAdded, SignerAdded with the key id and ThresholdChanged for the initial set", async function () {
      const [, a, b] = await ethers.getSigners();
      const registry = await ethers.deployContract("EthGovRegistry", [["A", "B"], ["Alpha", "Beta"], [a.address, b.address], ...withoutNodes(2), 1, 0, ethers.ZeroAddress, await passkeyExtension()]);
      const tx = registry.deploymentTransaction();
      await expect(tx).to.emit(registry, "DepartmentAdded").withArgs(1n, "A", "Alpha");
      await expect(tx).to.emit(registry, "SignerAdded").withArgs(2n, b.address, 1n);
      await expect(tx).to.emit(registry, "ThresholdChanged").withArgs(0n, 1n);
    });

    it("rejects arrays of different lengths with InvalidDepartment", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "B"], ["Alpha"], [a.address], ...withoutNodes(2), 1, 0, ethers.ZeroAddress, await passkeyExtension())).to.be.revertedWithCustomError(factory, "InvalidDepartment");
    });

    it("rejects an empty code, an empty name or a zero signer with InvalidDepartment", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy([""], ["Alpha"], [a.address], ...withoutNodes(1), 1, 0, ethers.ZeroAddress, await passkeyExtension())).to.be.revertedWithCustomError(factory, "InvalidDepartment");
      await expect(factory.deploy(["A"], [""], [a.address], ...withoutNodes(1), 1, 0, ethers.ZeroAddress, await passkeyExtension())).to.be.revertedWithCustomError(factory, "InvalidDepartment");
      await expect(factory.deploy(["A"], ["Alpha"], [ethers.ZeroAddress], ...withoutNodes(1), 1, 0, ethers.ZeroAddress, await passkeyExtension())).to.be.revertedWithCustomError(factory, "InvalidDepartment");
    });

    it("rejects a threshold of zero or above the department count with InvalidThreshold", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, b.address], ...withoutNodes(2), 0, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidThreshold").withArgs(0n, 2n);
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, b.address], ...withoutNodes(2), 3, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidThreshold").withArgs(3n, 2n);
    });

    it("rejects a duplicate code with DepartmentCodeTaken and a duplicate signer with SignerAlreadyRegistered", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "A"], ["Alpha", "Beta"], [a.address, b.address], ...withoutNodes(2), 1, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "DepartmentCodeTaken").withArgs("A");
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, a.address], ...withoutNodes(2), 1, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "SignerAlreadyRegistered").withArgs(a.address);
    });

    it("publishes the founding departments' node entries and emits DepartmentNodeChanged for each", async function () {
      const interiorNode = nodeEntry("https://node.interior.example");
      const registryNode = nodeEntry("http://127.0.0.1:5081");
      const { registry } = await deployRegistryWith({ nodes: [interiorNode, registryNode, ["", "0x", "0x"]] });
      const tx = registry.deploymentTransaction();
      const deployedAt = BigInt((await ethers.provider.getBlock((await tx.wait()).blockNumber)).timestamp);
      await expect(tx).to.emit(registry, "DepartmentNodeChanged").withArgs(INTERIOR, ...interiorNode);
      await expect(tx).to.emit(registry, "DepartmentNodeChanged").withArgs(CIVIL_REGISTRY, ...registryNode);
      const emitted = (await tx.wait()).logs.map((log) => registry.interface.parseLog(log)).filter((e) => e?.name === "DepartmentNodeChanged");
      expect(emitted.map((e) => e.args.departmentId)).to.deep.equal([INTERIOR, CIVIL_REGISTRY]);
      expect(await registry.departmentNode(INTERIOR)).to.deep.equal([...interiorNode, deployedAt]);
      expect(await registry.departmentNode(CIVIL_REGISTRY)).to.deep.equal([...registryNode, deployedAt]);
      expect(await registry.departmentNode(HEALTH)).to.deep.equal(["", "0x", "0x", 0n]);
    });

    it("rejects node arrays of another length than the departments' with InvalidDepartment", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      const [urls, signingKeys, encryptionKeys] = withoutNodes(2);
      for (const nodes of [[urls.slice(1), signingKeys, encryptionKeys], [urls, signingKeys.slice(1), encryptionKeys], [urls, signingKeys, [...encryptionKeys, "0x"]]]) {
        await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, b.address], ...nodes, 1, 0, ethers.ZeroAddress, await passkeyExtension()))
          .to.be.revertedWithCustomError(factory, "InvalidDepartment");
      }
    });

    it("rejects a founding node entry with a bad URL or key with InvalidNodeUrl or InvalidNodeKey", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      const [, signingKey, encryptionKey] = nodeEntry("https://a.example");
      await expect(factory.deploy(["A"], ["Alpha"], [a.address], ...nodeArrays([["ftp://a.example", signingKey, encryptionKey]]), 1, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidNodeUrl").withArgs("ftp://a.example");
      await expect(factory.deploy(["A"], ["Alpha"], [a.address], ...nodeArrays([["https://a.example", "0x", encryptionKey]]), 1, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidNodeKey").withArgs(0n);
      await expect(factory.deploy(["A"], ["Alpha"], [a.address], ...nodeArrays([["https://a.example", signingKey, ethers.concat(["0x04", encryptionKey])]]), 1, 0, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidNodeKey").withArgs(65n);
    });

    it("rejects a signer change delay above 30 days with InvalidSignerChangeDelay", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A"], ["Alpha"], [a.address], ...withoutNodes(1), 1, 30n * DAY + 1n, ethers.ZeroAddress, await passkeyExtension()))
        .to.be.revertedWithCustomError(factory, "InvalidSignerChangeDelay").withArgs(30n * DAY + 1n);
      const accepted = await factory.deploy(["A"], ["Alpha"], [a.address], ...withoutNodes(1), 1, 30n * DAY, ethers.ZeroAddress, await passkeyExtension());
      expect(await accepted.signerChangeDelay()).to.equal(30n * DAY);
    });
  });

  describe("views", function () {
    it("reverts department() and departmentNode() for an unknown id with UnknownDepartment", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.department(0)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(0n);
      await expect(registry.department(4)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(4n);
      await expect(registry.departmentNode(0)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(0n);
      await expect(registry.departmentNode(4)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(4n);
    });

    it("answers 0 for an unknown code and nothing for an address that is no signer", async function () {
      const { registry, outsider } = await loadFixture(deployRegistry);
      expect(await registry.departmentIdByCode("NOPE")).to.equal(0n);
      expect(await registry.departmentOf(outsider.address)).to.deep.equal([0n, false]);
      expect(await registry.keyOf(outsider.address)).to.deep.equal([0n, 0n, false, 0n]);
      expect(await registry.key(INTERIOR, 2)).to.deep.equal([ethers.ZeroAddress, 0n]);
      expect(await registry.keyCount(9)).to.equal(0n);
    });

    it("reverts proposal() and liveApprovals() for an unknown id with ProposalNotFound", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.proposal(1)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(1n);
      await expect(registry.liveApprovals(1)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(1n);
    });
  });

  describe("quorum governance", function () {
    it("adds a department once a quorum of departments approves", async function () {
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(interior).proposeAddDepartment("TAX", "Tax Administration", spareKey.address, deadline))
        .to.emit(registry, "ProposalCreated").withArgs(1n, ProposalKind.AddDepartment, INTERIOR, deadline)
        .and.to.emit(registry, "ProposalApproved").withArgs(1n, INTERIOR, 1n);
      expect(await registry.departmentCount()).to.equal(3n);

      await expect(registry.connect(civilRegistry).approve(1))
        .to.emit(registry, "ProposalApproved").withArgs(1n, CIVIL_REGISTRY, 2n)
        .and.to.emit(registry, "DepartmentAdded").withArgs(4n, "TAX", "Tax Administration")
        .and.to.emit(registry, "SignerAdded").withArgs(4n, spareKey.address, 1n)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect(await registry.departmentIdByCode("TAX")).to.equal(4n);
      expect(await registry.activeDepartmentCount()).to.equal(4n);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([4n, true]);
      const proposal = await registry.proposal(1);
      expect(proposal.kind).to.equal(ProposalKind.AddDepartment);
      expect(proposal.proposer).to.equal(INTERIOR);
      expect(proposal.targetDepartment).to.equal(0n);
      expect(proposal.deadline).to.equal(deadline);
      expect(proposal.executed).to.equal(true);
      expect(proposal.approvers).to.deep.equal([INTERIOR, CIVIL_REGISTRY]);
      expect(coder.decode(["string", "string", "address"], proposal.data).toArray())
        .to.deep.equal(["TAX", "Tax Administration", spareKey.address]);
    });

    it("encodes each kind's data as documented in IDepartmentRegistry", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, deadline);
      await registry.connect(interior).proposeThreshold(3, deadline);
      const fresh = ethers.Wallet.createRandom().address;
      await registry.connect(interior).proposeReplaceSigners(HEALTH, [fresh], deadline);
      await registry.connect(interior).proposeReportCompromisedKey(health.address, 5n, deadline);

      const suspend = await registry.proposal(1);
      expect([suspend.kind, suspend.targetDepartment, suspend.data]).to.deep.equal([ProposalKind.SuspendDepartment, HEALTH, "0x"]);
      const threshold = await registry.proposal(2);
      expect(coder.decode(["uint32"], threshold.data)[0]).to.equal(3n);
      const replace = await registry.proposal(3);
      expect([replace.kind, replace.targetDepartment]).to.deep.equal([ProposalKind.ReplaceSigners, HEALTH]);
      expect(coder.decode(["address[]"], replace.data)[0]).to.deep.equal([fresh]);
      const report = await registry.proposal(4);
      expect([report.kind, report.targetDepartment]).to.deep.equal([ProposalKind.ReportCompromisedKey, HEALTH]);
      expect(coder.decode(["address", "uint64"], report.data).toArray()).to.deep.equal([health.address, 5n]);
    });

    it("never lets a single department change membership when the threshold is above one", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY);
      expect(await registry.departmentCount()).to.equal(3n);
      expect((await registry.department(HEALTH)).status).to.equal(DepartmentStatus.Active);
      await expect(registry.connect(interior).approve(1))
        .to.be.revertedWithCustomError(registry, "AlreadyApproved").withArgs(1n, INTERIOR);
      await expect(registry.connect(interior).execute(1))
        .to.be.revertedWithCustomError(registry, "QuorumNotReached").withArgs(1n, 1n, 2n);
    });

    it("counts one approval per department, whichever of its keys signs", async function () {
      const { registry, interior, spareKey, otherKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, spareKey);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", otherKey.address, (await now()) + DAY);
      await expect(registry.connect(spareKey).approve(1))
        .to.be.revertedWithCustomError(registry, "AlreadyApproved").withArgs(1n, INTERIOR);
      expect(await registry.hasApproved(1, INTERIOR)).to.equal(true);
      expect(await registry.hasApproved(1, HEALTH)).to.equal(false);
    });

    it("lets a proposal lapse after its deadline with ProposalExpired", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, deadline);
      await time.increaseTo(deadline + 1n);
      await expect(registry.connect(civilRegistry).approve(1))
        .to.be.revertedWithCustomError(registry, "ProposalExpired").withArgs(1n, deadline);
      await expect(registry.connect(civilRegistry).execute(1))
        .to.be.revertedWithCustomError(registry, "ProposalExpired").withArgs(1n, deadline);
    });

    it("accepts an approval in the deadline's own second", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, deadline);
      await time.setNextBlockTimestamp(deadline);
      await expect(registry.connect(civilRegistry).approve(1)).to.emit(registry, "DepartmentSuspended").withArgs(HEALTH);
    });

    it("rejects a deadline that is not in the future or more than 30 days ahead with InvalidDeadline", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const past = await now();
      await expect(registry.connect(interior).proposeThreshold(1, past))
        .to.be.revertedWithCustomError(registry, "InvalidDeadline").withArgs(past);
      await time.setNextBlockTimestamp(past + 10n);
      const beyond = past + 10n + 30n * DAY + 1n;
      await expect(registry.connect(interior).proposeThreshold(1, beyond))
        .to.be.revertedWithCustomError(registry, "InvalidDeadline").withArgs(beyond);
      await time.setNextBlockTimestamp(past + 20n);
      await expect(registry.connect(interior).proposeThreshold(1, past + 20n + 30n * DAY)).to.emit(registry, "ProposalCreated");
    });

    it("rejects approving or executing an unknown proposal with ProposalNotFound", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).approve(7)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(7n);
      await expect(registry.connect(interior).execute(7)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(7n);
    });

    it("rejects approving or executing an executed proposal with ProposalAlreadyExecuted", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeThreshold(3, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      await expect(registry.connect(health).approve(1))
        .to.be.revertedWithCustomError(registry, "ProposalAlreadyExecuted").withArgs(1n);
      await expect(registry.connect(health).execute(1))
        .to.be.revertedWithCustomError(registry, "ProposalAlreadyExecuted").withArgs(1n);
    });

    it("changes the threshold by quorum and then requires the new number of approvals", async function () {
      const { registry, interior, civilRegistry, health, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeThreshold(3, (await now()) + DAY);
      await expect(registry.connect(civilRegistry).approve(1)).to.emit(registry, "ThresholdChanged").withArgs(2n, 3n);
      expect(await registry.threshold()).to.equal(3n);

      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(2);
      expect(await registry.departmentCount()).to.equal(3n);
      await expect(registry.connect(health).approve(2)).to.emit(registry, "ProposalExecuted").withArgs(2n);
      expect(await registry.departmentCount()).to.equal(4n);
    });

    it("executes at proposal time when the threshold is one", async function () {
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeThreshold(1, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      await expect(registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY))
        .to.emit(registry, "DepartmentAdded").withArgs(4n, "TAX", "Tax");
    });

    it("rejects a threshold of zero or above the active departments with InvalidThreshold", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(interior).proposeThreshold(0, deadline))
        .to.be.revertedWithCustomError(registry, "InvalidThreshold").withArgs(0n, 3n);
      await expect(registry.connect(interior).proposeThreshold(4, deadline))
        .to.be.revertedWithCustomError(registry, "InvalidThreshold").withArgs(4n, 3n);
    });

    it("rejects adding a department with a taken code, a registered signer or an empty name", async function () {
      const { registry, interior, health, spareKey } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await expect(registry.connect(interior).proposeAddDepartment("REG", "Again", spareKey.address, deadline))
        .to.be.revertedWithCustomError(registry, "DepartmentCodeTaken").withArgs("REG");
      await expect(registry.connect(interior).proposeAddDepartment("TAX", "Tax", health.address, deadline))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(health.address);
      await expect(registry.connect(interior).proposeAddDepartment("TAX", "", spareKey.address, deadline))
        .to.be.revertedWithCustomError(registry, "InvalidDepartment");
    });

    it("re-checks the code at execution, so two proposals for one code cannot both pass", async function () {
      const { registry, interior, civilRegistry, spareKey, otherKey } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, deadline);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax bis", otherKey.address, deadline);
      await registry.connect(civilRegistry).approve(1);
      await expect(registry.connect(civilRegistry).approve(2))
        .to.be.revertedWithCustomError(registry, "DepartmentCodeTaken").withArgs("TAX");
    });

    it("rejects suspending an unknown department with UnknownDepartment", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).proposeSuspendDepartment(9, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(9n);
    });
  });

  describe("suspension and restoration", function () {
    it("suspends a department by quorum: its signers become inactive at once", async function () {
      const { registry, health } = await loadFixture(deployWithSuspendedHealth);
      expect((await registry.department(HEALTH)).status).to.equal(DepartmentStatus.Suspended);
      expect(await registry.activeDepartmentCount()).to.equal(2n);
      expect(await registry.departmentOf(health.address)).to.deep.equal([HEALTH, false]);
      await expect(registry.connect(health).anchor(digestOf("suspended"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });

    it("rejects suspending a suspended department with DepartmentNotActive", async function () {
      const { registry, interior } = await loadFixture(deployWithSuspendedHealth);
      await expect(registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "DepartmentNotActive").withArgs(HEALTH);
    });

    it("rejects restoring an active department with DepartmentNotSuspended", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).proposeRestoreDepartment(HEALTH, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "DepartmentNotSuspended").withArgs(HEALTH);
    });

    it("restores a suspended department by quorum, reactivating its signers", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployWithSuspendedHealth);
      await registry.connect(interior).proposeRestoreDepartment(HEALTH, (await now()) + DAY);
      await expect(registry.connect(civilRegistry).approve(2)).to.emit(registry, "DepartmentRestored").withArgs(HEALTH);
      expect(await registry.departmentOf(health.address)).to.deep.equal([HEALTH, true]);
      expect(await registry.activeDepartmentCount()).to.equal(3n);
    });

    it("caps the quorum at the active department count so suspensions cannot deadlock governance", async function () {
      const { registry, interior, civilRegistry, spareKey } = await loadFixture(deployWithSuspendedHealth);
      await registry.connect(interior).proposeSuspendDepartment(CIVIL_REGISTRY, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(2);
      expect(await registry.activeDepartmentCount()).to.equal(1n);
      expect(await registry.quorum()).to.equal(1n);
      await expect(registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY))
        .to.emit(registry, "ProposalExecuted").withArgs(3n);
    });

    it("keeps a suspended department from proposing or approving", async function () {
      const { registry, interior, health } = await loadFixture(deployWithSuspendedHealth);
      await registry.connect(interior).proposeThreshold(1, (await now()) + DAY);
      await expect(registry.connect(health).approve(2))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
      await expect(registry.connect(health).proposeThreshold(1, (await now()) + DAY))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(health.address);
    });
  });

  describe("key ids", function () {
    it("gives each new key the department's next key id and never reuses one", async function () {
      const { registry, interior, spareKey, otherKey } = await loadFixture(deployRegistry);
      await addSigner(registry, interior, spareKey);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([INTERIOR, 2n, true, 0n]);
      await removeSigner(registry, interior, spareKey);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([0n, 0n, false, 0n]);
      await addSigner(registry, interior, otherKey);
      await addSigner(registry, interior, spareKey);
      expect(await registry.keyOf(otherKey.address)).to.deep.equal([INTERIOR, 3n, true, 0n]);
      expect(await registry.keyOf(spareKey.address)).to.deep.equal([INTERIOR, 4n, true, 0n]);
      expect(await registry.key(INTERIOR, 2)).to.deep.equal([spareKey.address, 0n]);
      expect(await registry.keyCount(INTERIOR)).to.equal(4n);
      expect(await registry.keyCount(CIVIL_REGISTRY)).to.equal(1n);
    });

    it("keeps documents attributed to the department and its key id when its keys rotate", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      const digest = digestOf("passport-before-rotation");
      await registry.connect(interior).anchor(digest, 0);
      await addSigner(registry, interior, spareKey);
      await removeSigner(registry, spareKey, interior);

      const view = await registry.check(INTERIOR, digest);
      expect(view.departmentId).to.equal(INTERIOR);
      expect(view.keyId).to.equal(1n);
      await expect(registry.connect(spareKey).revoke(digest, 4))
        .to.emit(registry, "DocumentRevoked").withArgs(digest, INTERIOR, ethers.ZeroHash, 4n);
      await expect(registry.connect(interior).anchor(digestOf("old key"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(interior.address);
    });
  });
});
