// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/**
 * @title DocumentStorage
 * @notice Documents, batches and leaf records as stored, in the namespace of their department; shared by the
 * document functions of the registry and by the grant rules in the extension (see {IDocumentRegistry}).
 * @dev ERC-7201 namespaced storage (`ethgov.storage.Documents`), so the registry and its extension, which runs
 * by DELEGATECALL on the registry's storage, agree on it.
 *
 * Document word: keyId 0-15, anchoredAt 16-79, anchoredBlock 80-143, validUntil 144-207,
 * revocationReason 208-223, revoked bit 224, superseded bit 225.
 * Batch word: keyId 0-15, anchoredAt 16-79, anchoredBlock 80-143, validUntil 144-207, documentCount 208-239.
 * Leaf word (per department and digest): revocationReason 0-15, revoked bit 16, superseded bit 17.
 * anchoredAt is never 0, so a non-zero document or batch word means "anchored".
 */
abstract contract DocumentStorage {
    /// @dev A packed word behind a storage pointer, so a read-check-write hashes the mapping keys once.
    struct Word {
        uint256 packed;
    }

    /// @custom:storage-location erc7201:ethgov.storage.Documents
    struct DocumentLayout {
        mapping(uint32 departmentId => mapping(bytes32 digest => Word)) documents;
        mapping(uint32 departmentId => mapping(bytes32 root => Word)) batches;
        mapping(uint32 departmentId => mapping(bytes32 digest => Word)) leaves;
        mapping(uint32 departmentId => mapping(bytes32 digest => bytes32 successor)) successors;
        mapping(uint32 departmentId => mapping(bytes32 digest => bytes32 successor)) leafSuccessors;
    }

    // keccak256(abi.encode(uint256(keccak256("ethgov.storage.Documents")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant _DOCUMENT_STORAGE = 0xf20f3e10b9dd092bd8d834e0a0485af37d7a9fd42a048182bca64ca108962900;

    /// @dev Whether `departmentId` anchored `digest` singly (`root` zero) or as a leaf of its batch `root`.
    function _isIssuedBy(
        uint32 departmentId,
        bytes32 root,
        bytes32 digest,
        bytes32[] calldata proof
    ) internal view returns (bool) {
        DocumentLayout storage $ = _documentStorage();
        if (root == bytes32(0)) return $.documents[departmentId][digest].packed != 0;
        return $.batches[departmentId][root].packed != 0 && MerkleProof.verifyCalldata(proof, root, _leafHash(digest));
    }

    /// @dev StandardMerkleTree leaf for the encoding `["bytes32"]`: keccak256(bytes.concat(keccak256(abi.encode(digest)))),
    /// hashed in scratch space.
    function _leafHash(bytes32 digest) internal pure returns (bytes32 leaf) {
        // Scratch space instead of two `abi.encode` allocations: this runs on every batch proof check.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, digest)
            mstore(0x00, keccak256(0x00, 0x20))
            leaf := keccak256(0x00, 0x20)
        }
    }

    function _documentStorage() internal pure returns (DocumentLayout storage $) {
        // ERC-7201: a storage pointer can only be placed at a computed slot in assembly.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := _DOCUMENT_STORAGE
        }
    }
}
