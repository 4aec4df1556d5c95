namespace FhirAi.Storage.Reindex;

/// <summary>Where a reindex job is; stored as its lower-case name.</summary>
public enum ReindexJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}
