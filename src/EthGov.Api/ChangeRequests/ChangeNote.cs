using EthGov.Api.Documents;
using EthGov.Api.Problems;

namespace EthGov.Api.ChangeRequests;

/// <summary>The optional note a clerk gives with a revocation or supersession: kept on the node, never sent to the chain.</summary>
public static class ChangeNote
{
    /// <summary>The longest note kept.</summary>
    public const int MaxLength = 200;

    /// <summary>The note, trimmed (null when empty), or why it is refused.</summary>
    public static (string? Note, ProblemText? Error) Read(string? text)
    {
        var note = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return note switch
        {
            null => (null, null),
            { Length: > MaxLength } => (null, DocumentTexts.NoteTooLong.With(MaxLength)),
            _ when note.Any(char.IsControl) => (null, DocumentTexts.NoteControlCharacters.Text),
            _ => (note, null),
        };
    }
}
