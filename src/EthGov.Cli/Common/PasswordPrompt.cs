namespace EthGov.Cli.Common;

/// <summary>Asks for a keystore password on the terminal without echoing it.</summary>
internal static class PasswordPrompt
{
    public static string Read()
    {
        if (Console.IsInputRedirected)
        {
            throw new CliException("no password: set ETHGOV_KEY_PASSWORD (standard input is not a terminal)");
        }

        Console.Error.Write("keystore password: ");
        var password = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
