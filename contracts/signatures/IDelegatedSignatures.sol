// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/**
 * @title IDelegatedSignatures
 * @notice EIP-712 plumbing shared by every `*BySig` function: a signer (a department key)
 * signs a typed message and any relayer submits it, so the signer needs no ether.
 * @dev All `*BySig` functions of the registry share one nonce per signer; a used or skipped nonce makes
 * the signature recover to another address, which is reported as {InvalidSignature}.
 */
interface IDelegatedSignatures {
    /// @dev The signature's deadline (a unix time in seconds) has passed.
    error ExpiredSignature(uint256 deadline);

    /// @dev The signature was not made by `signer` over this message, chain, contract and nonce.
    error InvalidSignature(address signer);

    /**
     * @notice The nonce the next signature of `owner` must carry.
     * @param owner The signing account.
     * @return The current nonce, starting at 0 and increased by every accepted signature.
     */
    function nonces(address owner) external view returns (uint256);

    /**
     * @notice The EIP-712 domain separator (name "EthGov", version "1", this chain id, this contract).
     * @dev Named as EIP-2612 names it.
     * @return The domain separator used to hash every typed message.
     */
    function DOMAIN_SEPARATOR() external view returns (bytes32); // solhint-disable-line func-name-mixedcase
}
