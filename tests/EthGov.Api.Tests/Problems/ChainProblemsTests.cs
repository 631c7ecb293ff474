using EthGov.Api.Problems;
using EthGov.Chain.Abi;
using EthGov.Chain.Transactions;
using EthGov.Testing;

namespace EthGov.Api.Tests.Problems;

/// <summary>Every custom error the registry can revert with becomes a problem with its own status, type and title.</summary>
public class ChainProblemsTests
{
    // Reported by the transaction sender, not by the contract.
    private static readonly string[] s_senderErrors = ["RevertedWhenMined"];

    // Registry 1.x errors that only its transactions raise (delegated ones, revoking a grant; 2.2.0 calls the latter
    // NotRevoker); EthGov sends 1.x no transactions.
    private static readonly string[] s_v1TransactionErrors = ["InvalidAccountNonce(address,uint256)", "NotGrantorOrSubject(uint256,address)"];

    /// <summary>
    /// The errors of the registry's ABI and of its extension's, whose code runs on the registry's behalf: whatever either
    /// can revert with reaches the API through the registry.
    /// </summary>
    private static IReadOnlyList<Nethereum.ABI.Model.ErrorABI> RegistryErrors()
        => [.. RegistryArtifact.Embedded.Abi.Errors.Concat(RegistryExtension.Artifact.Abi.Errors)];

    [Fact]
    public void EveryErrorOfTheRegistryAndItsExtension_HasItsOwnProblem()
    {
        var errors = RegistryErrors().Select(e => e.Name).Distinct().ToList();

        var unmapped = errors.Where(name => !ChainProblems.IsMapped(name)).ToList();

        Assert.True(errors.Count > 40, $"only {errors.Count} errors found in the artifacts");
        Assert.True(unmapped.Count == 0, $"errors without a status and title in ChainProblems: {string.Join(", ", unmapped)}");
    }

    [Fact]
    public void EveryMappedError_IsOneTheRegistryOrTheSenderReports()
    {
        var known = RegistryErrors().Select(e => e.Name).Concat(s_senderErrors).ToHashSet();

        var stale = ChainProblems.Mapped.Where(name => !known.Contains(name)).ToList();

        Assert.True(stale.Count == 0, $"ChainProblems maps errors that no artifact has: {string.Join(", ", stale)}");
    }

    [Fact]
    public void EveryErrorOfRegistry1x_DecodesAsTheRegistrysOwn_OrComesFromATransactionEthGovDoesNotSend()
    {
        // EthGov reads registry 1.x (views at the cut-over) and decodes any revert with registry 2.0's ABI: a 1.x error
        // reaches a problem only if 2.0 declares the same error, selector and all.
        var current = RegistryErrors().Select(e => e.Sha3Signature).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var v1 = RegistryV1.Artifact.Abi.Errors;

        var foreign = v1.Where(e => !current.Contains(e.Sha3Signature)).Select(Signature).ToList();

        Assert.NotEmpty(v1);
        Assert.Equal(s_v1TransactionErrors, foreign);
    }

    private static string Signature(Nethereum.ABI.Model.ErrorABI error)
        => $"{error.Name}({string.Join(",", error.InputParameters.Select(p => p.Type))})";

    [Fact]
    public void From_ASenderThatStopped_Answers503SignerStopped()
    {
        var stop = new SenderStop("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 7, "nonce 7 was mined with a transaction this process did not sign", DateTimeOffset.UnixEpoch);

        var problem = ChainProblems.From(stop.ToError()).ProblemDetails;

        Assert.Equal(503, problem.Status);
        Assert.Equal("https://ethgov.dev/problems/signer-stopped", problem.Type);
        Assert.Equal("signer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 stopped sending at nonce 7: another process sends with this key (the node's log says what the chain showed)", problem.Detail);
    }

    [Fact]
    public void From_AReplicaWithoutTheLease_Answers503NotLeaseHolder()
    {
        var problem = ChainProblems.From(FencedOut.Error("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "this replica does not hold the lease")).ProblemDetails;

        Assert.Equal(503, problem.Status);
        Assert.Equal("https://ethgov.dev/problems/not-lease-holder", problem.Type);
        Assert.Equal("signer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 does not send from this replica: another replica of the node holds the lease", problem.Detail);
    }

    [Theory]
    [InlineData("SelfGrant", 400, "self-grant")]
    [InlineData("InvalidExpiry", 400, "invalid-expiry")]
    [InlineData("InvalidDeadline", 400, "invalid-deadline")]
    [InlineData("InvalidCompromisedSince", 400, "invalid-compromised-since")]
    [InlineData("QuorumNotReached", 409, "quorum-not-reached")]
    [InlineData("SignerChangeTooEarly", 409, "signer-change-too-early")]
    [InlineData("SignerChangeNotPending", 409, "signer-change-not-pending")]
    [InlineData("SignerChangeNotFound", 404, "signer-change-not-found")]
    [InlineData("CompromisedKey", 409, "compromised-key")]
    [InlineData("TooManySigners", 409, "too-many-signers")]
    [InlineData("GrantorNotSuspended", 409, "grantor-not-suspended")]
    [InlineData("NotIssuingDepartment", 403, "not-issuing-department")]
    [InlineData("NotRevoker", 403, "not-revoker")]
    [InlineData("InvalidTerms", 400, "invalid-terms")]
    [InlineData("ConsentIrrevocable", 400, "consent-irrevocable")]
    [InlineData("AccessBatchExists", 409, "access-batch-exists")]
    [InlineData("ZeroEntries", 400, "zero-entries")]
    public void From_ARevert_AnswersItsStatusAndType(string name, int status, string type)
    {
        var error = new ChainError(ChainErrorKind.Reverted, name, new Dictionary<string, object?> { ["departmentId"] = 1u }, name);

        var problem = ChainProblems.From(error).ProblemDetails;

        Assert.Equal(status, problem.Status);
        Assert.Equal("https://ethgov.dev/problems/" + type, problem.Type);
        Assert.NotEqual("The registry refused the operation", problem.Title);
        Assert.Equal(name, problem.Extensions["error"]);
    }
}
