// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IAccessGrants} from "./IAccessGrants.sol";

/**
 * @title GrantStorage
 * @notice Grants as stored; shared by the access log in the registry and by the grant functions in the extension.
 * @dev ERC-7201 namespaced storage (`ethgov.storage.Grants`). A stored grant spans three slots ordered so that
 * logging an access reads two: the record id, then the grantee, expiry and revocation flag packed with the
 * grantor, purpose, basis and the terms (26 of the slot's 32 bytes); the subject last: the passkey id for
 * PasskeyConsent, zero otherwise, so no grant stores a citizen's address. The terms are flat fields because a struct
 * inside a struct would start a slot of its own. The layout is 2.4.0's (whose EIP-712 consents stored a subject tag in
 * the last slot); a registry is deployed afresh, never upgraded in place, and the slots keep their order.
 */
abstract contract GrantStorage {
    // Three slots in the order above; solhint counts the bytes32 subject as a packing loss, but it fills its slot.
    // solhint-disable-next-line gas-struct-packing
    struct StoredGrant {
        bytes32 recordId;
        uint32 granteeDepartment;
        uint64 expiresAt;
        bool revoked;
        uint32 grantorDepartment;
        uint16 purpose;
        IAccessGrants.GrantBasis basis;
        IAccessGrants.GrantUse use;
        uint16 retentionDays;
        uint16 maxFetches;
        uint8 revocableBy;
        bytes32 subject;
    }

    /// @custom:storage-location erc7201:ethgov.storage.Grants
    struct GrantLayout {
        mapping(uint256 grantId => StoredGrant) grants;
        uint256 grantCount;
    }

    /// @dev {IAccessGrants-MAX_GRANT_LIFETIME}.
    uint64 internal constant _MAX_GRANT_LIFETIME = 366 days;

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Grants")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _GRANT_STORAGE = 0xb846733202d9f47a725c9647ac1fcfc9ff53e533b0e16488040d772f6df6df00;

    function _grantStorage() internal pure returns (GrantLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _GRANT_STORAGE
        }
    }

    /// @dev Every grant has a non-zero grantee, so a zero grantee means the id was never issued.
    function _existingGrant(uint256 grantId) internal view returns (StoredGrant storage stored) {
        stored = _grantStorage().grants[grantId];
        if (stored.granteeDepartment == 0) revert IAccessGrants.GrantNotFound(grantId);
    }
}
