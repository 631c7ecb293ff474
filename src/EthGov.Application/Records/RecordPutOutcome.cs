namespace EthGov.Application.Records;

/// <summary>What <see cref="RecordStore.PutAsync"/> did with a record.</summary>
public enum RecordPutOutcome
{
    /// <summary>Kept now, committed.</summary>
    Stored,

    /// <summary>Already kept for the same department (the put is idempotent); nothing changed.</summary>
    AlreadyStored,

    /// <summary>Refused: SHA-256 of the content is not the digest given.</summary>
    DigestMismatch,

    /// <summary>Refused: the content is larger than <see cref="RecordsOptions.MaxRecordBytes"/>.</summary>
    TooLarge,

    /// <summary>Refused: the record was kept and erased; erasure is final.</summary>
    Erased,

    /// <summary>Refused: another department served by this node keeps a record with that digest.</summary>
    OtherDepartment,

    /// <summary>Refused: the kind is not a valid kind name, the subject not an address, or the person identifier empty.</summary>
    InvalidMetadata,
}
