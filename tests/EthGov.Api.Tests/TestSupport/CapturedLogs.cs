using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EthGov.Api.Tests.TestSupport;

/// <summary>A logger provider that keeps every entry the API writes, so a test can assert what was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One log entry.</summary>
    /// <param name="Category">The logger's category (the writing type's full name).</param>
    /// <param name="Level">Its level.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Exception">The exception logged with it, if any.</param>
    public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
