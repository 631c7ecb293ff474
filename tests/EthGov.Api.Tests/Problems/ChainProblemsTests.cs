using EthGov.Api.Problems;
using EthGov.Chain.Abi;

namespace EthGov.Api.Tests.Problems;

/// <summary>Every custom error the registry can revert with becomes a problem with its own status, type and title.</summary>
public class ChainProblemsTests
{
    // Reported by the transaction sender, not by the contract.
    private static readonly string[] s_senderErrors = ["RevertedWhenMined"];

    [Fact]
    public void EveryErrorOfTheRegistrysAbi_HasItsOwnProblem()
    {
        var unmapped = RegistryArtifact.Embedded.Abi.Errors.Select(e => e.Name).Where(name => !ChainProblems.IsMapped(name)).ToList();

        Assert.True(unmapped.Count == 0, $"errors without a status and title in ChainProblems: {string.Join(", ", unmapped)}");
    }

    [Fact]
    public void EveryMappedError_IsOneTheRegistryOrTheSenderReports()
    {
        var known = RegistryArtifact.Embedded.Abi.Errors.Select(e => e.Name).Concat(s_senderErrors).ToHashSet();

        Assert.DoesNotContain(ChainProblems.Mapped, name => !known.Contains(name));
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
