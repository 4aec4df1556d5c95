namespace FhirAi.Storage.Model;

/// <summary>
/// A background reindex job. <see cref="LastKey"/> and <see cref="Processed"/> are updated in the same
/// transaction as each batch's index rows, so after a restart the job resumes after the last committed batch.
/// </summary>
internal sealed class ReindexJobRow
{
    public required string JobId { get; set; }

    /// <summary>The one type reindexed, or null for every type.</summary>
    public string? ResourceType { get; set; }

    public required string Status { get; set; }
    public long Total { get; set; }
    public long Processed { get; set; }
    public long LastKey { get; set; }

    /// <summary>The custom SearchParameters registered when the job was created, as <c>id@registeredMicros</c>, comma-separated.</summary>
    public string? Parameters { get; set; }

    public long CreatedMicros { get; set; }
    public long UpdatedMicros { get; set; }
    public long? CompletedMicros { get; set; }
    public string? Error { get; set; }
}
