// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EthGovRegistry} from "../EthGovRegistry.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";

/// @dev The few Foundry-compatible cheatcodes these tests need (Hardhat 3 implements them).
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function assume(bool condition) external pure;
    function startPrank(address sender) external;
    function stopPrank() external;
}

/// @dev Fuzz properties of document status: derivation over time, and who may change a status.
contract DocumentStatusTest {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address private constant INTERIOR = address(0xA11CE);
    address private constant HEALTH = address(0xB0B);
    uint64 private constant START = 1_700_000_000;

    EthGovRegistry private _registry;

    function setUp() public {
        vm.warp(START);
        string[] memory codes = new string[](2);
        codes[0] = "INT";
        codes[1] = "HLT";
        string[] memory names = new string[](2);
        names[0] = "Ministry of Interior";
        names[1] = "Health Office";
        address[] memory signers = new address[](2);
        signers[0] = INTERIOR;
        signers[1] = HEALTH;
        _registry = new EthGovRegistry(codes, names, signers, 2);
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_StatusFollowsValidUntilOverTime(bytes32 digest, uint64 lifetime, uint64 elapsed) public {
        vm.assume(digest != bytes32(0));
        lifetime = uint64(_bound(lifetime, 1, 100 * 365 days));
        elapsed = uint64(_bound(elapsed, 0, 200 * 365 days));
        uint64 validUntil = START + lifetime;
        vm.prank(INTERIOR);
        _registry.anchor(digest, validUntil);

        vm.warp(START + elapsed);
        IDocumentRegistry.DocumentStatus expected = START + elapsed > validUntil
            ? IDocumentRegistry.DocumentStatus.Expired
            : IDocumentRegistry.DocumentStatus.Valid;
        require(_registry.check(digest).status == expected, "status does not follow validUntil");
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_DocumentWithoutExpiryNeverExpires(bytes32 digest, uint64 elapsed) public {
        vm.assume(digest != bytes32(0));
        vm.prank(INTERIOR);
        _registry.anchor(digest, 0);
        vm.warp(START + uint256(elapsed));
        require(_registry.check(digest).status == IDocumentRegistry.DocumentStatus.Valid, "no-expiry document expired");
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_OnlyTheIssuingDepartmentChangesStatus(address caller, bytes32 digest, uint16 reason) public {
        vm.assume(digest != bytes32(0) && caller != INTERIOR);
        vm.prank(INTERIOR);
        _registry.anchor(digest, 0);

        vm.prank(caller);
        try _registry.revoke(digest, reason) {
            revert("another account revoked the document");
        } catch {}
        vm.prank(caller);
        try _registry.supersede(digest, keccak256(abi.encode(digest)), 0) {
            revert("another account superseded the document");
        } catch {}

        IDocumentRegistry.DocumentView memory view_ = _registry.check(digest);
        require(view_.status == IDocumentRegistry.DocumentStatus.Valid, "status changed by a non-issuer");
        require(view_.departmentId == 1, "attribution changed");
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_RevokedNeverReturnsToValid(bytes32 digest, uint16 reason, uint16 laterReason, uint64 elapsed) public {
        vm.assume(digest != bytes32(0));
        vm.prank(INTERIOR);
        _registry.anchor(digest, START + 1 days);
        vm.prank(INTERIOR);
        _registry.revoke(digest, reason);

        vm.prank(INTERIOR);
        try _registry.revoke(digest, laterReason) {
            revert("revoked twice");
        } catch {}
        vm.prank(INTERIOR);
        try _registry.supersede(digest, keccak256(abi.encode(digest)), 0) {
            revert("superseded a revoked document");
        } catch {}
        vm.prank(INTERIOR);
        try _registry.anchor(digest, 0) {
            revert("re-anchored a revoked document");
        } catch {}

        vm.warp(START + uint256(elapsed));
        IDocumentRegistry.DocumentView memory view_ = _registry.check(digest);
        require(view_.status == IDocumentRegistry.DocumentStatus.Revoked, "revoked document changed status");
        require(view_.revocationReason == reason, "revocation reason changed");
    }

    /// hardhat-config: fuzz.runs = 2000
    function testFuzz_CheckManyMembersAnswersAsTheSingleViews(
        bytes32 single,
        bytes32 left,
        bytes32 right,
        uint16 reason,
        uint8 changes,
        uint64 elapsed
    ) public {
        vm.assume(single != bytes32(0) && left != right && single != left && single != right);
        bytes32[] memory leftProof = new bytes32[](1);
        leftProof[0] = _leaf(right);
        bytes32[] memory rightProof = new bytes32[](1);
        rightProof[0] = _leaf(left);
        bytes32 root = rightProof[0] < leftProof[0]
            ? keccak256(abi.encode(rightProof[0], leftProof[0]))
            : keccak256(abi.encode(leftProof[0], rightProof[0]));

        vm.startPrank(INTERIOR);
        _registry.anchor(single, START + 30 days);
        _registry.anchorBatch(root, 2, START + 60 days);
        if (changes & 1 != 0) _registry.revoke(single, reason);
        if (changes & 2 != 0) _registry.revokeInBatch(root, left, leftProof, reason);
        if (changes & 4 != 0) _registry.supersedeInBatch(root, right, rightProof, keccak256(abi.encode(right)), 0);
        vm.stopPrank();
        vm.warp(START + uint256(elapsed % (90 days)));

        IDocumentRegistry.MemberQuery[] memory members = new IDocumentRegistry.MemberQuery[](4);
        members[0] = IDocumentRegistry.MemberQuery(bytes32(0), single);
        members[1] = IDocumentRegistry.MemberQuery(root, left);
        members[2] = IDocumentRegistry.MemberQuery(root, right);
        members[3] = IDocumentRegistry.MemberQuery(bytes32(0), root);
        IDocumentRegistry.DocumentView[] memory views = _registry.checkManyMembers(members);

        require(views.length == members.length, "one answer per query");
        require(_same(views[0], _registry.check(single)), "single differs");
        require(_same(views[1], _registry.checkInBatch(root, left, leftProof)), "left member differs");
        require(_same(views[2], _registry.checkInBatch(root, right, rightProof)), "right member differs");
        require(_same(views[3], _registry.check(root)), "unknown single differs");
        require(
            _registry.checkInBatch(root, left, rightProof).status == IDocumentRegistry.DocumentStatus.Unknown,
            "a wrong proof proved a leaf"
        );
    }

    function _same(IDocumentRegistry.DocumentView memory a, IDocumentRegistry.DocumentView memory b) private pure returns (bool) {
        return keccak256(abi.encode(a)) == keccak256(abi.encode(b));
    }

    function _leaf(bytes32 digest) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(digest))));
    }

    function _bound(uint256 value, uint256 min, uint256 max) private pure returns (uint256) {
        return min + (value % (max - min + 1));
    }
}
