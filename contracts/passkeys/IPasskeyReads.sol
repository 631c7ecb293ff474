// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IPasskeyGrants} from "./IPasskeyGrants.sol";

/**
 * @title IPasskeyReads
 * @notice Reading what the passkey functions ({IPasskeyGrants}) keep.
 * @dev Kept apart from {IPasskeyGrants} because these views run in the registry itself, while making and revoking
 * passkey grants runs in the passkey extension.
 */
interface IPasskeyReads is IPasskeyGrants {
    /// @dev The passkey extension given to the registry's constructor has no code.
    error InvalidPasskeyExtension(address passkeyExtension);

    /**
     * @notice The nonce the next assertion of a passkey must sign.
     * @param passkeyId keccak256(x || y) of the passkey's public key.
     * @return The nonce, starting at 0 and increased by every accepted assertion.
     */
    function passkeyNonce(bytes32 passkeyId) external view returns (uint256);

    /**
     * @notice The passkey that consented to a grant, zero for a grant of another basis. Reverts
     * {IAccessGrants-GrantNotFound} for an unknown id.
     * @param grantId The grant id.
     * @return The passkey id.
     */
    function grantPasskey(uint256 grantId) external view returns (bytes32);

    /**
     * @notice The contract holding the passkey functions' code, which the registry runs by DELEGATECALL.
     * @return Its address, fixed at deployment.
     */
    function passkeyExtension() external view returns (address);
}
