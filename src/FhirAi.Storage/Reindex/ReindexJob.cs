namespace FhirAi.Storage.Reindex;

/// <summary>
/// A reindex job as stored. <see cref="Total"/> counts the live resources in scope when the job was created;
/// <see cref="Processed"/> the resources its committed batches have re-indexed (writes during the job can make it larger).
/// </summary>
public sealed record ReindexJob
{
    public required string JobId { get; init; }

    /// <summary>The one resource type reindexed, or null for every type.</summary>
    public string? ResourceType { get; init; }

    public required ReindexJobStatus Status { get; init; }

    public long Total { get; init; }

    public long Processed { get; init; }

    /// <summary>The highest resource key of the last committed batch: the job resumes after it.</summary>
    public long LastKey { get; init; }

    /// <summary>The custom SearchParameters registered when the job was created (<c>id@registeredMicros</c>, comma-separated).</summary>
    public string? Parameters { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset Updated { get; init; }

    public DateTimeOffset? Completed { get; init; }

    public string? Error { get; init; }

    public bool IsFinished => Status is ReindexJobStatus.Completed or ReindexJobStatus.Failed;
}
