// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

// Test contracts follow the Foundry conventions that Hardhat runs: `testFuzz_*` names, the cheatcode interface
// `Vm` at the constant `vm`, `require` messages that the runner prints on failure (gas does not matter here),
// and `try ... {} catch {}` around calls that may be refused. Each property is described in a comment; a fuzz
// input needs no NatSpec.
// solhint-disable func-name-mixedcase, interface-starts-with-i, const-name-snakecase, use-natspec, no-empty-blocks
// solhint-disable gas-custom-errors, reason-string, gas-small-strings

import {EthGovRegistry} from "../EthGovRegistry.sol";
import {EthGovPasskeyExtension} from "../extension/EthGovPasskeyExtension.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";

/// @dev The few Foundry-compatible cheatcodes these tests need (Hardhat 3 implements them).
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
    function assume(bool condition) external pure;
    function startPrank(address sender) external;
    function stopPrank() external;
}

/// @dev Fuzz properties of document status: derivation over time, namespaces, who may change a status, the
/// compromise rule, and the raw records view read with a proof checked by the caller.
contract DocumentStatusTest {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address private constant INTERIOR = address(0xA11CE);
    address private constant INTERIOR_SECOND_KEY = address(0xA11CE2);
    address private constant HEALTH = address(0xB0B);
    uint32 private constant INTERIOR_ID = 1;
    uint32 private constant HEALTH_ID = 2;
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
        // Threshold 1: Interior's recovery proposal below executes at once and gives it a second key.
        // No node entries: the node directory has no part in document status.
        _registry = new EthGovRegistry(
            codes, names, signers, new string[](2), new bytes[](2), new bytes[](2), 1, 1 days, address(0),
            address(new EthGovPasskeyExtension())
        );
        address[] memory interiorKeys = new address[](2);
        interiorKeys[0] = INTERIOR;
        interiorKeys[1] = INTERIOR_SECOND_KEY;
        vm.prank(INTERIOR);
        _registry.proposeReplaceSigners(INTERIOR_ID, interiorKeys, START + 1 days);
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
        require(_registry.check(INTERIOR_ID, digest).status == expected, "status does not follow validUntil");
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_DocumentWithoutExpiryNeverExpires(bytes32 digest, uint64 elapsed) public {
        vm.assume(digest != bytes32(0));
        vm.prank(INTERIOR);
        _registry.anchor(digest, 0);
        vm.warp(START + uint256(elapsed));
        require(
            _registry.check(INTERIOR_ID, digest).status == IDocumentRegistry.DocumentStatus.Valid,
            "no-expiry document expired"
        );
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_OnlyTheIssuingDepartmentChangesStatus(
        address anyone,
        bool anotherDepartment,
        bytes32 digest,
        uint16 reason
    ) public {
        address caller = anotherDepartment ? HEALTH : anyone;
        vm.assume(digest != bytes32(0) && caller != INTERIOR && caller != INTERIOR_SECOND_KEY);
        // Another department (or anyone) sending the digest first must not block the issuer.
        vm.prank(caller);
        try _registry.anchor(digest, 0) {} catch {}
        vm.prank(INTERIOR);
        _registry.anchor(digest, 0);

        vm.prank(caller);
        try _registry.revoke(digest, reason) {} catch {}
        vm.prank(caller);
        try _registry.supersede(digest, keccak256(abi.encode(digest)), 0) {} catch {}

        IDocumentRegistry.DocumentView memory view_ = _registry.check(INTERIOR_ID, digest);
        require(view_.status == IDocumentRegistry.DocumentStatus.Valid, "status changed by a non-issuer");
        require(view_.departmentId == INTERIOR_ID, "attribution changed");
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
        IDocumentRegistry.DocumentView memory view_ = _registry.check(INTERIOR_ID, digest);
        require(view_.status == IDocumentRegistry.DocumentStatus.Revoked, "revoked document changed status");
        require(view_.revocationReason == reason, "revocation reason changed");
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_KeyCompromisedExactlyFromSince(
        bytes32 digest,
        uint32 anchoredAfter,
        uint32 sinceOffset,
        uint32 reportedAfter,
        bool revoke
    ) public {
        vm.assume(digest != bytes32(0));
        uint64 anchoredAt = START + 1 + (anchoredAfter % 365 days);
        uint64 since = START + 1 + (sinceOffset % 365 days);
        uint64 reportedAt = (anchoredAt > since ? anchoredAt : since) + (reportedAfter % 30 days);
        vm.warp(anchoredAt);
        vm.prank(INTERIOR_SECOND_KEY);
        _registry.anchor(digest, 0);
        if (revoke) {
            vm.prank(INTERIOR);
            _registry.revoke(digest, 1);
        }
        vm.warp(reportedAt);
        vm.prank(INTERIOR);
        _registry.reportCompromisedKey(INTERIOR_SECOND_KEY, since);

        IDocumentRegistry.DocumentView memory view_ = _registry.check(INTERIOR_ID, digest);
        IDocumentRegistry.DocumentStatus expected = revoke
            ? IDocumentRegistry.DocumentStatus.Revoked
            : anchoredAt >= since
                ? IDocumentRegistry.DocumentStatus.KeyCompromised
                : IDocumentRegistry.DocumentStatus.Valid;
        require(view_.status == expected, "KeyCompromised does not follow compromisedSince");
        require(view_.keyCompromisedSince == since, "compromise time not reported");
    }

    /// hardhat-config: fuzz.runs = 2000
    function testFuzz_RecordsWithACheckedProofGiveCheckInBatchStatus(
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

        vm.startPrank(changes & 8 != 0 ? INTERIOR_SECOND_KEY : INTERIOR);
        _registry.anchor(single, START + 30 days);
        _registry.anchorBatch(root, 2, START + 60 days);
        vm.stopPrank();
        vm.startPrank(INTERIOR);
        if (changes & 1 != 0) _registry.revoke(single, reason);
        if (changes & 2 != 0) _registry.revokeInBatch(root, left, leftProof, reason);
        if (changes & 4 != 0) _registry.supersedeInBatch(root, right, rightProof, keccak256(abi.encode(right)), 0);
        if (changes & 16 != 0) _registry.reportCompromisedKey(INTERIOR_SECOND_KEY, START);
        vm.stopPrank();
        vm.warp(START + uint256(elapsed % (90 days)));

        IDocumentRegistry.RecordQuery[] memory queries = new IDocumentRegistry.RecordQuery[](4);
        queries[0] = IDocumentRegistry.RecordQuery(INTERIOR_ID, bytes32(0), single);
        queries[1] = IDocumentRegistry.RecordQuery(INTERIOR_ID, root, left);
        queries[2] = IDocumentRegistry.RecordQuery(INTERIOR_ID, root, right);
        queries[3] = IDocumentRegistry.RecordQuery(HEALTH_ID, root, left);
        IDocumentRegistry.RecordView[] memory records = _registry.records(queries);

        require(records.length == queries.length, "one answer per query");
        require(_statusOf(records[0]) == _registry.check(INTERIOR_ID, single).status, "single differs");
        require(_statusOf(records[1]) == _registry.checkInBatch(INTERIOR_ID, root, left, leftProof).status, "left differs");
        require(_statusOf(records[2]) == _registry.checkInBatch(INTERIOR_ID, root, right, rightProof).status, "right differs");
        require(!records[3].anchored, "another department's namespace answered");
        require(
            _registry.checkInBatch(INTERIOR_ID, root, left, rightProof).status == IDocumentRegistry.DocumentStatus.Unknown,
            "a wrong proof proved a leaf"
        );
    }

    /// @dev The status rule of IDocumentRegistry applied to raw facts whose membership the caller proved.
    function _statusOf(IDocumentRegistry.RecordView memory r) private view returns (IDocumentRegistry.DocumentStatus) {
        if (!r.anchored) return IDocumentRegistry.DocumentStatus.Unknown;
        if (r.revoked) return IDocumentRegistry.DocumentStatus.Revoked;
        if (r.keyCompromisedSince != 0 && r.anchoredAt >= r.keyCompromisedSince) {
            return IDocumentRegistry.DocumentStatus.KeyCompromised;
        }
        if (r.superseded) return IDocumentRegistry.DocumentStatus.Superseded;
        if (r.validUntil != 0 && block.timestamp > r.validUntil) return IDocumentRegistry.DocumentStatus.Expired;
        return IDocumentRegistry.DocumentStatus.Valid;
    }

    function _leaf(bytes32 digest) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(digest))));
    }

    function _bound(uint256 value, uint256 min, uint256 max) private pure returns (uint256) {
        return min + (value % (max - min + 1));
    }
}
