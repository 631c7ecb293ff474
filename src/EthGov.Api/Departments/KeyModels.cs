using System.Globalization;
using System.Text.Json;
using EthGov.Chain.Registry;

namespace EthGov.Api.Departments;

/// <summary>One key id of a department: current, removed, or reported compromised (since when).</summary>
/// <param name="KeyId">The key id (1, 2, ... never reused).</param>
/// <param name="Address">The key's address.</param>
/// <param name="State"><c>current</c>, <c>removed</c> or <c>compromised</c>.</param>
/// <param name="CompromisedSince">When its reported compromise began: what it anchored since then is not valid.</param>
public sealed record KeyResponse(ushort KeyId, string Address, KeyState State, DateTimeOffset? CompromisedSince)
{
    internal static KeyResponse From(KeyInfo k) => new(k.KeyId, k.Address, k.State, k.CompromisedSince);
}

/// <summary>Requests a time-locked change to the caller's department's keys; any of its keys applies it after the registry's delay.</summary>
/// <param name="Kind"><c>add-signer</c> or <c>remove-signer</c>.</param>
/// <param name="Signer">The key to add or remove.</param>
/// <param name="Consent">
/// For add-signer: the new key's consent as <c>ethgov keys consent</c> makes it, either its token (a string) or its
/// file (a JSON object).
/// </param>
public sealed record SignerChangeRequest(SignerChangeKind? Kind, string? Signer, JsonElement? Consent);

/// <summary>A time-locked key change as the registry holds it.</summary>
/// <param name="Id">The change id.</param>
/// <param name="Kind"><c>add-signer</c> or <c>remove-signer</c>.</param>
/// <param name="DepartmentId">The department whose keys change.</param>
/// <param name="Signer">The key added or removed.</param>
/// <param name="RequestedBy">The key that requested it.</param>
/// <param name="RequestedAt">When (chain time).</param>
/// <param name="ExecutableAt">From when any key of the department may apply it (chain time).</param>
/// <param name="Status"><c>pending</c>, <c>applied</c> or <c>cancelled</c>.</param>
public sealed record SignerChangeResponse(string Id, SignerChangeKind Kind, uint DepartmentId, string? Signer, string RequestedBy,
    DateTimeOffset RequestedAt, DateTimeOffset ExecutableAt, SignerChangeStatus Status)
{
    internal static SignerChangeResponse From(SignerChangeInfo c) => new(c.Id.ToString(CultureInfo.InvariantCulture), c.Kind, c.DepartmentId, c.Signer,
        c.RequestedBy, c.RequestedAt, c.ExecutableAt, c.Status);
}

/// <summary>A key change just requested.</summary>
/// <param name="ChangeId">Its id.</param>
/// <param name="Url">Where to read it.</param>
/// <param name="ExecutableAt">From when it can be applied (chain time); until then any key of the department can cancel it.</param>
/// <param name="TransactionHash">The request's transaction.</param>
/// <param name="BlockNumber">Its block.</param>
public sealed record SignerChangeCreatedResponse(string ChangeId, string Url, DateTimeOffset ExecutableAt, string TransactionHash, ulong BlockNumber);

/// <summary>Reports a key of the caller's department compromised, with immediate effect.</summary>
/// <param name="Key">The key (another key of the department, or the caller's own; never the department's last).</param>
/// <param name="CompromisedSince">When the compromise began (may lie before now): documents the key anchored since then stop being valid.</param>
public sealed record CompromiseReportRequest(string? Key, DateTimeOffset? CompromisedSince);

/// <summary>A key reported compromised.</summary>
/// <param name="Key">The key.</param>
/// <param name="DepartmentId">Its department.</param>
/// <param name="KeyId">Its key id.</param>
/// <param name="CompromisedSince">The compromise time now in force.</param>
/// <param name="TransactionHash">The report's transaction.</param>
/// <param name="BlockNumber">Its block.</param>
public sealed record CompromiseReportResponse(string Key, uint DepartmentId, ushort KeyId, DateTimeOffset? CompromisedSince, string TransactionHash, ulong BlockNumber);

