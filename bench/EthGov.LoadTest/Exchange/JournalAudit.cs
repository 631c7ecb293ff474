using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Merkle;

namespace EthGov.LoadTest.Exchange;

/// <summary>
/// The check that ends the exchange benchmarks: every release in the holder's journal (table <c>releases</c>) has its
/// access-log root on chain, logged by the release's grantee department in the block the journal names, that block
/// below the chain's head (confirmed), and the release's entry in that root by the proof the grantee keeps for it.
/// </summary>
internal static class JournalAudit
{
    public static async Task<JournalCheck> CheckAsync(RegistryClient chain, Nethereum.Web3.Web3 web3, string holderDatabase, IReadOnlyList<string> granteeDatabases, ulong fromBlock)
    {
        var proofs = new Dictionary<Digest, (Digest Entry, Digest Root, IReadOnlyList<Digest> Proof)>();
        foreach (var path in granteeDatabases)
        {
            using var grantee = NodeDatabase.OpenReadOnly(path);
            using var select = grantee.CreateCommand();
            select.CommandText = "SELECT request_id, entry_hash, log_root, log_proof FROM exchanges WHERE log_root IS NOT NULL";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                proofs[new Digest((byte[])reader[0])] = (new Digest((byte[])reader[1]), new Digest((byte[])reader[2]), DigestSequence.Unpack((byte[])reader[3]));
            }
        }

        ulong head = (ulong)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var batches = new Dictionary<Digest, AccessBatchInfo?>();
        var failures = new List<string>();
        int releases = 0, confirmed = 0;
        using var holder = NodeDatabase.OpenReadOnly(holderDatabase);
        using (var select = holder.CreateCommand())
        {
            select.CommandText = "SELECT entry_hash, request_id, grantee, log_root, log_block FROM releases ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                releases++;
                var entry = new Digest((byte[])reader[0]);
                var request = new Digest((byte[])reader[1]);
                uint grantee = (uint)reader.GetInt64(2);
                var root = new Digest((byte[])reader[3]);
                ulong block = (ulong)reader.GetInt64(4);
                if (!batches.TryGetValue(root, out var batch))
                {
                    batch = batches[root] = (await chain.Grants.GetAccessBatchAsync(root)).Unwrap();
                }

                string? failure = batch is null ? "its log root is not on chain"
                    : batch.Department != grantee ? $"its log root was logged by department {batch.Department}, not by the grantee {grantee}"
                    : batch.BlockNumber != block ? $"its log is in block {batch.BlockNumber}, the journal says {block}"
                    : batch.BlockNumber >= head ? $"its log's block {batch.BlockNumber} is not below the head {head}"
                    : !proofs.TryGetValue(request, out var kept) ? "the grantee keeps no proof for its request"
                    : kept.Entry != entry || kept.Root != root ? "the grantee's entry or root differs from the journal's"
                    : !MerkleTree.Verify(root, entry, [.. kept.Proof]) ? "the proof does not place its entry in the root"
                    : null;
                if (failure is null)
                {
                    confirmed++;
                }
                else if (failures.Count < 5)
                {
                    failures.Add($"release of request {request}: {failure}");
                }
            }
        }

        var events = web3.Eth.GetEvent<EthGov.Chain.Bindings.AccessBatchLoggedEvent>(chain.Context.Address);
        var logs = await events.GetAllChangesAsync(events.CreateFilterInput(
            new Nethereum.RPC.Eth.DTOs.BlockParameter(new Nethereum.Hex.HexTypes.HexBigInteger(fromBlock)), Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()));
        return new JournalCheck(releases, confirmed, releases - confirmed, failures, logs.Sum(l => (long)l.Event.Entries), logs.Count);
    }
}
