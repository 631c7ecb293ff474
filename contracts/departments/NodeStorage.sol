// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {IDepartmentRegistry} from "./IDepartmentRegistry.sol";
import {INodeDirectory} from "./INodeDirectory.sol";

/**
 * @title NodeStorage
 * @notice The departments' node entries as stored, with the rules every entry keeps (see {INodeDirectory});
 * shared by the registry's constructor (the founding departments' entries) and the extension (changes, clearing,
 * the view).
 * @dev ERC-7201 namespaced storage (`ethgov.storage.Nodes`), so the registry and its extension agree on it. It names
 * the interface's types rather than inheriting it, so that the extension, which implements only the changes, is not
 * bound to implement the view.
 */
abstract contract NodeStorage {
    uint256 private constant _MAX_NODE_URL_LENGTH = 200;
    uint256 private constant _NODE_KEY_LENGTH = 64;
    bytes8 private constant _HTTPS = "https://";
    bytes7 private constant _HTTP = "http://";

    /// @custom:storage-location erc7201:ethgov.storage.Nodes
    struct NodeLayout {
        mapping(uint32 departmentId => INodeDirectory.DepartmentNode) nodes;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Nodes")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _NODE_STORAGE = 0xca84c0c405a63eba70ba29f271c3af7526600244164126dfeaea5f329b586000;

    /**
     * @dev Sets the founding departments' entries, ids 1..n in array order; an empty URL leaves a department without
     * one (constructor only, after the departments are registered).
     */
    function _initializeNodes(
        uint256 departmentCount,
        string[] memory urls,
        bytes[] memory signingKeys,
        bytes[] memory encryptionKeys
    ) internal {
        if (
            urls.length != departmentCount ||
            signingKeys.length != departmentCount ||
            encryptionKeys.length != departmentCount
        ) revert IDepartmentRegistry.InvalidDepartment();
        for (uint256 i = 0; i < departmentCount; ++i) {
            if (bytes(urls[i]).length == 0) continue;
            _validateNode(urls[i], signingKeys[i], encryptionKeys[i]);
            _setNode(uint32(i + 1), urls[i], signingKeys[i], encryptionKeys[i]);
        }
    }

    /// @dev Stores a validated entry as of now and emits {INodeDirectory-DepartmentNodeChanged}.
    function _setNode(
        uint32 departmentId,
        string memory url,
        bytes memory signingKey,
        bytes memory encryptionKey
    ) internal {
        INodeDirectory.DepartmentNode storage entry = _nodeStorage().nodes[departmentId];
        entry.url = url;
        entry.signingKey = signingKey;
        entry.encryptionKey = encryptionKey;
        entry.updatedAt = uint64(block.timestamp);
        emit INodeDirectory.DepartmentNodeChanged(departmentId, url, signingKey, encryptionKey);
    }

    /// @dev Deletes a department's entry, if any, and emits {INodeDirectory-DepartmentNodeCleared}.
    function _clearNode(uint32 departmentId) internal {
        delete _nodeStorage().nodes[departmentId];
        emit INodeDirectory.DepartmentNodeCleared(departmentId);
    }

    /// @dev A department's entry as stored (empty when none).
    function _node(uint32 departmentId) internal view returns (INodeDirectory.DepartmentNode storage) {
        return _nodeStorage().nodes[departmentId];
    }

    /// @dev Reverts {INodeDirectory-InvalidNodeUrl} or {INodeDirectory-InvalidNodeKey} unless the entry keeps its rules.
    function _validateNode(string memory url, bytes memory signingKey, bytes memory encryptionKey) internal pure {
        uint256 length = bytes(url).length;
        // The conversion reads the first 8 bytes, zero-padded when the URL is shorter.
        bytes8 head = bytes8(bytes(url));
        bool https = head == _HTTPS && length > _HTTPS.length;
        bool http = bytes7(head) == _HTTP && length > _HTTP.length;
        if (length > _MAX_NODE_URL_LENGTH || !(https || http)) revert INodeDirectory.InvalidNodeUrl(url);
        if (signingKey.length != _NODE_KEY_LENGTH) revert INodeDirectory.InvalidNodeKey(signingKey.length);
        if (encryptionKey.length != _NODE_KEY_LENGTH) revert INodeDirectory.InvalidNodeKey(encryptionKey.length);
    }

    function _nodeStorage() private pure returns (NodeLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _NODE_STORAGE
        }
    }
}
