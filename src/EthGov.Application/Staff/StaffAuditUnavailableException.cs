namespace EthGov.Application.Staff;

/// <summary>The staff audit could not be written, so the action it was to record must not run.</summary>
public sealed class StaffAuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
