// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentRegistry} from "../departments/DepartmentRegistry.sol";
import {DocumentStorage} from "../documents/DocumentStorage.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";
import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {GrantStorage} from "./GrantStorage.sol";
import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title AccessGrants
 * @notice Making, revoking and reading access grants (see {IAccessGrants}).
 * @dev Runs in the registry's extension. The rules of 2.0 (no self grant, the grantor issued the record, a
 * maximum lifetime) are checked when a grant is made, so logging an access reads what it read in 1.x.
 */
abstract contract AccessGrants is IAccessGrants, GrantStorage, DocumentStorage, DepartmentRegistry, DelegatedSignatures {
    uint64 private constant _MAX_GRANT_LIFETIME = 366 days;

    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _CONSENT_TYPEHASH =
        keccak256(
            "Consent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _REVOKE_CONSENT_TYPEHASH =
        keccak256("RevokeConsent(uint256 grantId,uint256 nonce,uint256 deadline)");
    // solhint-enable gas-small-strings

    /// @inheritdoc IAccessGrants
    function grantAccess(
        bytes32 recordId,
        bytes32 root,
        bytes32[] calldata proof,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis
    ) external returns (uint256 grantId) {
        uint32 grantorDepartment = _requireActiveSigner(msg.sender);
        if (recordId == bytes32(0)) revert ZeroRecordId();
        if (granteeDepartment == grantorDepartment) revert SelfGrant(grantorDepartment);
        if (!_isIssuedBy(grantorDepartment, root, recordId, proof)) {
            revert IDocumentRegistry.NotIssuingDepartment(recordId, grantorDepartment);
        }
        return
            _grant(
                recordId,
                granteeDepartment,
                purpose,
                expiresAt,
                grantorDepartment,
                address(0),
                GrantBasis.LegalBasis,
                legalBasis
            );
    }

    /// @inheritdoc IAccessGrants
    function grantAccessBySig(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        address subject,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 grantId) {
        bytes32 structHash = keccak256(
            abi.encode(
                _CONSENT_TYPEHASH,
                recordId,
                granteeDepartment,
                purpose,
                expiresAt,
                _useNonce(subject),
                deadline
            )
        );
        _checkSignature(subject, structHash, deadline, signature);
        return
            _grant(recordId, granteeDepartment, purpose, expiresAt, 0, subject, GrantBasis.SubjectConsent, bytes32(0));
    }

    /// @inheritdoc IAccessGrants
    function revokeGrant(uint256 grantId) external {
        StoredGrant storage stored = _existingGrant(grantId);
        if (msg.sender != stored.subject) {
            (uint32 departmentId, , bool active, ) = _keyRecord(msg.sender);
            uint32 grantor = stored.grantorDepartment;
            if (grantor == 0 || departmentId != grantor) revert NotGrantorOrSubject(grantId, msg.sender);
            if (!active) revert NotActiveSigner(msg.sender);
        }
        _revokeGrant(grantId, stored, msg.sender);
    }

    /// @inheritdoc IAccessGrants
    function revokeGrantBySig(uint256 grantId, address subject, uint256 deadline, bytes calldata signature) external {
        StoredGrant storage stored = _existingGrant(grantId);
        if (subject == address(0) || subject != stored.subject) revert NotGrantorOrSubject(grantId, subject);
        bytes32 structHash = keccak256(abi.encode(_REVOKE_CONSENT_TYPEHASH, grantId, _useNonce(subject), deadline));
        _checkSignature(subject, structHash, deadline, signature);
        _revokeGrant(grantId, stored, subject);
    }

    /// @inheritdoc IAccessGrants
    function proposeRevokeGrants(uint256[] calldata grantIds, uint64 deadline) external returns (uint256 proposalId) {
        for (uint256 i = 0; i < grantIds.length; ++i) {
            _requireGrantorSuspended(grantIds[i]);
        }
        return _propose(ProposalKind.RevokeGrants, 0, abi.encode(grantIds), deadline);
    }

    /// @inheritdoc IAccessGrants
    function grant(uint256 grantId) external view returns (Grant memory) {
        StoredGrant storage stored = _existingGrant(grantId);
        return
            Grant({
                recordId: stored.recordId,
                grantorDepartment: stored.grantorDepartment,
                subject: stored.subject,
                granteeDepartment: stored.granteeDepartment,
                purpose: stored.purpose,
                expiresAt: stored.expiresAt,
                basis: stored.basis,
                revoked: stored.revoked
            });
    }

    /// @inheritdoc IAccessGrants
    function isGrantValid(uint256 grantId) external view returns (bool) {
        StoredGrant storage stored = _grantStorage().grants[grantId];
        return stored.granteeDepartment != 0 && !stored.revoked && block.timestamp <= stored.expiresAt;
    }

    /// @inheritdoc IAccessGrants
    function grantCount() external view returns (uint256) {
        return _grantStorage().grantCount;
    }

    /// @inheritdoc IAccessGrants
    function MAX_GRANT_LIFETIME() external pure returns (uint64) { // solhint-disable-line func-name-mixedcase
        return _MAX_GRANT_LIFETIME;
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

    function _grant(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        uint32 grantorDepartment,
        address subject,
        GrantBasis basis,
        bytes32 legalBasis
    ) private returns (uint256 grantId) {
        if (recordId == bytes32(0)) revert ZeroRecordId();
        if (expiresAt <= block.timestamp || expiresAt > block.timestamp + _MAX_GRANT_LIFETIME) {
            revert InvalidExpiry(expiresAt);
        }
        _requireActiveDepartment(granteeDepartment);
        GrantLayout storage $ = _grantStorage();
        grantId = ++$.grantCount;
        $.grants[grantId] = StoredGrant({
            recordId: recordId,
            granteeDepartment: granteeDepartment,
            expiresAt: expiresAt,
            revoked: false,
            grantorDepartment: grantorDepartment,
            purpose: purpose,
            basis: basis,
            subject: subject
        });
        emit AccessGranted(
            grantId,
            recordId,
            granteeDepartment,
            grantorDepartment,
            subject,
            purpose,
            expiresAt,
            basis,
            legalBasis
        );
    }

    function _revokeGrant(uint256 grantId, StoredGrant storage stored, address revokedBy) private {
        if (stored.revoked || block.timestamp > stored.expiresAt) revert GrantNotActive(grantId);
        stored.revoked = true;
        emit GrantRevoked(grantId, stored.recordId, revokedBy);
    }

    function _requireGrantorSuspended(uint256 grantId) private view returns (StoredGrant storage stored) {
        stored = _existingGrant(grantId);
        uint32 grantor = stored.grantorDepartment;
        if (grantor == 0 || _departmentStatus(grantor) != DepartmentStatus.Suspended) {
            revert GrantorNotSuspended(grantId, grantor);
        }
    }

    /// @dev Every grant has a non-zero grantee, so a zero grantee means the id was never issued.
    function _existingGrant(uint256 grantId) private view returns (StoredGrant storage stored) {
        stored = _grantStorage().grants[grantId];
        if (stored.granteeDepartment == 0) revert GrantNotFound(grantId);
    }
}
