using System.Diagnostics.CodeAnalysis;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>The verifier's answer about one signature: the outcome, a sentence saying why, and what was read.</summary>
/// <param name="Outcome">Valid, or the first reason for refusing.</param>
/// <param name="Detail">What was found, in a sentence a person can read (never key material).</param>
/// <param name="Label">The signature's label.</param>
/// <param name="Parameters">
/// The signature's parameters when they could be read, whatever the outcome; on success the caller records
/// <see cref="SignatureParameters.Nonce"/> until <see cref="SignatureParameters.Expires"/> to refuse replays.
/// </param>
public sealed record HttpSignatureVerification(HttpSignatureOutcome Outcome, string Detail, string Label, SignatureParameters? Parameters)
{
    /// <summary>True when the signature verifies and meets the policy.</summary>
    [MemberNotNullWhen(true, nameof(Parameters))]
    public bool IsValid => Outcome == HttpSignatureOutcome.Valid;
}
