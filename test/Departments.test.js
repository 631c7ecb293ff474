import { expect } from "chai";
import {
  ethers, loadFixture, time, now, DAY, deployRegistry, deployWithSuspendedHealth,
  DepartmentStatus, ProposalKind, INTERIOR, CIVIL_REGISTRY, HEALTH, digestOf,
} from "./fixtures.js";

describe("Departments", function () {
  describe("deployment", function () {
    it("registers the initial departments with ids 1..n, one active signer each", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      expect(await registry.departmentCount()).to.equal(3n);
      expect(await registry.activeDepartmentCount()).to.equal(3n);
      expect(await registry.threshold()).to.equal(2n);
      const department = await registry.department(INTERIOR);
      expect(department.code).to.equal("INT");
      expect(department.name).to.equal("Ministry of Interior");
      expect(department.status).to.equal(DepartmentStatus.Active);
      expect(department.signers).to.deep.equal([interior.address]);
      expect(await registry.departmentIdByCode("HLT")).to.equal(HEALTH);
      expect(await registry.departmentOf(health.address)).to.deep.equal([HEALTH, true]);
    });

    it("emits DepartmentAdded, SignerAdded and ThresholdChanged for the initial set", async function () {
      const [, a, b] = await ethers.getSigners();
      const registry = await ethers.deployContract("EthGovRegistry", [["A", "B"], ["Alpha", "Beta"], [a.address, b.address], 1]);
      const tx = registry.deploymentTransaction();
      await expect(tx).to.emit(registry, "DepartmentAdded").withArgs(1n, "A", "Alpha");
      await expect(tx).to.emit(registry, "SignerAdded").withArgs(2n, b.address);
      await expect(tx).to.emit(registry, "ThresholdChanged").withArgs(0n, 1n);
    });

    it("rejects arrays of different lengths with InvalidDepartment", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "B"], ["Alpha"], [a.address], 1)).to.be.revertedWithCustomError(factory, "InvalidDepartment");
    });

    it("rejects an empty code, an empty name or a zero signer with InvalidDepartment", async function () {
      const [, a] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy([""], ["Alpha"], [a.address], 1)).to.be.revertedWithCustomError(factory, "InvalidDepartment");
      await expect(factory.deploy(["A"], [""], [a.address], 1)).to.be.revertedWithCustomError(factory, "InvalidDepartment");
      await expect(factory.deploy(["A"], ["Alpha"], [ethers.ZeroAddress], 1)).to.be.revertedWithCustomError(factory, "InvalidDepartment");
    });

    it("rejects a threshold of zero or above the department count with InvalidThreshold", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, b.address], 0))
        .to.be.revertedWithCustomError(factory, "InvalidThreshold").withArgs(0n, 2n);
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, b.address], 3))
        .to.be.revertedWithCustomError(factory, "InvalidThreshold").withArgs(3n, 2n);
    });

    it("rejects a duplicate code with DepartmentCodeTaken and a duplicate signer with SignerAlreadyRegistered", async function () {
      const [, a, b] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("EthGovRegistry");
      await expect(factory.deploy(["A", "A"], ["Alpha", "Beta"], [a.address, b.address], 1))
        .to.be.revertedWithCustomError(factory, "DepartmentCodeTaken").withArgs("A");
      await expect(factory.deploy(["A", "B"], ["Alpha", "Beta"], [a.address, a.address], 1))
        .to.be.revertedWithCustomError(factory, "SignerAlreadyRegistered").withArgs(a.address);
    });
  });

  describe("views", function () {
    it("reverts department() for an unknown id with UnknownDepartment", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.department(0)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(0n);
      await expect(registry.department(4)).to.be.revertedWithCustomError(registry, "UnknownDepartment").withArgs(4n);
    });

    it("answers 0 for an unknown code and (0, false) for an address that is no signer", async function () {
      const { registry, outsider } = await loadFixture(deployRegistry);
      expect(await registry.departmentIdByCode("NOPE")).to.equal(0n);
      expect(await registry.departmentOf(outsider.address)).to.deep.equal([0n, false]);
    });

    it("reverts proposal() for an unknown id with ProposalNotFound", async function () {
      const { registry } = await loadFixture(deployRegistry);
      await expect(registry.proposal(1)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(1n);
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
        .and.to.emit(registry, "SignerAdded").withArgs(4n, spareKey.address)
        .and.to.emit(registry, "ProposalExecuted").withArgs(1n);
      expect(await registry.departmentIdByCode("TAX")).to.equal(4n);
      expect(await registry.activeDepartmentCount()).to.equal(4n);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([4n, true]);
      const proposal = await registry.proposal(1);
      expect(proposal.executed).to.equal(true);
      expect(proposal.approvals).to.equal(2n);
      expect(proposal.code).to.equal("TAX");
      expect(proposal.signer).to.equal(spareKey.address);
    });

    it("never lets a single department change membership when the threshold is above one", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeAddDepartment("TAX", "Tax", spareKey.address, (await now()) + DAY);
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, (await now()) + DAY);
      expect(await registry.departmentCount()).to.equal(3n);
      expect((await registry.department(HEALTH)).status).to.equal(DepartmentStatus.Active);
      await expect(registry.connect(interior).approve(1))
        .to.be.revertedWithCustomError(registry, "AlreadyApproved").withArgs(1n, INTERIOR);
    });

    it("counts one approval per department, whichever of its keys signs", async function () {
      const { registry, interior, spareKey, otherKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).addSigner(spareKey.address);
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
    });

    it("accepts an approval in the deadline's own second", async function () {
      const { registry, interior, civilRegistry } = await loadFixture(deployRegistry);
      const deadline = (await now()) + DAY;
      await registry.connect(interior).proposeSuspendDepartment(HEALTH, deadline);
      await time.setNextBlockTimestamp(deadline);
      await expect(registry.connect(civilRegistry).approve(1)).to.emit(registry, "DepartmentSuspended").withArgs(HEALTH);
    });

    it("rejects a deadline that is not in the future with InvalidDeadline", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      const past = await now();
      await expect(registry.connect(interior).proposeThreshold(1, past))
        .to.be.revertedWithCustomError(registry, "InvalidDeadline").withArgs(past);
    });

    it("rejects approving an unknown proposal with ProposalNotFound", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).approve(7)).to.be.revertedWithCustomError(registry, "ProposalNotFound").withArgs(7n);
    });

    it("rejects approving an executed proposal with ProposalAlreadyExecuted", async function () {
      const { registry, interior, civilRegistry, health } = await loadFixture(deployRegistry);
      await registry.connect(interior).proposeThreshold(3, (await now()) + DAY);
      await registry.connect(civilRegistry).approve(1);
      await expect(registry.connect(health).approve(1))
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

    it("rejects adding a department with a taken code or a registered signer", async function () {
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

  describe("signer keys", function () {
    it("adds a signer to the caller's own department", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).addSigner(spareKey.address))
        .to.emit(registry, "SignerAdded").withArgs(INTERIOR, spareKey.address);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([interior.address, spareKey.address]);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([INTERIOR, true]);
    });

    it("rejects a signer that already signs for a department with SignerAlreadyRegistered", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).addSigner(health.address))
        .to.be.revertedWithCustomError(registry, "SignerAlreadyRegistered").withArgs(health.address);
    });

    it("rejects the zero address as a signer with InvalidDepartment", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).addSigner(ethers.ZeroAddress)).to.be.revertedWithCustomError(registry, "InvalidDepartment");
    });

    it("removes a signer of the caller's own department", async function () {
      const { registry, interior, spareKey, otherKey } = await loadFixture(deployRegistry);
      await registry.connect(interior).addSigner(spareKey.address);
      await registry.connect(interior).addSigner(otherKey.address);
      await expect(registry.connect(interior).removeSigner(spareKey.address))
        .to.emit(registry, "SignerRemoved").withArgs(INTERIOR, spareKey.address);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([interior.address, otherKey.address]);
      expect(await registry.departmentOf(spareKey.address)).to.deep.equal([0n, false]);
      await registry.connect(interior).removeSigner(interior.address);
      expect((await registry.department(INTERIOR)).signers).to.deep.equal([otherKey.address]);
    });

    it("refuses to remove another department's signer with SignerNotInDepartment", async function () {
      const { registry, interior, health } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).removeSigner(health.address))
        .to.be.revertedWithCustomError(registry, "SignerNotInDepartment").withArgs(health.address, INTERIOR);
    });

    it("never removes a department's last signer (LastSigner)", async function () {
      const { registry, interior } = await loadFixture(deployRegistry);
      await expect(registry.connect(interior).removeSigner(interior.address))
        .to.be.revertedWithCustomError(registry, "LastSigner").withArgs(INTERIOR);
    });

    it("keeps documents attributed to the department when its keys rotate", async function () {
      const { registry, interior, spareKey } = await loadFixture(deployRegistry);
      const digest = digestOf("passport-before-rotation");
      await registry.connect(interior).anchor(digest, 0);
      await registry.connect(interior).addSigner(spareKey.address);
      await registry.connect(spareKey).removeSigner(interior.address);

      const view = await registry.check(digest);
      expect(view.departmentId).to.equal(INTERIOR);
      await expect(registry.connect(spareKey).revoke(digest, 4))
        .to.emit(registry, "DocumentRevoked").withArgs(digest, INTERIOR, ethers.ZeroHash, 4n);
      await expect(registry.connect(interior).anchor(digestOf("old key"), 0))
        .to.be.revertedWithCustomError(registry, "NotActiveSigner").withArgs(interior.address);
    });
  });
});
