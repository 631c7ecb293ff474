// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Delegation
/// @notice Runs the current call in an extension contract, with the registry's storage.
library Delegation {
    /// @dev Runs this call in `extension` by DELEGATECALL and returns or reverts with its answer. It forwards the calldata
    /// unchanged and ends the call with the raw answer, which no Solidity call can do without decoding and re-encoding it.
    function forward(address extension) internal {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let success := delegatecall(gas(), extension, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(success) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }
}
