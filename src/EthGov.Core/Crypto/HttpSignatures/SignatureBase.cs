using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// The signature base of RFC 9421 section 2.5: one line <c>"identifier": value</c> per covered component,
/// in the order of the covered components, then <c>"@signature-params": </c> and the serialised parameters,
/// with no newline after the last line.
/// </summary>
/// <remarks>
/// Written by hand, as are the structured-field parser and writer it relies on: no maintained .NET library
/// for RFC 9421 is available to the project. It is checked byte for byte against the signature bases of the
/// RFC's appendix B.
/// </remarks>
public static class SignatureBase
{
    /// <summary>
    /// Builds the signature base, or says which component the message cannot give (absent, or holding a
    /// character the base cannot carry).
    /// </summary>
    public static bool TryCreate(
        HttpMessageParts message,
        SignatureParameters parameters,
        [NotNullWhen(true)] out string? signatureBase,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(parameters);
        signatureBase = null;
        var builder = new StringBuilder(256);
        foreach (var component in parameters.Components)
        {
            if (!message.TryGetComponentValue(component, out var value, out error))
            {
                return false;
            }

            component.AppendTo(builder);
            builder.Append(": ").Append(value).Append('\n');
        }

        builder.Append("\"@signature-params\": ");
        parameters.AppendTo(builder);
        signatureBase = builder.ToString();
        error = null;
        return true;
    }
}
