using EthGov.Api.Problems;

namespace EthGov.Api.Documents;

/// <summary>
/// What a clerk may note about a document when anchoring it, kept on the node beside the outbox row (never on chain)
/// so the department can find it again: the file's name, the department's own reference and a kind.
/// </summary>
/// <param name="FileName">The file's name, up to 255 characters.</param>
/// <param name="Reference">The department's reference (a case or register number), up to 128 characters.</param>
/// <param name="Kind">What sort of document it is (<c>birth-certificate</c>), up to 64 characters.</param>
public sealed record IssuedLabels(string? FileName, string? Reference, string? Kind)
{
    /// <summary>No labels.</summary>
    public static IssuedLabels None { get; } = new(null, null, null);

    /// <summary>Whether there is no label at all: such a document has no line in <c>issued_documents</c>.</summary>
    public bool IsNone => FileName is null && Reference is null && Kind is null;

    /// <summary>
    /// The labels with blanks trimmed and empty ones dropped, or why they cannot be kept: too long, or holding control
    /// characters (a line break in a file name would forge lines in a CSV export or a log).
    /// </summary>
    /// <remarks><paramref name="fileNameField"/> is the request member the file name came in, named in the error.</remarks>
    public static (IssuedLabels? Labels, ProblemText? Error) Read(string? fileName, string? reference, string? kind, string fileNameField = "fileName")
    {
        var labels = new IssuedLabels(Clean(fileName), Clean(reference), Clean(kind));
        var error = Check(fileNameField, labels.FileName, 255) ?? Check("reference", labels.Reference, 128) ?? Check("kind", labels.Kind, 64);
        return error is null ? (labels, null) : (null, error);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static ProblemText? Check(string name, string? text, int maxLength)
        => text is null ? null
            : text.Length > maxLength ? DocumentTexts.LabelTooLong.With(name, maxLength)
            : text.Any(char.IsControl) ? DocumentTexts.LabelControlCharacters.With(name)
            : null;
}
