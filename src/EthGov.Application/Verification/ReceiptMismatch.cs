namespace EthGov.Application.Verification;

/// <summary>How a receipt is about something else (<see cref="ReceiptAbout.Mismatch"/>): a code, so the API words it in the caller's language.</summary>
public enum ReceiptMismatch
{
    /// <summary>The receipt is of another document.</summary>
    OtherDocument,

    /// <summary>The receipt is of another registry or chain.</summary>
    OtherRegistry,

    /// <summary>The receipt is of another department.</summary>
    OtherDepartment,
}
