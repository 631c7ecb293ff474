namespace EthGov.Api.Departments;

/// <summary>Settings for reading departments (section "EthGov:Departments").</summary>
public sealed class DepartmentsOptions
{
    /// <summary>How long the department list read from the chain is reused.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(5);
}
