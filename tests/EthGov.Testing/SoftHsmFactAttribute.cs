using Xunit;

namespace EthGov.Testing;

/// <summary>A test that needs SoftHSM2: skipped, with the reason, only where softhsm2 is not installed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SoftHsmFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when softhsm2 is missing.</summary>
    public SoftHsmFactAttribute()
    {
        if (SoftHsm.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
