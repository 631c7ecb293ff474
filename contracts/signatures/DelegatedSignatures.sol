// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {IDelegatedSignatures} from "./IDelegatedSignatures.sol";

/**
 * @title DelegatedSignatures
 * @notice Verifies the EIP-712 signatures of the `*BySig` functions and of a new key's consent, and keeps
 * the nonces they consume (see {IDelegatedSignatures}).
 * @dev Nonces live in ERC-7201 namespaced storage (`ethgov.storage.Nonces`) because both the registry and its
 * extension consume them on the registry's storage. The domain separator comes from the concrete contract:
 * the registry's {EIP712}, or the extension's own computation for `address(this)`, which under DELEGATECALL
 * is the registry, so every signature names the registry.
 */
abstract contract DelegatedSignatures {
    /// @custom:storage-location erc7201:ethgov.storage.Nonces
    struct NonceLayout {
        mapping(address owner => uint256) nonces;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Nonces")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _NONCE_STORAGE = 0x52b0889251dc51ab0bf4c504678a196795418c613e9a0ba557a238c43cc38e00;

    /// @dev The nonce the next signature of `owner` must carry.
    function _nonce(address owner) internal view returns (uint256) {
        return _nonceStorage().nonces[owner];
    }

    /// @dev Returns `owner`'s current nonce and advances it.
    function _useNonce(address owner) internal returns (uint256 current) {
        mapping(address => uint256) storage stored = _nonceStorage().nonces;
        current = stored[owner];
        unchecked {
            stored[owner] = current + 1;
        }
    }

    /**
     * @dev Reverts unless `signature` is `signer`'s signature of `structHash` in this domain and
     * `deadline` has not passed. The caller builds `structHash` with `_useNonce(signer)`, so a
     * replayed signature no longer matches the current nonce and recovers to another address.
     */
    function _checkSignature(
        address signer,
        bytes32 structHash,
        uint256 deadline,
        bytes calldata signature
    ) internal view {
        if (block.timestamp > deadline) revert IDelegatedSignatures.ExpiredSignature(deadline);
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(
            MessageHashUtils.toTypedDataHash(_domainSeparator(), structHash),
            signature
        );
        if (recoverError != ECDSA.RecoverError.NoError || recovered != signer) {
            revert IDelegatedSignatures.InvalidSignature(signer);
        }
    }

    /// @dev The EIP-712 domain separator: name "EthGov", version "1", this chain, the registry.
    function _domainSeparator() internal view virtual returns (bytes32);

    function _nonceStorage() private pure returns (NonceLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _NONCE_STORAGE
        }
    }
}
