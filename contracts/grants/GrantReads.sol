// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {GrantStorage} from "./GrantStorage.sol";
import {IGrantReads} from "./IGrantReads.sol";

/**
 * @title GrantReads
 * @notice The views of access grants (see {IGrantReads}).
 * @dev Runs in the registry itself, beside the access log: a holder's node reads a grant before every release, so
 * the read pays no DELEGATECALL, and the extension keeps the bytes its grant and revocation rules need under EIP-170.
 */
abstract contract GrantReads is IGrantReads, GrantStorage {
    /// @inheritdoc IGrantReads
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
                revoked: stored.revoked,
                terms: GrantTerms({
                    use: stored.use,
                    retentionDays: stored.retentionDays,
                    maxFetches: stored.maxFetches,
                    revocableBy: stored.revocableBy
                })
            });
    }

    /// @inheritdoc IGrantReads
    function isGrantValid(uint256 grantId) external view returns (bool) {
        StoredGrant storage stored = _grantStorage().grants[grantId];
        return stored.granteeDepartment != 0 && !stored.revoked && block.timestamp <= stored.expiresAt;
    }

    /// @inheritdoc IGrantReads
    function grantCount() external view returns (uint256) {
        return _grantStorage().grantCount;
    }

    /// @inheritdoc IGrantReads
    function MAX_GRANT_LIFETIME() external pure returns (uint64) { // solhint-disable-line func-name-mixedcase
        return _MAX_GRANT_LIFETIME;
    }
}
