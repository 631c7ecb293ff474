namespace EthGov.Faults.Tests.Hostile;

/// <summary>
/// One hostile request: what it is (for the report), how to build it, and what it must get. A verification case may
/// instead get a 200 verdict that is not "valid" (a tampered receipt is a verdict of mismatch, not a malformed request).
/// </summary>
public sealed record HostileCase(string Kind, string Description, Func<HttpRequestMessage> Build, bool VerdictAllowed = false);
