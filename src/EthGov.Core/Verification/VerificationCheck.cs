namespace EthGov.Core.Verification;

/// <summary>One named check in a <see cref="Verdict"/>, with a sentence a person can read.</summary>
/// <param name="Name">One of the <see cref="CheckNames"/>.</param>
/// <param name="Outcome">Whether it passed, failed or did not apply.</param>
/// <param name="Detail">What was compared and found.</param>
public sealed record VerificationCheck(string Name, CheckOutcome Outcome, string Detail);
