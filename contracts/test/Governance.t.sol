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
import {IDepartmentRegistry} from "../departments/IDepartmentRegistry.sol";

/// @dev The Foundry-compatible cheatcodes these tests need (Hardhat 3 implements them).
interface Vm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
}

/// @dev Fuzz properties of governance: membership (who exists, who is active, the threshold) changes only
/// when a proposal executes with the approvals of at least a quorum of departments that are active at that
/// moment; no single key changes it alone, and a suspended department's earlier approval never counts.
contract GovernanceTest {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 private constant DEPARTMENTS = 5;
    uint32 private constant THRESHOLD = 3;
    uint64 private constant START = 1_700_000_000;
    uint256 private constant STEPS = 16;

    EthGovRegistry private _registry;
    address[DEPARTMENTS] private _signers;

    struct Membership {
        uint32 count;
        uint32 active;
        uint32 threshold;
        bytes32 statuses;
    }

    function setUp() public {
        vm.warp(START);
        string[] memory codes = new string[](DEPARTMENTS);
        string[] memory names = new string[](DEPARTMENTS);
        address[] memory signers = new address[](DEPARTMENTS);
        for (uint256 i = 0; i < DEPARTMENTS; ++i) {
            codes[i] = string(abi.encodePacked("D", bytes1(uint8(65 + i))));
            names[i] = string(abi.encodePacked("Department ", bytes1(uint8(65 + i))));
            signers[i] = address(uint160(0x1000 + i));
            _signers[i] = signers[i];
        }
        _registry = new EthGovRegistry(
            codes,
            names,
            signers,
            new string[](DEPARTMENTS),
            new bytes[](DEPARTMENTS),
            new bytes[](DEPARTMENTS),
            THRESHOLD,
            1 days,
            address(0),
            address(new EthGovPasskeyExtension())
        );
    }

    /// hardhat-config: fuzz.runs = 10000
    function testFuzz_OneDepartmentAloneNeverChangesMembership(uint256 seed) public {
        address actor = _signers[seed % DEPARTMENTS];
        Membership memory before = _membership();
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 proposalId = _propose(actor, r);
            if (proposalId != 0) {
                vm.prank(actor);
                try _registry.approve(proposalId) {
                    revert("a department approved its own proposal twice");
                } catch {}
                vm.prank(actor);
                try _registry.execute(proposalId) {
                    revert("a department executed its own proposal alone");
                } catch {}
            }
        }
        require(_same(before, _membership()), "one department changed membership alone");
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_MembershipChangesOnlyWithALiveQuorum(uint256 seed) public {
        uint256 proposals;
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            // An outsider (index DEPARTMENTS) acts too: it must never count.
            uint256 index = r % (DEPARTMENTS + 1);
            address actor = index == DEPARTMENTS ? address(uint160(r >> 96)) : _signers[index];
            Membership memory before = _membership();
            uint32 quorum = before.threshold < before.active ? before.threshold : before.active;

            uint256 action = (r >> 8) % 3;
            if (proposals == 0 || action == 0) {
                if (_propose(actor, r >> 16) != 0) ++proposals;
                require(_same(before, _membership()) || quorum <= 1, "a proposal changed membership by itself");
                continue;
            }

            uint256 proposalId = 1 + ((r >> 24) % proposals);
            bool executedBefore = _registry.proposal(proposalId).executed;
            uint32 live = _activeApprovers(proposalId, 0);
            if (action == 1) {
                (uint32 departmentId, bool active) = _registry.departmentOf(actor);
                if (active && _activeApprovers(proposalId, departmentId) == live) ++live;
                vm.prank(actor);
                try _registry.approve(proposalId) {} catch {}
            } else {
                vm.prank(actor);
                try _registry.execute(proposalId) {} catch {}
            }
            if (!_same(before, _membership())) {
                require(!executedBefore && _registry.proposal(proposalId).executed, "membership changed without executing");
                require(live >= quorum, "a proposal executed without a live quorum");
                require(index != DEPARTMENTS, "an outsider's call changed membership");
            }
        }
    }

    /// @dev Proposes one of the membership kinds as `actor`; returns the proposal id, or 0 when refused.
    function _propose(address actor, uint256 r) private returns (uint256) {
        uint64 deadline = START + 1 days;
        uint32 target = uint32(1 + ((r >> 4) % DEPARTMENTS));
        uint256 kind = r % 4;
        vm.prank(actor);
        if (kind == 0) {
            try _registry.proposeAddDepartment(
                string(abi.encodePacked("N", bytes32(r))), "New department", address(uint160(r >> 32)), deadline
            ) returns (uint256 id) {
                return id;
            } catch {
                return 0;
            }
        }
        if (kind == 1) {
            try _registry.proposeSuspendDepartment(target, deadline) returns (uint256 id) {
                return id;
            } catch {
                return 0;
            }
        }
        if (kind == 2) {
            try _registry.proposeRestoreDepartment(target, deadline) returns (uint256 id) {
                return id;
            } catch {
                return 0;
            }
        }
        try _registry.proposeThreshold(uint32(1 + ((r >> 8) % DEPARTMENTS)), deadline) returns (uint256 id) {
            return id;
        } catch {
            return 0;
        }
    }

    /// @dev Approvers of a proposal whose department is active now, counted here rather than by the registry;
    /// `ignoring` is left out (0 ignores none), so a lower count shows it approved and is active.
    function _activeApprovers(uint256 proposalId, uint32 ignoring) private view returns (uint32 live) {
        uint32[] memory approvers = _registry.proposal(proposalId).approvers;
        for (uint256 i = 0; i < approvers.length; ++i) {
            if (approvers[i] == ignoring) continue;
            if (_registry.department(approvers[i]).status == IDepartmentRegistry.DepartmentStatus.Active) ++live;
        }
    }

    function _membership() private view returns (Membership memory m) {
        m.count = _registry.departmentCount();
        m.active = _registry.activeDepartmentCount();
        m.threshold = _registry.threshold();
        bytes memory statuses = new bytes(m.count);
        for (uint32 id = 1; id <= m.count; ++id) {
            statuses[id - 1] = bytes1(uint8(_registry.department(id).status));
        }
        m.statuses = keccak256(statuses);
    }

    function _same(Membership memory a, Membership memory b) private pure returns (bool) {
        return a.count == b.count && a.active == b.active && a.threshold == b.threshold && a.statuses == b.statuses;
    }
}
