// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {NodeStorage} from "./NodeStorage.sol";
import {SignerChanges} from "./SignerChanges.sol";

/**
 * @title NodeDirectory
 * @notice Setting a department's node entry as a time-locked signer change, and clearing it by the quorum (see
 * {INodeDirectory}).
 * @dev Runs in the registry's extension, which declares these functions through the registry ({ExtensionCalls}) and
 * not through {INodeDirectory}: the view {INodeDirectory-departmentNode} runs in the registry itself, where it costs
 * no DELEGATECALL and no extension bytes. The payload is checked when requested, so applying it only stores it.
 */
abstract contract NodeDirectory is NodeStorage, SignerChanges {
    /**
     * @notice Requests setting the caller's department's node entry (see {INodeDirectory-requestSetNode}).
     * @param url The node's public base URL.
     * @param signingKey The node's P-256 signing public key, x || y.
     * @param encryptionKey The node's P-256 encryption public key, x || y.
     * @return changeId The new change's id.
     */
    function requestSetNode(
        string calldata url,
        bytes calldata signingKey,
        bytes calldata encryptionKey
    ) external returns (uint256 changeId) {
        uint32 departmentId = _requireActiveSigner(msg.sender);
        _validateNode(url, signingKey, encryptionKey);
        return _request(SignerChangeKind.SetNode, departmentId, abi.encode(url, signingKey, encryptionKey));
    }

    /**
     * @notice Proposes clearing a department's node entry (see {INodeDirectory-proposeClearNode}).
     * @param departmentId The department.
     * @param deadline Unix time after which the proposal can no longer be approved.
     * @return proposalId The new proposal's id.
     */
    function proposeClearNode(uint32 departmentId, uint64 deadline) external returns (uint256 proposalId) {
        _knownDepartment(departmentId);
        return _propose(ProposalKind.ClearNode, departmentId, "", deadline);
    }

    function _applySetNode(uint32 departmentId, bytes memory data) internal override {
        (string memory url, bytes memory signingKey, bytes memory encryptionKey) = abi.decode(
            data,
            (string, bytes, bytes)
        );
        _setNode(departmentId, url, signingKey, encryptionKey);
    }

    function _clearNodeByQuorum(uint32 departmentId) internal override {
        _clearNode(departmentId);
    }
}
