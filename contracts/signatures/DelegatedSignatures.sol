// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IDelegatedSignatures} from "./IDelegatedSignatures.sol";

/**
 * @title DelegatedSignatures
 * @notice Verifies the EIP-712 signatures of the `*BySig` functions. The most derived contract calls
 * the {EIP712} constructor.
 */
abstract contract DelegatedSignatures is IDelegatedSignatures, EIP712, Nonces {
    /// @inheritdoc IDelegatedSignatures
    function nonces(address owner) public view virtual override(IDelegatedSignatures, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc IDelegatedSignatures
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
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
        if (block.timestamp > deadline) revert ExpiredSignature(deadline);
        (address recovered, ECDSA.RecoverError recoverError, ) = ECDSA.tryRecoverCalldata(
            _hashTypedDataV4(structHash),
            signature
        );
        if (recoverError != ECDSA.RecoverError.NoError || recovered != signer) {
            revert InvalidSignature(signer);
        }
    }
}
