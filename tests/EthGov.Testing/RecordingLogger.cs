using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EthGov.Testing;

/// <summary>
/// A logger that keeps every entry, so a test can assert what a component reported and at which level; each entry is
/// also handed to <paramref name="echo"/> (a test's output) when given.
/// </summary>
public sealed class RecordingLogger(Action<string>? echo = null) : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    /// <summary>The messages logged at Warning or above.</summary>
    public IReadOnlyList<string> Warnings => [.. _entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message)];

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        _entries.Enqueue((logLevel, message));
        echo?.Invoke($"{logLevel}: {message}");
    }
}
