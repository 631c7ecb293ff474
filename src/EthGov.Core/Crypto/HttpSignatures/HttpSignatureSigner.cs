using System.Security.Cryptography;
using System.Text;

namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>Signs a message with <c>ecdsa-p256-sha256</c> (RFC 9421 section 3.1).</summary>
public static class HttpSignatureSigner
{
    /// <summary>
    /// Builds the signature base of <paramref name="message"/> for <paramref name="parameters"/>, signs it with
    /// <paramref name="key"/>, and returns the <c>Signature-Input</c> and <c>Signature</c> members under <paramref name="label"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The label is not an RFC 8941 key, the parameters name another algorithm,
    /// the key is not P-256, or the message lacks a covered component (the caller built them apart).</exception>
    public static HttpSignatureFields Sign(HttpMessageParts message, string label, SignatureParameters parameters, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(key);
        if (!StructuredFieldWriter.IsKey(label))
        {
            throw new ArgumentException($"The label '{label}' is not an RFC 8941 key (lowercase letter or '*', then a-z 0-9 _ - . *).", nameof(label));
        }

        if (parameters.Algorithm is { } algorithm && algorithm != EcdsaP256Sha256.Name)
        {
            throw new ArgumentException($"The parameters name the algorithm '{algorithm}', not {EcdsaP256Sha256.Name}.", nameof(parameters));
        }

        if (!SignatureBase.TryCreate(message, parameters, out var signatureBase, out var error))
        {
            throw new ArgumentException($"Cannot sign: {error}.", nameof(message));
        }

        byte[] signature = EcdsaP256Sha256.Sign(key, Encoding.ASCII.GetBytes(signatureBase));
        var signatureField = new StringBuilder(label.Length + 92).Append(label).Append('=');
        StructuredFieldWriter.AppendByteSequence(signatureField, signature);
        return new HttpSignatureFields(label, $"{label}={parameters.Serialize()}", signatureField.ToString());
    }
}
