// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentRegistry} from "../departments/DepartmentRegistry.sol";
import {DocumentStorage} from "../documents/DocumentStorage.sol";
import {IDocumentRegistry} from "../documents/IDocumentRegistry.sol";
import {DelegatedSignatures} from "../signatures/DelegatedSignatures.sol";
import {GrantRules} from "./GrantRules.sol";
import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title AccessGrants
 * @notice Making and revoking access grants (see {IAccessGrants}); {GrantReads} reads them.
 * @dev Runs in the registry's extension. The rules of 2.0 (no self grant, the grantor issued the record, a
 * maximum lifetime) are checked when a grant is made, so logging an access reads what it read in 1.x.
 */
abstract contract AccessGrants is IAccessGrants, GrantRules, DocumentStorage, DepartmentRegistry, DelegatedSignatures {
    // EIP-712 type strings are as long as their types and are hashed at compile time: no string reaches the
    // bytecode, so `gas-small-strings` does not apply to them.
    // solhint-disable gas-small-strings
    bytes32 private constant _CONSENT_TYPEHASH =
        keccak256(
            "Consent(bytes32 recordId,uint32 granteeDepartment,uint16 purpose,uint64 expiresAt,uint8 use,uint16 retentionDays,uint16 maxFetches,uint8 revocableBy,uint256 nonce,uint256 deadline)"
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
    function grantAccessBySig(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        GrantTerms calldata terms,
        address subject,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 grantId) {
        _checkSignature(
            subject,
            _consentHash(recordId, granteeDepartment, purpose, expiresAt, terms, subject, deadline),
            deadline,
            signature
        );
        return _storeConsent(recordId, granteeDepartment, purpose, expiresAt, terms, subject);
    }

    /// @inheritdoc IAccessGrants
    function revokeGrant(uint256 grantId) external {
        StoredGrant storage stored = _existingGrant(grantId);
        uint8 revocableBy = stored.revocableBy;
        bool allowed;
        address revokedBy = msg.sender;
        if (_subjectTag(msg.sender, stored.recordId) == stored.subject) {
            allowed = revocableBy & _BY_GRANTOR != 0;
            revokedBy = address(0);
        } else {
            (uint32 departmentId, , bool active, ) = _keyRecord(msg.sender);
            if (departmentId != 0 && departmentId == stored.grantorDepartment) {
                allowed = revocableBy & _BY_GRANTOR != 0;
            } else if (departmentId != 0 && departmentId == stored.granteeDepartment) {
                allowed = revocableBy & _BY_GRANTEE != 0;
            }
            if (allowed && !active) revert NotActiveSigner(msg.sender);
        }
        if (!allowed) revert NotRevoker(grantId, msg.sender);
        _revokeGrant(grantId, stored, revokedBy);
    }

    /// @inheritdoc IAccessGrants
    function revokeGrantBySig(uint256 grantId, address subject, uint256 deadline, bytes calldata signature) external {
        StoredGrant storage stored = _existingGrant(grantId);
        if (_subjectTag(subject, stored.recordId) != stored.subject) revert NotRevoker(grantId, subject);
        bytes32 structHash = keccak256(abi.encode(_REVOKE_CONSENT_TYPEHASH, grantId, _useNonce(subject), deadline));
        _checkSignature(subject, structHash, deadline, signature);
        _revokeGrant(grantId, stored, address(0));
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

    /// @dev The EIP-712 struct hash of a consent; a static struct ABI-encodes in place, as its four fields would.
    function _consentHash(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        GrantTerms calldata terms,
        address subject,
        uint256 deadline
    ) private returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    _CONSENT_TYPEHASH,
                    recordId,
                    granteeDepartment,
                    purpose,
                    expiresAt,
                    terms,
                    _useNonce(subject),
                    deadline
                )
            );
    }

    /// @dev Stores a consent under its subject tag; a function of its own, so the tag fits on the stack.
    function _storeConsent(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        GrantTerms calldata terms,
        address subject
    ) private returns (uint256) {
        return
            _storeGrant(
                recordId,
                granteeDepartment,
                purpose,
                expiresAt,
                0,
                _subjectTag(subject, recordId),
                GrantBasis.SubjectConsent,
                bytes32(0),
                terms
            );
    }

    /// @dev The subject tag of {IAccessGrants-Grant}: names no one, and differs for each record of one subject.
    function _subjectTag(address subject, bytes32 recordId) private pure returns (bytes32) {
        return keccak256(abi.encode(subject, recordId));
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
