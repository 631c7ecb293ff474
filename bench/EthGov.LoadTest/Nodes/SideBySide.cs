namespace EthGov.LoadTest.Nodes;

/// <summary>
/// The order in which two compared scenarios run: A then B in the first round, B then A in the second, and so on, so
/// that a drift in the shared machine's load (the neighbours' builds) weighs on both sides alike.
/// </summary>
internal static class SideBySide
{
    public static IEnumerable<(int Round, T Side)> Order<T>(int rounds, T a, T b)
    {
        for (int round = 1; round <= rounds; round++)
        {
            bool forward = round % 2 == 1;
            yield return (round, forward ? a : b);
            yield return (round, forward ? b : a);
        }
    }
}
