using System.Text;

namespace EthGov.Api.Documents;

/// <summary>
/// Writes CSV cells (RFC 4180) that a spreadsheet opens as text: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return gets a leading apostrophe, so a file name such as <c>=HYPERLINK(...)</c> is
/// shown, not run, when a clerk opens the export (OWASP's CSV injection advice); a cell holding a comma, a quote or a
/// line break is quoted, its quotes doubled.
/// </summary>
public static class CsvCells
{
    /// <summary>Appends <paramref name="cells"/> as one line, ended with CRLF.</summary>
    public static void AppendLine(StringBuilder line, params string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            Append(line, cells[i]);
        }

        line.Append("\r\n");
    }

    /// <summary>Appends one cell.</summary>
    public static void Append(StringBuilder line, string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return;
        }

        var text = cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
