// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";

/**
 * @title DepartmentRegistry
 * @notice Departments, their signer keys and quorum governance (see {IDepartmentRegistry}).
 * @dev Each signer key maps to one packed storage word holding its department id, an `active` flag and
 * its index in the department's signer list, so the hot paths (anchoring, revoking, logging) authorize
 * with a single SLOAD. Suspending or restoring a department rewrites the flag of each of its signers;
 * departments hold a handful of keys.
 */
abstract contract DepartmentRegistry is IDepartmentRegistry {
    /// @dev Signer word layout: bits 0-31 department id, bit 32 active flag, bits 64-95 index in `signers`.
    uint256 private constant _SIGNER_ACTIVE = 1 << 32;
    uint256 private constant _SIGNER_INDEX_SHIFT = 64;
    uint256 private constant _SIGNER_FLAGS_MASK = (1 << 64) - 1;

    mapping(address signer => uint256 record) private _signers;
    mapping(uint32 departmentId => Department) private _departments;
    mapping(string code => uint32 departmentId) private _departmentIdsByCode;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(uint32 departmentId => bool)) private _approvals;
    uint32 private _departmentCount;
    uint32 private _activeDepartmentCount;
    uint32 private _threshold;
    uint256 private _proposalCount;

    /**
     * @param codes Department codes; department ids are 1..n in this order.
     * @param names Department names.
     * @param signers The first signer of each department.
     * @param initialThreshold Approvals a proposal needs, between 1 and n.
     */
    constructor(string[] memory codes, string[] memory names, address[] memory signers, uint32 initialThreshold) {
        uint256 count = codes.length;
        if (names.length != count || signers.length != count) revert InvalidDepartment();
        if (initialThreshold == 0 || initialThreshold > count) {
            revert InvalidThreshold(initialThreshold, uint32(count));
        }
        for (uint256 i = 0; i < count; ++i) {
            _validateNewDepartment(codes[i], names[i], signers[i]);
            _addDepartment(codes[i], names[i], signers[i]);
        }
        _threshold = initialThreshold;
        emit ThresholdChanged(0, initialThreshold);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeAddDepartment(
        string calldata code,
        string calldata name,
        address signer,
        uint64 deadline
    ) external returns (uint256 proposalId) {
        uint32 proposer = _requireActiveSigner(msg.sender);
        _validateNewDepartment(code, name, signer);
        proposalId = _createProposal(ProposalKind.AddDepartment, proposer, 0, 0, deadline);
        Proposal storage created = _proposals[proposalId];
        created.code = code;
        created.name = name;
        created.signer = signer;
        emit ProposalCreated(proposalId, ProposalKind.AddDepartment, proposer, deadline);
        _approve(proposalId, proposer);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeSuspendDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId) {
        uint32 proposer = _requireActiveSigner(msg.sender);
        if (_knownDepartment(departmentId).status != DepartmentStatus.Active) {
            revert DepartmentNotActive(departmentId);
        }
        proposalId = _createProposal(ProposalKind.SuspendDepartment, proposer, departmentId, 0, deadline);
        emit ProposalCreated(proposalId, ProposalKind.SuspendDepartment, proposer, deadline);
        _approve(proposalId, proposer);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeRestoreDepartment(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId) {
        uint32 proposer = _requireActiveSigner(msg.sender);
        if (_knownDepartment(departmentId).status != DepartmentStatus.Suspended) {
            revert DepartmentNotSuspended(departmentId);
        }
        proposalId = _createProposal(ProposalKind.RestoreDepartment, proposer, departmentId, 0, deadline);
        emit ProposalCreated(proposalId, ProposalKind.RestoreDepartment, proposer, deadline);
        _approve(proposalId, proposer);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposeThreshold(uint32 newThreshold, uint64 deadline) external returns (uint256 proposalId) {
        uint32 proposer = _requireActiveSigner(msg.sender);
        uint32 active = _activeDepartmentCount;
        if (newThreshold == 0 || newThreshold > active) revert InvalidThreshold(newThreshold, active);
        proposalId = _createProposal(ProposalKind.ChangeThreshold, proposer, 0, newThreshold, deadline);
        emit ProposalCreated(proposalId, ProposalKind.ChangeThreshold, proposer, deadline);
        _approve(proposalId, proposer);
    }

    /// @inheritdoc IDepartmentRegistry
    function approve(uint256 proposalId) external {
        _approve(proposalId, _requireActiveSigner(msg.sender));
    }

    /// @inheritdoc IDepartmentRegistry
    function addSigner(address signer) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        if (signer == address(0)) revert InvalidDepartment();
        if (_signers[signer] != 0) revert SignerAlreadyRegistered(signer);
        _registerSigner(departmentId, signer);
    }

    /// @inheritdoc IDepartmentRegistry
    function removeSigner(address signer) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        uint256 record = _signers[signer];
        if (uint32(record) != departmentId) revert SignerNotInDepartment(signer, departmentId);
        address[] storage signers = _departments[departmentId].signers;
        uint256 last = signers.length - 1;
        if (last == 0) revert LastSigner(departmentId);
        uint256 index = record >> _SIGNER_INDEX_SHIFT;
        if (index != last) {
            address moved = signers[last];
            signers[index] = moved;
            _signers[moved] = (_signers[moved] & _SIGNER_FLAGS_MASK) | (index << _SIGNER_INDEX_SHIFT);
        }
        signers.pop();
        delete _signers[signer];
        emit SignerRemoved(departmentId, signer);
    }

    /// @inheritdoc IDepartmentRegistry
    function threshold() external view returns (uint32) {
        return _threshold;
    }

    /// @inheritdoc IDepartmentRegistry
    function activeDepartmentCount() external view returns (uint32) {
        return _activeDepartmentCount;
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentCount() external view returns (uint32) {
        return _departmentCount;
    }

    /// @inheritdoc IDepartmentRegistry
    function department(uint32 departmentId) external view returns (Department memory) {
        return _knownDepartment(departmentId);
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentIdByCode(string calldata code) external view returns (uint32) {
        return _departmentIdsByCode[code];
    }

    /// @inheritdoc IDepartmentRegistry
    function departmentOf(address signer) external view returns (uint32 departmentId, bool active) {
        return _signerOf(signer);
    }

    /// @inheritdoc IDepartmentRegistry
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        Proposal storage stored = _proposals[proposalId];
        if (stored.deadline == 0) revert ProposalNotFound(proposalId);
        return stored;
    }

    /// @inheritdoc IDepartmentRegistry
    function hasApproved(uint256 proposalId, uint32 departmentId) external view returns (bool) {
        return _approvals[proposalId][departmentId];
    }

    /// @dev The department `account` signs for; reverts {NotActiveSigner} unless that department is active.
    function _requireActiveSigner(address account) internal view returns (uint32 departmentId) {
        uint256 record = _signers[account];
        if (record & _SIGNER_ACTIVE == 0) revert NotActiveSigner(account);
        return uint32(record);
    }

    /// @dev The department `account` signs for (0 when none) and whether it may act now.
    function _signerOf(address account) internal view returns (uint32 departmentId, bool active) {
        uint256 record = _signers[account];
        return (uint32(record), record & _SIGNER_ACTIVE != 0);
    }

    /// @dev The current status of a department; `None` for an unknown id.
    function _departmentStatus(uint32 departmentId) internal view returns (DepartmentStatus) {
        return _departments[departmentId].status;
    }

    /// @dev Reverts {UnknownDepartment} or {DepartmentNotActive} unless `departmentId` is active.
    function _requireActiveDepartment(uint32 departmentId) internal view {
        DepartmentStatus status = _departments[departmentId].status;
        if (status == DepartmentStatus.None) revert UnknownDepartment(departmentId);
        if (status != DepartmentStatus.Active) revert DepartmentNotActive(departmentId);
    }

    function _knownDepartment(uint32 departmentId) private view returns (Department storage stored) {
        stored = _departments[departmentId];
        if (stored.status == DepartmentStatus.None) revert UnknownDepartment(departmentId);
    }

    function _validateNewDepartment(string memory code, string memory name, address signer) private view {
        if (bytes(code).length == 0 || bytes(name).length == 0 || signer == address(0)) revert InvalidDepartment();
        if (_departmentIdsByCode[code] != 0) revert DepartmentCodeTaken(code);
        if (_signers[signer] != 0) revert SignerAlreadyRegistered(signer);
    }

    function _addDepartment(string memory code, string memory name, address signer) private {
        uint32 departmentId = ++_departmentCount;
        Department storage created = _departments[departmentId];
        created.code = code;
        created.name = name;
        created.status = DepartmentStatus.Active;
        _departmentIdsByCode[code] = departmentId;
        ++_activeDepartmentCount;
        emit DepartmentAdded(departmentId, code, name);
        _registerSigner(departmentId, signer);
    }

    function _registerSigner(uint32 departmentId, address signer) private {
        address[] storage signers = _departments[departmentId].signers;
        _signers[signer] = departmentId | _SIGNER_ACTIVE | (signers.length << _SIGNER_INDEX_SHIFT);
        signers.push(signer);
        emit SignerAdded(departmentId, signer);
    }

    function _setSignersActive(uint32 departmentId, bool active) private {
        address[] storage signers = _departments[departmentId].signers;
        uint256 count = signers.length;
        for (uint256 i = 0; i < count; ++i) {
            address signer = signers[i];
            _signers[signer] = active ? _signers[signer] | _SIGNER_ACTIVE : _signers[signer] & ~_SIGNER_ACTIVE;
        }
    }

    function _createProposal(
        ProposalKind kind,
        uint32 proposer,
        uint32 targetDepartment,
        uint32 newThreshold,
        uint64 deadline
    ) private returns (uint256 proposalId) {
        if (deadline <= block.timestamp) revert InvalidDeadline(deadline);
        proposalId = ++_proposalCount;
        Proposal storage created = _proposals[proposalId];
        created.kind = kind;
        created.proposer = proposer;
        created.targetDepartment = targetDepartment;
        created.newThreshold = newThreshold;
        created.deadline = deadline;
    }

    function _approve(uint256 proposalId, uint32 departmentId) private {
        Proposal storage pending = _proposals[proposalId];
        uint64 deadline = pending.deadline;
        if (deadline == 0) revert ProposalNotFound(proposalId);
        if (pending.executed) revert ProposalAlreadyExecuted(proposalId);
        if (block.timestamp > deadline) revert ProposalExpired(proposalId, deadline);
        if (_approvals[proposalId][departmentId]) revert AlreadyApproved(proposalId, departmentId);
        _approvals[proposalId][departmentId] = true;
        uint32 approvals = pending.approvals + 1;
        pending.approvals = approvals;
        emit ProposalApproved(proposalId, departmentId, approvals);
        if (approvals >= _quorum()) _execute(proposalId, pending);
    }

    /// @dev Capped by the active department count so that suspensions can never deadlock governance.
    function _quorum() private view returns (uint32) {
        uint32 configured = _threshold;
        uint32 active = _activeDepartmentCount;
        return configured < active ? configured : active;
    }

    function _execute(uint256 proposalId, Proposal storage pending) private {
        pending.executed = true;
        ProposalKind kind = pending.kind;
        if (kind == ProposalKind.AddDepartment) {
            string memory code = pending.code;
            string memory name = pending.name;
            address signer = pending.signer;
            _validateNewDepartment(code, name, signer);
            _addDepartment(code, name, signer);
        } else if (kind == ProposalKind.SuspendDepartment) {
            uint32 target = pending.targetDepartment;
            Department storage suspended = _departments[target];
            if (suspended.status != DepartmentStatus.Active) revert DepartmentNotActive(target);
            suspended.status = DepartmentStatus.Suspended;
            _setSignersActive(target, false);
            --_activeDepartmentCount;
            emit DepartmentSuspended(target);
        } else if (kind == ProposalKind.RestoreDepartment) {
            uint32 target = pending.targetDepartment;
            Department storage restored = _departments[target];
            if (restored.status != DepartmentStatus.Suspended) revert DepartmentNotSuspended(target);
            restored.status = DepartmentStatus.Active;
            _setSignersActive(target, true);
            ++_activeDepartmentCount;
            emit DepartmentRestored(target);
        } else {
            uint32 oldThreshold = _threshold;
            uint32 newThreshold = pending.newThreshold;
            _threshold = newThreshold;
            emit ThresholdChanged(oldThreshold, newThreshold);
        }
        emit ProposalExecuted(proposalId);
    }
}
