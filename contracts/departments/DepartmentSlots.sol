// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";

/**
 * @title DepartmentSlots
 * @notice Departments as stored, and whether one is active: the part of {DepartmentStorage} that code which implements
 * none of {IDepartmentRegistry} (the passkey extension) needs to check a grantee.
 * @dev ERC-7201 namespaced storage (`ethgov.storage.Departments`); the packed signer and key words are described in
 * {DepartmentStorage}.
 */
abstract contract DepartmentSlots {
    /// @dev `keyCount` is the last key id issued; ids are never reused.
    struct StoredDepartment {
        string code;
        string name;
        IDepartmentRegistry.DepartmentStatus status;
        uint16 keyCount;
        address[] signers;
    }

    /// @custom:storage-location erc7201:ethgov.storage.Departments
    struct DepartmentLayout {
        mapping(address signer => uint256 record) signers;
        mapping(uint32 departmentId => mapping(uint16 keyId => uint256 record)) keys;
        mapping(uint32 departmentId => StoredDepartment) departments;
        mapping(string code => uint32 departmentId) departmentIdsByCode;
        uint32 departmentCount;
        uint32 activeDepartmentCount;
        uint32 threshold;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Departments")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _DEPARTMENT_STORAGE = 0x2e70fcac78f1824916efa0e904d59c75cede902902a38e5642926232e88d0000;

    /// @dev The current status of a department; `None` for an unknown id.
    function _departmentStatus(uint32 departmentId) internal view returns (IDepartmentRegistry.DepartmentStatus) {
        return _departmentStorage().departments[departmentId].status;
    }

    /// @dev Reverts {IDepartmentRegistry-UnknownDepartment} or {IDepartmentRegistry-DepartmentNotActive} unless `departmentId` is active.
    function _requireActiveDepartment(uint32 departmentId) internal view {
        IDepartmentRegistry.DepartmentStatus status = _departmentStatus(departmentId);
        if (status == IDepartmentRegistry.DepartmentStatus.None) revert IDepartmentRegistry.UnknownDepartment(departmentId);
        if (status != IDepartmentRegistry.DepartmentStatus.Active) revert IDepartmentRegistry.DepartmentNotActive(departmentId);
    }

    function _departmentStorage() internal pure returns (DepartmentLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _DEPARTMENT_STORAGE
        }
    }
}
