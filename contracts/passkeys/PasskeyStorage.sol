// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title PasskeyStorage
 * @notice The nonce of each passkey id; shared by the registry's view and the passkey extension that consumes them.
 * @dev ERC-7201 namespaced storage (`ethgov.storage.PasskeyNonces`). Apart from the address nonces of
 * {DelegatedSignatures}: a passkey id is 32 bytes, and no address and passkey id can share a counter.
 */
abstract contract PasskeyStorage {
    /// @custom:storage-location erc7201:ethgov.storage.PasskeyNonces
    struct PasskeyNonceLayout {
        mapping(bytes32 passkeyId => uint256) nonces;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.PasskeyNonces")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _PASSKEY_NONCE_STORAGE = 0x3320e490cee9de3640343868133275c75998677517b139d84479e12821d51000;

    /// @dev The nonce the next assertion of `passkeyId` must sign.
    function _passkeyNonce(bytes32 passkeyId) internal view returns (uint256) {
        return _passkeyNonceStorage().nonces[passkeyId];
    }

    /// @dev Returns `passkeyId`'s current nonce and advances it.
    function _usePasskeyNonce(bytes32 passkeyId) internal returns (uint256 current) {
        mapping(bytes32 => uint256) storage stored = _passkeyNonceStorage().nonces;
        current = stored[passkeyId];
        unchecked {
            stored[passkeyId] = current + 1;
        }
    }

    function _passkeyNonceStorage() private pure returns (PasskeyNonceLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _PASSKEY_NONCE_STORAGE
        }
    }
}
