// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentSlots} from "./DepartmentSlots.sol";
import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";

/**
 * @title DepartmentStorage
 * @notice Departments and their keys as stored, with the rules every change to them keeps (see
 * {IDepartmentRegistry}); shared by the registry's hot paths and by governance in the extension.
 * @dev ERC-7201 namespaced storage (`ethgov.storage.Departments`), so the registry and its extension, which
 * runs by DELEGATECALL on the registry's storage, agree on it whatever else they inherit.
 *
 * Each signer key maps to one packed word holding its department id, its key id, an `active` flag and its
 * index in the department's signer list, so the hot paths (anchoring, revoking, logging) authorize with a
 * single SLOAD and anchoring learns the key id from the same word. Suspending or restoring a department
 * rewrites the flag of each of its at most {MAX_SIGNERS} current keys. A compromised key keeps a word (so it
 * can never be registered again) flagged compromised and never active, and is no longer in the list, so a
 * restoration never reactivates it.
 */
abstract contract DepartmentStorage is IDepartmentRegistry, DepartmentSlots {
    /// @dev The most keys a department holds at once.
    uint256 internal constant _MAX_SIGNERS = 8;

    // Signer word: departmentId 0-31, keyId 32-47, active flag bit 48, compromised flag bit 49,
    // index in the department's `signers` 64-95.
    uint256 private constant _SIGNER_KEY_ID_SHIFT = 32;
    uint256 private constant _SIGNER_ACTIVE = 1 << 48;
    uint256 private constant _SIGNER_COMPROMISED = 1 << 49;
    uint256 private constant _SIGNER_INDEX_SHIFT = 64;
    uint256 private constant _SIGNER_FLAGS_MASK = (1 << 64) - 1;

    // Key word, per (department, keyId): address 0-159, compromisedSince 160-223.
    uint256 private constant _KEY_SINCE_SHIFT = 160;

    /// @dev Registers the initial departments, one first signer each, and the threshold (constructor only).
    function _initializeDepartments(
        string[] memory codes,
        string[] memory names,
        address[] memory signers,
        uint32 initialThreshold
    ) internal {
        uint256 count = codes.length;
        if (names.length != count || signers.length != count) revert InvalidDepartment();
        if (initialThreshold == 0 || initialThreshold > count) {
            revert InvalidThreshold(initialThreshold, uint32(count));
        }
        for (uint256 i = 0; i < count; ++i) {
            _validateNewDepartment(codes[i], names[i], signers[i]);
            _addDepartment(codes[i], names[i], signers[i]);
        }
        _departmentStorage().threshold = initialThreshold;
        emit ThresholdChanged(0, initialThreshold);
    }

    /// @dev The department `account` signs for; reverts {NotActiveSigner} unless it is a current key of an active department.
    function _requireActiveSigner(address account) internal view returns (uint32 departmentId) {
        uint256 record = _departmentStorage().signers[account];
        if (record & _SIGNER_ACTIVE == 0) revert NotActiveSigner(account);
        return uint32(record);
    }

    /// @dev {_requireActiveSigner} that also returns the key id, from the same storage word.
    function _requireActiveKey(address account) internal view returns (uint32 departmentId, uint16 keyId) {
        uint256 record = _departmentStorage().signers[account];
        if (record & _SIGNER_ACTIVE == 0) revert NotActiveSigner(account);
        return (uint32(record), uint16(record >> _SIGNER_KEY_ID_SHIFT));
    }

    /// @dev What the signer word of `account` says: department (0 when none), key id, active now, compromised.
    function _keyRecord(
        address account
    ) internal view returns (uint32 departmentId, uint16 keyId, bool active, bool compromised) {
        uint256 record = _departmentStorage().signers[account];
        return (
            uint32(record),
            uint16(record >> _SIGNER_KEY_ID_SHIFT),
            record & _SIGNER_ACTIVE != 0,
            record & _SIGNER_COMPROMISED != 0
        );
    }

    /// @dev The address and compromise time of a department's key id (zero address when never issued).
    function _keyById(uint32 departmentId, uint16 keyId) internal view returns (address signer, uint64 since) {
        uint256 record = _departmentStorage().keys[departmentId][keyId];
        return (address(uint160(record)), uint64(record >> _KEY_SINCE_SHIFT));
    }

    /// @dev When the key's reported compromise began; 0 when the key was never reported.
    function _keyCompromisedSince(uint32 departmentId, uint16 keyId) internal view returns (uint64) {
        return uint64(_departmentStorage().keys[departmentId][keyId] >> _KEY_SINCE_SHIFT);
    }

    /// @dev The stored department; reverts {UnknownDepartment} for an unknown id.
    function _knownDepartment(uint32 departmentId) internal view returns (StoredDepartment storage stored) {
        stored = _departmentStorage().departments[departmentId];
        if (stored.status == DepartmentStatus.None) revert UnknownDepartment(departmentId);
    }

    /// @dev Reverts unless `signer` could be registered now: non-zero, neither registered nor reported compromised.
    function _requireUnregistered(address signer) internal view {
        if (signer == address(0)) revert InvalidDepartment();
        uint256 record = _departmentStorage().signers[signer];
        if (record & _SIGNER_COMPROMISED != 0) revert CompromisedKey(signer);
        if (record != 0) revert SignerAlreadyRegistered(signer);
    }

    /// @dev Whether `signer` is a current (listed, never reported) key of `departmentId`.
    function _isCurrentKey(uint32 departmentId, address signer) internal view returns (bool) {
        uint256 record = _departmentStorage().signers[signer];
        return departmentId != 0 && uint32(record) == departmentId && record & _SIGNER_COMPROMISED == 0;
    }

    /// @dev The department of a current key; reverts {CompromisedKey} or {SignerNotInDepartment}(signer, 0) otherwise.
    function _currentKeyDepartment(address signer) internal view returns (uint32 departmentId) {
        uint256 record = _departmentStorage().signers[signer];
        if (record & _SIGNER_COMPROMISED != 0) revert CompromisedKey(signer);
        departmentId = uint32(record);
        if (departmentId == 0) revert SignerNotInDepartment(signer, 0);
    }

    /// @dev The number of current keys of a department.
    function _signerCount(uint32 departmentId) internal view returns (uint256) {
        return _departmentStorage().departments[departmentId].signers.length;
    }

    /// @dev Reverts unless a department with this code, name and first signer could be added now.
    function _validateNewDepartment(string memory code, string memory name, address signer) internal view {
        if (bytes(code).length == 0 || bytes(name).length == 0) revert InvalidDepartment();
        if (_departmentStorage().departmentIdsByCode[code] != 0) revert DepartmentCodeTaken(code);
        _requireUnregistered(signer);
    }

    /// @dev Adds an active department with its first signer (validated by {_validateNewDepartment}).
    function _addDepartment(string memory code, string memory name, address signer) internal {
        DepartmentLayout storage $ = _departmentStorage();
        uint32 departmentId = ++$.departmentCount;
        StoredDepartment storage created = $.departments[departmentId];
        created.code = code;
        created.name = name;
        created.status = DepartmentStatus.Active;
        $.departmentIdsByCode[code] = departmentId;
        ++$.activeDepartmentCount;
        emit DepartmentAdded(departmentId, code, name);
        _registerSigner(departmentId, signer);
    }

    /// @dev Registers `signer` under the department's next key id, active when the department is.
    function _registerSigner(uint32 departmentId, address signer) internal {
        DepartmentLayout storage $ = _departmentStorage();
        StoredDepartment storage stored = $.departments[departmentId];
        address[] storage signers = stored.signers;
        uint256 index = signers.length;
        if (index >= _MAX_SIGNERS) revert TooManySigners(departmentId, _MAX_SIGNERS);
        uint16 keyId = stored.keyCount + 1;
        stored.keyCount = keyId;
        uint256 active = stored.status == DepartmentStatus.Active ? _SIGNER_ACTIVE : 0;
        $.signers[signer] =
            uint256(departmentId) |
            (uint256(keyId) << _SIGNER_KEY_ID_SHIFT) |
            active |
            (index << _SIGNER_INDEX_SHIFT);
        $.keys[departmentId][keyId] = uint160(signer);
        signers.push(signer);
        emit SignerAdded(departmentId, signer, keyId);
    }

    /// @dev Removes a current key of `departmentId`; the address may be registered again later under a new key id.
    function _removeSigner(uint32 departmentId, address signer) internal {
        uint256 record = _unlistSigner(departmentId, signer);
        delete _departmentStorage().signers[signer];
        emit SignerRemoved(departmentId, signer, uint16(record >> _SIGNER_KEY_ID_SHIFT));
    }

    /**
     * @dev Marks a current key of `departmentId` compromised since `compromisedSince`: out of the list, never
     * active or registrable again, its compromise time kept by key id for the document views.
     */
    function _markCompromised(uint32 departmentId, address signer, uint64 compromisedSince) internal {
        DepartmentLayout storage $ = _departmentStorage();
        uint256 record = _unlistSigner(departmentId, signer);
        uint16 keyId = uint16(record >> _SIGNER_KEY_ID_SHIFT);
        $.signers[signer] = uint256(departmentId) | (uint256(keyId) << _SIGNER_KEY_ID_SHIFT) | _SIGNER_COMPROMISED;
        $.keys[departmentId][keyId] = uint160(signer) | (uint256(compromisedSince) << _KEY_SINCE_SHIFT);
        emit SignerRemoved(departmentId, signer, keyId);
        emit KeyCompromised(departmentId, signer, keyId, compromisedSince);
    }

    /// @dev Replaces the compromise time of a key already reported compromised (the quorum's correction).
    function _redateCompromise(uint32 departmentId, address signer, uint64 compromisedSince) internal {
        uint16 keyId = uint16(_departmentStorage().signers[signer] >> _SIGNER_KEY_ID_SHIFT);
        _departmentStorage().keys[departmentId][keyId] = uint160(signer) | (uint256(compromisedSince) << _KEY_SINCE_SHIFT);
        emit KeyCompromised(departmentId, signer, keyId, compromisedSince);
    }

    /// @dev Sets or clears the `active` flag of every current key of `departmentId`.
    function _setSignersActive(uint32 departmentId, bool active) internal {
        DepartmentLayout storage $ = _departmentStorage();
        address[] storage signers = $.departments[departmentId].signers;
        uint256 count = signers.length;
        for (uint256 i = 0; i < count; ++i) {
            address signer = signers[i];
            uint256 record = $.signers[signer];
            $.signers[signer] = active ? record | _SIGNER_ACTIVE : record & ~_SIGNER_ACTIVE;
        }
    }

    /// @dev Takes `signer` out of its department's list and returns its signer word, which the caller rewrites.
    function _unlistSigner(uint32 departmentId, address signer) private returns (uint256 record) {
        DepartmentLayout storage $ = _departmentStorage();
        record = $.signers[signer];
        address[] storage signers = $.departments[departmentId].signers;
        uint256 last = signers.length - 1;
        uint256 index = uint256(uint32(record >> _SIGNER_INDEX_SHIFT));
        if (index != last) {
            address moved = signers[last];
            signers[index] = moved;
            $.signers[moved] = ($.signers[moved] & _SIGNER_FLAGS_MASK) | (index << _SIGNER_INDEX_SHIFT);
        }
        signers.pop();
    }
}
