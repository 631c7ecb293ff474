namespace EthGov.Core.Crypto.HttpSignatures;

/// <summary>
/// One signature ready to be sent: the members to add to the <c>Signature-Input</c> and <c>Signature</c> header
/// fields (a message already carrying other signatures gets these appended after <c>", "</c>).
/// </summary>
/// <param name="Label">The label naming this signature in both fields.</param>
/// <param name="SignatureInput">The <c>Signature-Input</c> member, for example <c>sig1=("@method");created=1618884473</c>.</param>
/// <param name="Signature">The <c>Signature</c> member, for example <c>sig1=:base64:</c>.</param>
public sealed record HttpSignatureFields(string Label, string SignatureInput, string Signature)
{
    /// <summary>The <c>Signature-Input</c> field name.</summary>
    public const string SignatureInputField = "Signature-Input";

    /// <summary>The <c>Signature</c> field name.</summary>
    public const string SignatureField = "Signature";
}
