using EthGov.Chain.Keys;
using EthGov.Chain.Registry;
using EthGov.Core.Digests;
using EthGov.Core.Verification;
using EthGov.Testing;

namespace EthGov.Chain.Tests.Keys;

public sealed class Pkcs11TransactionsTests(DevChain chain) : IClassFixture<DevChain>
{
    [SoftHsmFact]
    public async Task ModuleKey_JoinsWithItsConsent_AndAnchorsWithEip1559AndLegacyTransactions()
    {
        var account = KeyLoader.Load(SoftHsm.Shared.NewSignerKey(), 31337);
        // The registry checks the EIP-712 consent the module signed.
        await chain.AddKeyAsync(1, account);
        var first = new Digest(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var second = new Digest(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var dynamicFee = (await new RegistryClient(chain.Options, chain.Deployment.Registry, account).Documents.AnchorAsync(first)).Unwrap();
        var legacyOptions = chain.Options;
        legacyOptions.GasPriceWei = 2_000_000_000;
        var legacy = (await new RegistryClient(legacyOptions, chain.Deployment.Registry, account).Documents.AnchorAsync(second)).Unwrap();

        foreach (var (hash, type) in new[] { (dynamicFee.TransactionHash, "0x2"), (legacy.TransactionHash, "0x0") })
        {
            var sent = await chain.Node.CallAsync("eth_getTransactionByHash", hash);
            Assert.Equal(account.Address, sent.GetProperty("from").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal(type, sent.GetProperty("type").GetString());
        }

        var reader = chain.Reader();
        foreach (var digest in new[] { first, second })
        {
            var facts = (await reader.Documents.CheckEveryDepartmentAsync(digest)).Unwrap();
            var civil = Assert.Single(facts, f => f.Status == DocumentStatus.Valid);
            Assert.Equal(1u, civil.DepartmentId);
            // The dev signer is CIVIL's key 1; the module's key is key 2.
            Assert.Equal(2u, civil.KeyId);
        }
    }
}
