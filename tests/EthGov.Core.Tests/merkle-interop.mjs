// Cross-checks EthGov.Core's Merkle tree against @openzeppelin/merkle-tree.
// Usage: node merkle-interop.mjs <library-url> <request.json>
// request.json: { "digestsFile": path (one 0x digest per line), "proveIndices": [int],
//                 "verify": [{ "index": int, "proof": [hex] }], "root": hex }
// Prints one JSON line: { root, proofs: { index: [hex] }, verified: [{ index, ok }] }.
import { readFileSync } from 'node:fs';

const [libraryUrl, requestPath] = process.argv.slice(2);
if (!libraryUrl || !requestPath) {
  console.error('usage: node merkle-interop.mjs <library-url> <request.json>');
  process.exit(2);
}

const { StandardMerkleTree } = await import(libraryUrl);
const request = JSON.parse(readFileSync(requestPath, 'utf8'));
const values = readFileSync(request.digestsFile, 'utf8')
  .split('\n')
  .filter(line => line.length > 0)
  .map(digest => [digest]);

const tree = StandardMerkleTree.of(values, ['bytes32']);

const proofs = {};
for (const index of request.proveIndices) {
  proofs[index] = tree.getProof(index);
}

// Verified against the C# root, not this tree's, so a wrong C# root fails here too.
const verified = request.verify.map(({ index, proof }) => ({
  index,
  ok: StandardMerkleTree.verify(request.root, ['bytes32'], values[index], proof),
}));

process.stdout.write(JSON.stringify({ root: tree.root, count: tree.length, proofs, verified }) + '\n');
