namespace EthGov.Api.Paging;

/// <summary>
/// One page of a list, in a stable order. Follow <see cref="Next"/> until it is null to read the whole list: each page
/// starts after the last item of the one before, so items added meanwhile are neither skipped nor repeated.
/// </summary>
/// <typeparam name="T">The items' type.</typeparam>
/// <param name="Items">At most the page size of items.</param>
/// <param name="Next">The relative URL of the next page (the same query with a <c>cursor</c>), or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
