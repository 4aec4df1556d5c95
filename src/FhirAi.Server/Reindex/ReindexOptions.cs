using System.ComponentModel.DataAnnotations;

namespace FhirAi.Server.Reindex;

/// <summary>Configuration section <c>FhirAi:Reindex</c>: how the background <c>$reindex</c> job paces itself.</summary>
public sealed class ReindexOptions
{
    public const string SectionName = "FhirAi:Reindex";

    /// <summary>Resources per batch: one short transaction each, so writers wait at most one batch's index writes.</summary>
    [Range(1, 2000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Pause between batches, leaving the CPU and the write lock to foreground requests.</summary>
    [Range(0, 60_000)]
    public int BatchDelayMilliseconds { get; set; }
}
