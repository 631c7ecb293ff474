// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {DepartmentSlots} from "../departments/DepartmentSlots.sol";
import {GrantStorage} from "./GrantStorage.sol";
import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title GrantRules
 * @notice The rules every new grant obeys, whichever way it is made (see {IAccessGrants}): valid terms, an expiry
 * within {IGrantReads-MAX_GRANT_LIFETIME}, an active grantee; and the one place a grant is stored and announced.
 * @dev Shared by the extension's {AccessGrants} and the passkey extension's {PasskeyGrants}, which each compile a copy.
 * Not an {IAccessGrants} itself, so that the passkey extension does not declare the grant functions it does not run.
 */
abstract contract GrantRules is GrantStorage, DepartmentSlots {
    /// @dev `revocableBy` flags of {IAccessGrants.GrantTerms}.
    uint8 internal constant _BY_GRANTOR = 1;
    uint8 internal constant _BY_GRANTEE = 2;

    /**
     * @dev Checks the rules, stores the grant and emits {IAccessGrants-AccessGranted}. `subject` is the passkey id of a
     * passkey consent, or zero: never an address.
     */
    function _storeGrant(
        bytes32 recordId,
        uint32 granteeDepartment,
        uint16 purpose,
        uint64 expiresAt,
        uint32 grantorDepartment,
        bytes32 subject,
        IAccessGrants.GrantBasis basis,
        bytes32 legalBasis,
        IAccessGrants.GrantTerms calldata terms
    ) internal returns (uint256 grantId) {
        if (recordId == bytes32(0)) revert IAccessGrants.ZeroRecordId();
        _requireValidTerms(terms, basis);
        if (expiresAt <= block.timestamp || expiresAt > block.timestamp + _MAX_GRANT_LIFETIME) {
            revert IAccessGrants.InvalidExpiry(expiresAt);
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
            use: terms.use,
            retentionDays: terms.retentionDays,
            maxFetches: terms.maxFetches,
            revocableBy: terms.revocableBy,
            subject: subject
        });
        emit IAccessGrants.AccessGranted(
            grantId,
            recordId,
            granteeDepartment,
            grantorDepartment,
            subject,
            purpose,
            expiresAt,
            basis,
            legalBasis,
            terms
        );
    }

    /// @dev Reverts {InvalidTerms} or {ConsentIrrevocable} unless `terms` obey the rules of {IAccessGrants.GrantTerms}.
    function _requireValidTerms(IAccessGrants.GrantTerms calldata terms, IAccessGrants.GrantBasis basis) private pure {
        IAccessGrants.GrantUse use = terms.use;
        uint16 retentionDays = terms.retentionDays;
        uint8 revocableBy = terms.revocableBy;
        if (
            terms.maxFetches == 0 ||
            revocableBy > _BY_GRANTOR | _BY_GRANTEE ||
            (use == IAccessGrants.GrantUse.ViewOnce) != (retentionDays == 0)
        ) {
            revert IAccessGrants.InvalidTerms(use, retentionDays, terms.maxFetches, revocableBy);
        }
        if (basis == IAccessGrants.GrantBasis.PasskeyConsent && revocableBy & _BY_GRANTOR == 0) {
            revert IAccessGrants.ConsentIrrevocable(revocableBy);
        }
    }

    function _revokeGrant(uint256 grantId, StoredGrant storage stored) internal returns (bytes32 recordId) {
        if (stored.revoked || block.timestamp > stored.expiresAt) revert IAccessGrants.GrantNotActive(grantId);
        stored.revoked = true;
        return stored.recordId;
    }
}
