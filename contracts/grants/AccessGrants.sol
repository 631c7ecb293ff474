// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentRegistry} from "../departments/DepartmentRegistry.sol";
import {DocumentStorage} from "../documents/DocumentStorage.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";
import {GrantRules} from "./GrantRules.sol";
import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title AccessGrants
 * @notice Making and revoking access grants (see {IAccessGrants}); {GrantReads} reads them.
 * @dev Runs in the registry's extension. The rules of 2.0 (no self grant, the grantor issued the record, a
 * maximum lifetime) are checked when a grant is made, so logging an access reads what it read in 1.x.
 */
abstract contract AccessGrants is IAccessGrants, GrantRules, DocumentStorage, DepartmentRegistry {
    /// @inheritdoc IAccessGrants
    function grantAccess(
        bytes32 recordId,
        bytes32 root,
        bytes32[] calldata proof,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis,
        GrantTerms calldata terms
    ) external returns (uint256 grantId) {
        uint32 grantorDepartment = _requireActiveSigner(msg.sender);
        if (recordId == bytes32(0)) revert ZeroRecordId();
        if (granteeDepartment == grantorDepartment) revert SelfGrant(grantorDepartment);
        if (!_isIssuedBy(grantorDepartment, root, recordId, proof)) {
            revert IDocumentRegistry.NotIssuingDepartment(recordId, grantorDepartment);
        }
        return
            _storeGrant(
                recordId,
                granteeDepartment,
                purpose,
                expiresAt,
                grantorDepartment,
                bytes32(0),
                GrantBasis.LegalBasis,
                legalBasis,
                terms
            );
    }

    /// @inheritdoc IAccessGrants
    function grantKindAccess(
        bytes32 kind,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis,
        GrantTerms calldata terms
    ) external returns (uint256 grantId) {
        uint32 grantorDepartment = _requireActiveSigner(msg.sender);
        if (granteeDepartment == grantorDepartment) revert SelfGrant(grantorDepartment);
        return
            _storeGrant(
                kind,
                granteeDepartment,
                purpose,
                expiresAt,
                grantorDepartment,
                bytes32(0),
                GrantBasis.KindLegalBasis,
                legalBasis,
                terms
            );
    }

    /// @inheritdoc IAccessGrants
    function revokeGrant(uint256 grantId) external {
        StoredGrant storage stored = _existingGrant(grantId);
        uint8 revocableBy = stored.revocableBy;
        bool allowed;
        (uint32 departmentId, , bool active, ) = _keyRecord(msg.sender);
        if (departmentId != 0 && departmentId == stored.grantorDepartment) {
            allowed = revocableBy & _BY_GRANTOR != 0;
        } else if (departmentId != 0 && departmentId == stored.granteeDepartment) {
            allowed = revocableBy & _BY_GRANTEE != 0;
        }
        if (allowed && !active) revert NotActiveSigner(msg.sender);
        if (!allowed) revert NotRevoker(grantId, msg.sender);
        _revokeGrant(grantId, stored, msg.sender);
    }

    /// @inheritdoc IAccessGrants
    function proposeRevokeGrants(uint256[] calldata grantIds, uint64 deadline) external returns (uint256 proposalId) {
        for (uint256 i = 0; i < grantIds.length; ++i) {
            _requireGrantorSuspended(grantIds[i]);
        }
        return _propose(ProposalKind.RevokeGrants, 0, abi.encode(grantIds), deadline);
    }

    /// @dev Revokes each listed grant of a suspended grantor; grants already revoked or expired are skipped.
    function _revokeGrantsByQuorum(bytes memory data) internal override {
        uint256[] memory grantIds = abi.decode(data, (uint256[]));
        for (uint256 i = 0; i < grantIds.length; ++i) {
            uint256 grantId = grantIds[i];
            StoredGrant storage stored = _requireGrantorSuspended(grantId);
            if (!stored.revoked && block.timestamp <= stored.expiresAt) _revokeGrant(grantId, stored, address(0));
        }
    }

    function _revokeGrant(uint256 grantId, StoredGrant storage stored, address revokedBy) private {
        emit GrantRevoked(grantId, _revokeGrant(grantId, stored), revokedBy);
    }

    function _requireGrantorSuspended(uint256 grantId) private view returns (StoredGrant storage stored) {
        stored = _existingGrant(grantId);
        uint32 grantor = stored.grantorDepartment;
        if (grantor == 0 || _departmentStatus(grantor) != DepartmentStatus.Suspended) {
            revert GrantorNotSuspended(grantId, grantor);
        }
    }
}
