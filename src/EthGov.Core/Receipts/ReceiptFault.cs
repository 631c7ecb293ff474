namespace EthGov.Core.Receipts;

/// <summary>What is wrong at one place of a receipt (<see cref="ReceiptError.Fault"/>): a code, so each reader words it in its own language.</summary>
public enum ReceiptFault
{
    /// <summary>No text at all.</summary>
    EmptyDocument,

    /// <summary>Not JSON; the values are the line and the byte.</summary>
    NotJson,

    /// <summary>The receipt itself is not a JSON object.</summary>
    NotAnObject,

    /// <summary>A version this reader does not know; the value is the version.</summary>
    UnsupportedVersion,

    /// <summary>A required property is absent; the value is its name.</summary>
    MissingProperty,

    /// <summary>A property that holds an object holds something else.</summary>
    ObjectExpected,

    /// <summary>The proof is not an array.</summary>
    ArrayExpected,

    /// <summary>The proof is longer than any proof can be; the values are its length and the most.</summary>
    ProofTooLong,

    /// <summary>A property the schema does not have.</summary>
    UnknownProperty,

    /// <summary>Not an integer in range; the values are the least and the most.</summary>
    IntegerExpected,

    /// <summary>Not a non-empty string.</summary>
    TextExpected,

    /// <summary>A digest that is not a string.</summary>
    DigestExpected,

    /// <summary>A digest string that does not parse; the value is the digest parser's account.</summary>
    DigestInvalid,

    /// <summary>Not an address.</summary>
    AddressExpected,

    /// <summary>Not an RFC 3339 date-time with offset.</summary>
    DateTimeExpected,

    /// <summary>validUntil is not later than anchoredAt.</summary>
    ValidUntilNotAfterAnchoring,

    /// <summary>The proof's length does not fit the batch; the values are the length, the batch size, and the least and most lengths.</summary>
    ProofLengthMismatch,

    /// <summary>The proof leads to another root; the value is the root it leads to.</summary>
    ProofWrongRoot,
}
