using EthGov.Chain.Abi;
using EthGov.Chain.Bindings;
using EthGov.Chain.Transactions;
using Nethereum.RPC.Eth.DTOs;

namespace EthGov.Chain.Deployments;

/// <summary>
/// Deploys EthGovRegistry (after its passkey extension) with its initial departments (and their node entries), quorum threshold and signer-change
/// delay, optionally taking over from a registry 1.x. The deploying key has no power afterwards: membership changes only through proposals
/// approved by the departments.
/// </summary>
public static class RegistryDeployer
{
    /// <summary>The longest signer-change delay the registry accepts (30 days).</summary>
    public const ulong MaxSignerChangeDelaySeconds = 30 * 24 * 3600;

    /// <summary>
    /// Deploys and returns the deployment record (not yet written to a file). With <paramref name="legacyRegistry"/>
    /// the new registry keeps that 1.x registry's documents revocable, and its deployment block is the cut-over block.
    /// </summary>
    public static async Task<ChainResult<Deployment>> DeployAsync(
        ChainOptions options, EthGov.Chain.Keys.SignerKey deployer, IReadOnlyList<DepartmentSeed> departments, uint threshold,
        ulong signerChangeDelaySeconds, string? legacyRegistry = null, CancellationToken cancellationToken = default)
    {
        var artifact = RegistryArtifact.Embedded;
        var decoder = new RevertDecoder(artifact);
        var web3 = ChainConnection.CreateWeb3(options, deployer);
        web3.TransactionManager.UseLegacyAsDefault = options.GasPriceWei is not null;
        return await decoder.RunAsync(async () =>
        {
            await ChainGuard.RequireChainIdAsync(web3, options.ChainId);
            // The passkey extension first: the registry's constructor names it (its code cannot be part of the
            // registry's creation code, EIP-3860).
            var passkeyExtension = new PasskeyExtensionDeployment();
            if (options.GasPriceWei is { } extensionPrice)
            {
                passkeyExtension.GasPrice = new Nethereum.Hex.HexTypes.HexBigInteger(extensionPrice);
            }

            var extensionReceipt = await web3.Eth.GetContractDeploymentHandler<PasskeyExtensionDeployment>()
                .SendRequestAndWaitForReceiptAsync(passkeyExtension, cancellationToken);
            if (extensionReceipt.Status?.Value == 0 || string.IsNullOrEmpty(extensionReceipt.ContractAddress))
            {
                throw new ChainOperationException(new ChainError(ChainErrorKind.Reverted, "DeploymentReverted", new Dictionary<string, object?>(), "the passkey extension's deployment transaction reverted"));
            }

            var message = new RegistryDeployment
            {
                Codes = [.. departments.Select(d => d.Code)],
                Names = [.. departments.Select(d => d.Name)],
                Signers = [.. departments.Select(d => d.Signer)],
                // Parallel arrays: an empty URL (with empty keys) is a department without a node entry.
                NodeUrls = [.. departments.Select(d => d.Node?.Url ?? "")],
                NodeSigningKeys = [.. departments.Select(d => d.Node?.SigningKey ?? [])],
                NodeEncryptionKeys = [.. departments.Select(d => d.Node?.EncryptionKey ?? [])],
                Threshold = threshold,
                SignerChangeDelaySeconds = signerChangeDelaySeconds,
                LegacyRegistry = legacyRegistry ?? RegistryDeployment.ZeroAddress,
                PasskeyExtension = extensionReceipt.ContractAddress,
            };
            if (options.GasPriceWei is { } price)
            {
                message.GasPrice = new Nethereum.Hex.HexTypes.HexBigInteger(price);
            }

            var receipt = await web3.Eth.GetContractDeploymentHandler<RegistryDeployment>()
                .SendRequestAndWaitForReceiptAsync(message, cancellationToken);
            if (receipt.Status?.Value == 0 || string.IsNullOrEmpty(receipt.ContractAddress))
            {
                throw new ChainOperationException(new ChainError(ChainErrorKind.Reverted, "DeploymentReverted", new Dictionary<string, object?>(), "the deployment transaction reverted"));
            }

            var genesis = await web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(0));
            var block = (ulong)receipt.BlockNumber.Value;
            return new Deployment(
                options.ChainId,
                receipt.ContractAddress,
                block,
                genesis.BlockHash,
                artifact.AbiHash,
                DateTimeOffset.UtcNow,
                [.. departments.Select((d, i) => new DeployedDepartment((uint)(i + 1), d.Code, d.Name, d.Signer))],
                threshold)
            {
                SignerChangeDelay = signerChangeDelaySeconds,
                // The registry records its own deployment block as the cut-over (legacyCutoverBlock()).
                Legacy = legacyRegistry is null ? null : new LegacyRegistry(legacyRegistry, block),
                PasskeyExtension = extensionReceipt.ContractAddress,
            };
        });
    }
}
