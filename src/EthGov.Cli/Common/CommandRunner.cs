using System.CommandLine;
using EthGov.Chain.Abi;

namespace EthGov.Cli.Common;

/// <summary>
/// Runs a command body and turns every expected failure into one line on stderr and exit code 2:
/// this is the CLI's boundary, where exceptions stop.
/// </summary>
public static class CommandRunner
{
    /// <summary>Standard output for commands (tests replace it).</summary>
    public static TextWriter Out { get; set; } = Console.Out;

    /// <summary>Standard error for commands (tests replace it).</summary>
    public static TextWriter Err { get; set; } = Console.Error;

    /// <summary>Sets <paramref name="body"/> as the action of <paramref name="command"/>.</summary>
    public static void SetBody(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body)
        => command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CliContext(parse, Out, Err);
            try
            {
                return await body(parse, context, cancellationToken);
            }
            catch (CliException ex)
            {
                context.Output.Error(ex.Message);
            }
            catch (ChainOperationException ex)
            {
                context.Output.Error(Describe(ex.Error));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Output.Error(ex.Message);
            }
            catch (OperationCanceledException)
            {
                context.Output.Error("canceled");
            }
            catch (Exception ex)
            {
                // A bug, not bad input: still one line, with the exception type so it can be reported.
                context.Output.Error($"unexpected {ex.GetType().Name}: {ex.Message}");
            }

            return ExitCodes.Error;
        });

    /// <summary>Fails the command with the decoded chain error when <paramref name="result"/> failed.</summary>
    public static T OrFail<T>(this ChainResult<T> result) => result.IsSuccess ? result.Value : throw new CliException(Describe(result.Error));

    private static string Describe(ChainError error) => error.Kind switch
    {
        ChainErrorKind.Reverted => $"the registry refused: {error}",
        ChainErrorKind.Unavailable => $"the chain is unreachable: {error.Message}",
        _ => error.Message,
    };
}
