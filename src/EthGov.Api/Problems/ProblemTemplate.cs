using System.Globalization;

namespace EthGov.Api.Problems;

/// <summary>
/// A detail sentence of the catalog in English and Simplified Chinese, with numbered placeholders (<c>{0}</c>,
/// <c>{1:O}</c>) for values that stay as they are in both languages (digests, ids, sizes, route paths, scope names).
/// The generic arity is the number of placeholders, so a call site passes exactly the values the sentence has; a test
/// walks every template of the API and fails on a missing Chinese form or on placeholders that differ between forms.
/// </summary>
public abstract class ProblemTemplate
{
    private protected ProblemTemplate(string english, string chinese)
    {
        English = english;
        Chinese = chinese;
    }

    /// <summary>The English form, a composite format string.</summary>
    public string English { get; }

    /// <summary>The Simplified Chinese form, a composite format string with the same placeholders.</summary>
    public string Chinese { get; }

    /// <summary>How many values the sentence takes: its placeholders are <c>{0}</c> to <c>{Arity - 1}</c>.</summary>
    public abstract int Arity { get; }

    /// <summary>Both forms with <paramref name="values"/> in place, formatted without regard to the server's culture.</summary>
    private protected ProblemText Format(params object?[] values)
        => new(string.Format(CultureInfo.InvariantCulture, English, values), string.Format(CultureInfo.InvariantCulture, Chinese, values));

    /// <summary>Both forms with <paramref name="values"/> in place; for the catalog test, which knows only the arity.</summary>
    internal ProblemText FormatForTest(object?[] values) => Format(values);
}

/// <summary>A detail sentence without values.</summary>
public sealed class ProblemSentence(string english, string chinese) : ProblemTemplate(english, chinese)
{
    /// <inheritdoc />
    public override int Arity => 0;

    /// <summary>The sentence.</summary>
    public ProblemText Text => Format();

    /// <summary>The sentence, where a detail is expected.</summary>
    public static implicit operator ProblemText(ProblemSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return sentence.Text;
    }
}

/// <summary>A detail sentence with one value, <c>{0}</c>.</summary>
public sealed class ProblemTemplate<T1>(string english, string chinese) : ProblemTemplate(english, chinese)
{
    /// <inheritdoc />
    public override int Arity => 1;

    /// <summary>The sentence with its value.</summary>
    public ProblemText With(T1 value1) => Format(value1);
}

/// <summary>A detail sentence with two values, <c>{0}</c> and <c>{1}</c>.</summary>
public sealed class ProblemTemplate<T1, T2>(string english, string chinese) : ProblemTemplate(english, chinese)
{
    /// <inheritdoc />
    public override int Arity => 2;

    /// <summary>The sentence with its values.</summary>
    public ProblemText With(T1 value1, T2 value2) => Format(value1, value2);
}

/// <summary>A detail sentence with three values, <c>{0}</c> to <c>{2}</c>.</summary>
public sealed class ProblemTemplate<T1, T2, T3>(string english, string chinese) : ProblemTemplate(english, chinese)
{
    /// <inheritdoc />
    public override int Arity => 3;

    /// <summary>The sentence with its values.</summary>
    public ProblemText With(T1 value1, T2 value2, T3 value3) => Format(value1, value2, value3);
}

/// <summary>A detail sentence with four values, <c>{0}</c> to <c>{3}</c>.</summary>
public sealed class ProblemTemplate<T1, T2, T3, T4>(string english, string chinese) : ProblemTemplate(english, chinese)
{
    /// <inheritdoc />
    public override int Arity => 4;

    /// <summary>The sentence with its values.</summary>
    public ProblemText With(T1 value1, T2 value2, T3 value3, T4 value4) => Format(value1, value2, value3, value4);
}
