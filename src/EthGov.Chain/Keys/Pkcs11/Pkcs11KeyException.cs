namespace EthGov.Chain.Keys.Pkcs11;

/// <summary>
/// A PKCS#11 key cannot be used: the module does not load, the token or the key is missing, the PIN is refused, or the
/// module refuses an operation. The message is one line that names the token and the key, never the PIN.
/// </summary>
public sealed class Pkcs11KeyException : InvalidOperationException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public Pkcs11KeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the module's own error.</summary>
    public Pkcs11KeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (for serializers).</summary>
    public Pkcs11KeyException()
    {
    }
}
