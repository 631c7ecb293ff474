// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentStorage} from "./DepartmentStorage.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";

/**
 * @title DepartmentRegistry
 * @notice Quorum governance, compromise reports and the department views (see {IDepartmentRegistry}).
 * @dev Runs in the registry's extension. Proposals live in ERC-7201 namespaced storage
 * (`ethgov.storage.Governance`). A proposal keeps the list of departments that approved it, bounded by the
 * department count, and counts only those active when it is decided: a suspended department's earlier
 * approval no longer counts (it counts again if the department is restored). Proposal data is stored
 * ABI-encoded as documented in {IDepartmentRegistry}, so new kinds need no new storage fields.
 */
abstract contract DepartmentRegistry is DepartmentStorage {
    uint64 private constant _MAX_PROPOSAL_LIFETIME = 30 days;

    struct StoredProposal {
        ProposalKind kind;
        uint32 proposer;
        uint32 targetDepartment;
        uint64 deadline;
        bool executed;
        uint32[] approvers;
        bytes data;
    }

    /// @custom:storage-location erc7201:ethgov.storage.Governance
    struct GovernanceLayout {
        mapping(uint256 proposalId => StoredProposal) proposals;
        uint256 proposalCount;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Governance")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _GOVERNANCE_STORAGE = 0x6dc9b1dca3c7ba558a14d6624135349d30823d0b6a6b522e59c80e951edbec00;

    /// @inheritdoc IDepartmentRegistry
    function proposeAddDepartment(
        string calldata code,
        string calldata name,
        address signer,
        uint64 deadline
    ) external returns (uint256 proposalId) {
        _validateNewDepartment(code, name, signer);
        return _propose(ProposalKind.AddDepartment, 0, abi.encode(code, name, signer), deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeSuspendDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId) {
        if (_knownDepartment(departmentId).status != DepartmentStatus.Active) {
            revert DepartmentNotActive(departmentId);
        }
        return _propose(ProposalKind.SuspendDepartment, departmentId, "", deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeRestoreDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId) {
        if (_knownDepartment(departmentId).status != DepartmentStatus.Suspended) {
            revert DepartmentNotSuspended(departmentId);
        }
        return _propose(ProposalKind.RestoreDepartment, departmentId, "", deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeThreshold(uint32 newThreshold, uint64 deadline) external returns (uint256 proposalId) {
        uint32 active = _departmentStorage().activeDepartmentCount;
        if (newThreshold == 0 || newThreshold > active) revert InvalidThreshold(newThreshold, active);
        return _propose(ProposalKind.ChangeThreshold, 0, abi.encode(newThreshold), deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeReplaceSigners(
        uint32 departmentId,
        address[] calldata newSigners,
        uint64 deadline
    ) external returns (uint256 proposalId) {
        _knownDepartment(departmentId);
        _validateReplacement(departmentId, newSigners);
        return _propose(ProposalKind.ReplaceSigners, departmentId, abi.encode(newSigners), deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeReportCompromisedKey(
        address signer,
        uint64 compromisedSince,
        uint64 deadline
    ) external returns (uint256 proposalId) {
        (uint32 departmentId, , , bool compromised) = _keyRecord(signer);
        if (!compromised) departmentId = _currentKeyDepartment(signer);
        _requireCompromisedSince(compromisedSince);
        return
            _propose(ProposalKind.ReportCompromisedKey, departmentId, abi.encode(signer, compromisedSince), deadline);
    }

    /// @inheritdoc IDepartmentRegistry
    function approve(uint256 proposalId) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        StoredProposal storage pending = _pendingProposal(proposalId);
        if (_hasApproved(pending, departmentId)) revert AlreadyApproved(proposalId, departmentId);
        pending.approvers.push(departmentId);
        uint32 live = _liveApprovals(pending);
        emit ProposalApproved(proposalId, departmentId, live);
        if (live >= _quorum()) _execute(proposalId, pending);
    }

    /// @inheritdoc IDepartmentRegistry
    function execute(uint256 proposalId) external {
        _requireActiveSigner(msg.sender);
        StoredProposal storage pending = _pendingProposal(proposalId);
        uint32 live = _liveApprovals(pending);
        uint32 needed = _quorum();
        if (live < needed) revert QuorumNotReached(proposalId, live, needed);
        _execute(proposalId, pending);
    }

    /// @inheritdoc IDepartmentRegistry
    function reportCompromisedKey(address signer, uint64 compromisedSince) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _requireCurrentKeyOf(departmentId, signer);
        if (_signerCount(departmentId) == 1) revert LastSigner(departmentId);
        _requireCompromisedSince(compromisedSince);
        _markCompromised(departmentId, signer, compromisedSince);
        _cancelPendingSignerChanges(departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function threshold() external view returns (uint32) {
        return _departmentStorage().threshold;
    }

    /// @inheritdoc IDepartmentRegistry
    function quorum() external view returns (uint32) {
        return _quorum();
    }

    /// @inheritdoc IDepartmentRegistry
    function activeDepartmentCount() external view returns (uint32) {
        return _departmentStorage().activeDepartmentCount;
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentCount() external view returns (uint32) {
        return _departmentStorage().departmentCount;
    }

    /// @inheritdoc IDepartmentRegistry
    function department(uint32 departmentId) external view returns (Department memory) {
        StoredDepartment storage stored = _knownDepartment(departmentId);
        return Department({code: stored.code, name: stored.name, status: stored.status, signers: stored.signers});
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentIdByCode(string calldata code) external view returns (uint32) {
        return _departmentStorage().departmentIdsByCode[code];
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentOf(address signer) external view returns (uint32 departmentId, bool active) {
        (departmentId, , active, ) = _keyRecord(signer);
    }

    /// @inheritdoc IDepartmentRegistry
    function keyOf(
        address signer
    ) external view returns (uint32 departmentId, uint16 keyId, bool active, uint64 compromisedSince) {
        bool compromised;
        (departmentId, keyId, active, compromised) = _keyRecord(signer);
        if (compromised) compromisedSince = _keyCompromisedSince(departmentId, keyId);
    }

    /// @inheritdoc IDepartmentRegistry
    function key(uint32 departmentId, uint16 keyId) external view returns (address signer, uint64 compromisedSince) {
        return _keyById(departmentId, keyId);
    }

    /// @inheritdoc IDepartmentRegistry
    function keyCount(uint32 departmentId) external view returns (uint16) {
        return _departmentStorage().departments[departmentId].keyCount;
    }

    /// @inheritdoc IDepartmentRegistry
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        StoredProposal storage stored = _existingProposal(proposalId);
        return
            Proposal({
                kind: stored.kind,
                proposer: stored.proposer,
                targetDepartment: stored.targetDepartment,
                deadline: stored.deadline,
                executed: stored.executed,
                approvers: stored.approvers,
                data: stored.data
            });
    }

    /// @inheritdoc IDepartmentRegistry
    function liveApprovals(uint256 proposalId) external view returns (uint32) {
        return _liveApprovals(_existingProposal(proposalId));
    }

    /// @inheritdoc IDepartmentRegistry
    function hasApproved(uint256 proposalId, uint32 departmentId) external view returns (bool) {
        return _hasApproved(_governanceStorage().proposals[proposalId], departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function MAX_SIGNERS() external pure returns (uint256) { // solhint-disable-line func-name-mixedcase
        return _MAX_SIGNERS;
    }

    /// @dev Creates a proposal approved by the caller's department; executes it when that already is a quorum.
    function _propose(
        ProposalKind kind,
        uint32 targetDepartment,
        bytes memory data,
        uint64 deadline
    ) internal returns (uint256 proposalId) {
        uint32 proposer = _requireActiveSigner(msg.sender);
        if (deadline <= block.timestamp || deadline > block.timestamp + _MAX_PROPOSAL_LIFETIME) {
            revert InvalidDeadline(deadline);
        }
        GovernanceLayout storage $ = _governanceStorage();
        proposalId = ++$.proposalCount;
        StoredProposal storage created = $.proposals[proposalId];
        created.kind = kind;
        created.proposer = proposer;
        created.targetDepartment = targetDepartment;
        created.deadline = deadline;
        created.data = data;
        created.approvers.push(proposer);
        emit ProposalCreated(proposalId, kind, proposer, deadline);
        emit ProposalApproved(proposalId, proposer, 1);
        if (_quorum() <= 1) _execute(proposalId, created);
    }

    /// @dev Cancels every pending signer change of `departmentId` (implemented with the signer changes).
    function _cancelPendingSignerChanges(uint32 departmentId) internal virtual;

    /// @dev Executes a RevokeGrants proposal (implemented with the grants).
    function _revokeGrantsByQuorum(bytes memory data) internal virtual;

    /// @dev Deletes a department's node entry for a ClearNode proposal (implemented with the node directory).
    function _clearNodeByQuorum(uint32 departmentId) internal virtual;

    function _requireCompromisedSince(uint64 compromisedSince) private view {
        if (compromisedSince == 0 || compromisedSince > block.timestamp) {
            revert InvalidCompromisedSince(compromisedSince);
        }
    }

    /// @dev Reverts {CompromisedKey} for a reported key and {SignerNotInDepartment} for any other non-member.
    function _requireCurrentKeyOf(uint32 departmentId, address signer) private view {
        (uint32 keyDepartment, , , bool compromised) = _keyRecord(signer);
        if (compromised) revert CompromisedKey(signer);
        if (keyDepartment != departmentId) revert SignerNotInDepartment(signer, departmentId);
    }

    function _existingProposal(uint256 proposalId) private view returns (StoredProposal storage stored) {
        stored = _governanceStorage().proposals[proposalId];
        if (stored.deadline == 0) revert ProposalNotFound(proposalId);
    }

    function _pendingProposal(uint256 proposalId) private view returns (StoredProposal storage pending) {
        pending = _existingProposal(proposalId);
        if (pending.executed) revert ProposalAlreadyExecuted(proposalId);
        uint64 deadline = pending.deadline;
        if (block.timestamp > deadline) revert ProposalExpired(proposalId, deadline);
    }

    /// @dev A replacement set: 1..MAX_SIGNERS distinct keys, each unregistered or a current key of `departmentId`.
    function _validateReplacement(uint32 departmentId, address[] memory newSigners) private view {
        uint256 count = newSigners.length;
        if (count == 0) revert InvalidDepartment();
        if (count > _MAX_SIGNERS) revert TooManySigners(departmentId, _MAX_SIGNERS);
        for (uint256 i = 0; i < count; ++i) {
            address signer = newSigners[i];
            if (!_isCurrentKey(departmentId, signer)) _requireUnregistered(signer);
            for (uint256 j = 0; j < i; ++j) {
                if (newSigners[j] == signer) revert SignerAlreadyRegistered(signer);
            }
        }
    }

    /// @dev Scans the approvers (8 to a slot) rather than keeping a mapping beside them: one slot less per approval.
    function _hasApproved(StoredProposal storage pending, uint32 departmentId) private view returns (bool) {
        uint32[] storage approvers = pending.approvers;
        uint256 count = approvers.length;
        for (uint256 i = 0; i < count; ++i) {
            if (approvers[i] == departmentId) return true;
        }
        return false;
    }

    /// @dev Approving departments that are active now.
    function _liveApprovals(StoredProposal storage pending) private view returns (uint32 live) {
        uint32[] storage approvers = pending.approvers;
        uint256 count = approvers.length;
        for (uint256 i = 0; i < count; ++i) {
            if (_departmentStatus(approvers[i]) == DepartmentStatus.Active) ++live;
        }
    }

    /// @dev Capped by the active department count so that suspensions can never deadlock governance.
    function _quorum() private view returns (uint32) {
        DepartmentLayout storage $ = _departmentStorage();
        uint32 configured = $.threshold;
        uint32 active = $.activeDepartmentCount;
        return configured < active ? configured : active;
    }

    function _execute(uint256 proposalId, StoredProposal storage pending) private {
        pending.executed = true;
        ProposalKind kind = pending.kind;
        uint32 target = pending.targetDepartment;
        if (kind == ProposalKind.AddDepartment) {
            (string memory code, string memory name, address signer) = abi.decode(
                pending.data,
                (string, string, address)
            );
            _validateNewDepartment(code, name, signer);
            _addDepartment(code, name, signer);
        } else if (kind == ProposalKind.SuspendDepartment) {
            StoredDepartment storage suspended = _knownDepartment(target);
            if (suspended.status != DepartmentStatus.Active) revert DepartmentNotActive(target);
            suspended.status = DepartmentStatus.Suspended;
            _setSignersActive(target, false);
            --_departmentStorage().activeDepartmentCount;
            emit DepartmentSuspended(target);
            _cancelPendingSignerChanges(target);
        } else if (kind == ProposalKind.RestoreDepartment) {
            StoredDepartment storage restored = _knownDepartment(target);
            if (restored.status != DepartmentStatus.Suspended) revert DepartmentNotSuspended(target);
            restored.status = DepartmentStatus.Active;
            _setSignersActive(target, true);
            ++_departmentStorage().activeDepartmentCount;
            emit DepartmentRestored(target);
        } else if (kind == ProposalKind.ChangeThreshold) {
            DepartmentLayout storage $ = _departmentStorage();
            uint32 oldThreshold = $.threshold;
            uint32 newThreshold = abi.decode(pending.data, (uint32));
            $.threshold = newThreshold;
            emit ThresholdChanged(oldThreshold, newThreshold);
        } else if (kind == ProposalKind.ReplaceSigners) {
            _replaceSigners(target, abi.decode(pending.data, (address[])));
        } else if (kind == ProposalKind.ReportCompromisedKey) {
            (address signer, uint64 compromisedSince) = abi.decode(pending.data, (address, uint64));
            (, , , bool compromised) = _keyRecord(signer);
            if (compromised) {
                _redateCompromise(target, signer, compromisedSince);
            } else {
                _requireCurrentKeyOf(target, signer);
                _markCompromised(target, signer, compromisedSince);
                _cancelPendingSignerChanges(target);
            }
        } else if (kind == ProposalKind.RevokeGrants) {
            _revokeGrantsByQuorum(pending.data);
        } else {
            _clearNodeByQuorum(target);
            _cancelPendingSignerChanges(target);
        }
        emit ProposalExecuted(proposalId);
    }

    function _replaceSigners(uint32 departmentId, address[] memory newSigners) private {
        address[] storage current = _knownDepartment(departmentId).signers;
        for (uint256 remaining = current.length; remaining > 0; --remaining) {
            _removeSigner(departmentId, current[remaining - 1]);
        }
        for (uint256 i = 0; i < newSigners.length; ++i) {
            _requireUnregistered(newSigners[i]);
            _registerSigner(departmentId, newSigners[i]);
        }
        _cancelPendingSignerChanges(departmentId);
    }

    function _governanceStorage() private pure returns (GovernanceLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _GOVERNANCE_STORAGE
        }
    }
}
