using System.Security.Cryptography;
using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Chain.Transactions;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Transactions;

/// <summary>
/// The confirmed block is the one explicit link between a process's writes and its reads: a reader that shares the
/// signer's <see cref="TransactionConfirmation"/> never answers from a block older than the signer's last confirmed
/// transaction, however young its shared read of the latest block is; a reader with its own does not know of it.
/// </summary>
public class TransactionConfirmationTests(DevChain chain) : IClassFixture<DevChain>
{
    private static readonly TimeSpan s_longReadAge = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task SharedConfirmation_ReaderWithALongReadAge_SeesTheSignersAnchorAtOnce()
    {
        var confirmation = new TransactionConfirmation();
        var (signer, reader) = Clients(confirmation, confirmation);
        var digest = new Digest(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(DocumentStatus.Unknown, (await reader.Documents.CheckAsync(1, digest)).Unwrap().Status);

        var anchored = (await signer.Documents.AnchorAsync(digest)).Unwrap();
        var facts = (await reader.Documents.CheckAsync(1, digest)).Unwrap();

        Assert.Equal(anchored.BlockNumber, confirmation.Confirmed.Number);
        Assert.Equal(DocumentStatus.Valid, facts.Status);
        Assert.Equal(anchored.BlockNumber, facts.AnchoredBlock);
    }

    [Fact]
    public async Task SeparateConfirmations_ReaderWithALongReadAge_AnswersFromItsEarlierRead()
    {
        var (signer, reader) = Clients(new TransactionConfirmation(), new TransactionConfirmation());
        var digest = new Digest(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(DocumentStatus.Unknown, (await reader.Documents.CheckAsync(1, digest)).Unwrap().Status);

        (await signer.Documents.AnchorAsync(digest)).Unwrap();
        var facts = (await reader.Documents.CheckAsync(1, digest)).Unwrap();

        Assert.Equal(DocumentStatus.Unknown, facts.Status);
    }

    private (RegistryClient Signer, RegistryClient Reader) Clients(TransactionConfirmation signers, TransactionConfirmation readers)
    {
        var options = chain.Options;
        options.MaxReadAge = s_longReadAge;
        return (
            new RegistryClient(options, chain.Deployment.Registry, DevAccounts.Get(1, 31337), confirmation: signers),
            new RegistryClient(options, chain.Deployment.Registry, confirmation: readers));
    }
}
