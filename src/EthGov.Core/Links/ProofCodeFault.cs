namespace EthGov.Core.Links;

/// <summary>Why a proof code did not decode (<see cref="ProofCode.TryDecode(string?, out IReadOnlyList{EthGov.Core.Digests.Digest}, out ProofCodeFault?, out int)"/>): a code, so each caller words it in its own language.</summary>
public enum ProofCodeFault
{
    /// <summary>More hashes than a proof may have.</summary>
    TooLong,

    /// <summary>Not base64url.</summary>
    NotBase64Url,

    /// <summary>The bytes are not a whole number of 32-byte hashes.</summary>
    PartialHash,
}
