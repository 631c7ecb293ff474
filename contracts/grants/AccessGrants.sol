// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentRegistry} from "../departments/DepartmentRegistry.sol";
import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title AccessGrants
 * @notice Access grants and the access log (see {IAccessGrants}).
 * @dev A stored grant spans three slots ordered so that {logAccess} reads two: the record id, then the
 * grantee, expiry and revocation flag packed with the grantor, purpose and basis; the subject last.
 */
abstract contract AccessGrants is IAccessGrants, DepartmentRegistry, DelegatedSignatures {
    struct StoredGrant {
        bytes32 recordId;
        uint32 granteeDepartment;
        uint64 expiresAt;
        bool revoked;
        uint32 grantorDepartment;
        uint16 purpose;
        GrantBasis basis;
        address subject;
    }

    bytes32 private constant _CONSENT_TYPEHASH =
        keccak256(
            "Consent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint256 nonce,uint256 deadline)"
        );
    bytes32 private constant _REVOKE_CONSENT_TYPEHASH =
        keccak256("RevokeConsent(uint256 grantId,uint256 nonce,uint256 deadline)");

    mapping(uint256 grantId => StoredGrant) private _grants;
    uint256 private _grantCount;

    /// @inheritdoc IAccessGrants
    function grantAccess(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        bytes32 legalBasis
    ) external returns (uint256 grantId) {
        uint32 grantorDepartment = _requireActiveSigner(msg.sender);
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
            (uint32 departmentId, bool active) = _signerOf(msg.sender);
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
    function logAccess(uint256 grantId) external {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        StoredGrant storage stored = _grants[grantId];
        uint32 grantee = stored.granteeDepartment;
        if (grantee == 0) revert GrantNotFound(grantId);
        if (grantee != departmentId) revert NotGrantee(grantId, msg.sender);
        if (stored.revoked || block.timestamp > stored.expiresAt) revert GrantNotActive(grantId);
        emit AccessLogged(grantId, stored.recordId, grantee);
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
        StoredGrant storage stored = _grants[grantId];
        return stored.granteeDepartment != 0 && !stored.revoked && block.timestamp <= stored.expiresAt;
    }

    /// @inheritdoc IAccessGrants
    function grantCount() external view returns (uint256) {
        return _grantCount;
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
        if (expiresAt <= block.timestamp) revert InvalidExpiry(expiresAt);
        _requireActiveDepartment(granteeDepartment);
        grantId = ++_grantCount;
        _grants[grantId] = StoredGrant({
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

    /// @dev Every grant has a non-zero grantee, so a zero grantee means the id was never issued.
    function _existingGrant(uint256 grantId) private view returns (StoredGrant storage stored) {
        stored = _grants[grantId];
        if (stored.granteeDepartment == 0) revert GrantNotFound(grantId);
    }
}
