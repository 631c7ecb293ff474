using System.Buffers;
using System.Text.Json;

namespace EthGov.Api.Requests;

/// <summary>
/// Follows a JSON document chunk by chunk as it arrives and stops at the first array with more elements than allowed,
/// naming its path (<c>receipt.batch.proof</c>). It keeps one small frame per open object or array, never the values,
/// so a hostile body costs what has been received so far and no more.
/// </summary>
internal sealed class JsonArrayScanner(int maxArrayLength)
{
    // Longest property name kept for a path: names come from the sender.
    private const int MaxNameLength = 40;

    private readonly List<Frame> _frames = [];
    private JsonReaderState _state;
    private bool _malformed;

    /// <summary>Bytes of the body read so far.</summary>
    public long Consumed { get; private set; }

    /// <summary>
    /// Reads the tokens of <paramref name="unread"/> (the body after <see cref="Consumed"/>); returns the problem with the
    /// first array past the bound, or null. Malformed JSON ends the scan without a problem: the endpoint's own reader
    /// answers it as it answers any malformed body.
    /// </summary>
    public EthGov.Api.Problems.ProblemText? Scan(ReadOnlySequence<byte> unread, bool isFinalBlock)
    {
        if (_malformed)
        {
            return null;
        }

        var reader = new Utf8JsonReader(unread, isFinalBlock, _state);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        _frames[^1] = _frames[^1] with { Property = Shorten(reader.GetString() ?? string.Empty) };
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (CountElement() is { } problem)
                        {
                            return problem;
                        }

                        _frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, 0, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        _frames.RemoveAt(_frames.Count - 1);
                        break;
                    default:
                        if (CountElement() is { } tooLong)
                        {
                            return tooLong;
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a property name that is not valid UTF-8.
            _malformed = true;
            return null;
        }

        Consumed += reader.BytesConsumed;
        _state = reader.CurrentState;
        return null;
    }

    private EthGov.Api.Problems.ProblemText? CountElement()
    {
        if (_frames.Count == 0 || !_frames[^1].IsArray)
        {
            return null;
        }

        var count = _frames[^1].Count + 1;
        _frames[^1] = _frames[^1] with { Count = count };
        return count > maxArrayLength ? RequestTexts.ArrayTooLong.With(Path(), maxArrayLength) : null;
    }

    private string Path()
    {
        var path = new System.Text.StringBuilder();
        for (int i = 0; i < _frames.Count - 1; i++)
        {
            var frame = _frames[i];
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Count - 1).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(frame.Property);
            }
        }

        return path.Length == 0 ? "body" : path.ToString();
    }

    private static string Shorten(string name) => name.Length <= MaxNameLength ? name : string.Concat(name.AsSpan(0, MaxNameLength - 3), "...");

    private readonly record struct Frame(bool IsArray, int Count, string? Property);
}
