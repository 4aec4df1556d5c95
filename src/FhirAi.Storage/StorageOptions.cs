using System.ComponentModel.DataAnnotations;

namespace FhirAi.Storage;

/// <summary>Configuration section <c>FhirAi:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "FhirAi:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>SQLite database file, created with its folder on first run.</summary>
    [Required]
    public string SqlitePath { get; set; } = Path.Combine("data", "fhirai.db");

    /// <summary>
    /// Bytes of the SQLite file read through a memory map (<c>PRAGMA mmap_size</c>), 0 (the default) for none. Reads then
    /// skip a copy per page, but a disk read error becomes a SIGBUS that ends the process instead of an error the request
    /// reports (committed data stays safe in the WAL either way). Off by default: at 104,680 resources it made no
    /// difference this machine could resolve (docs/benchmarks.md, session 5).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long SqliteMmapBytes { get; set; }

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is PostgreSql.</summary>
    public string? PostgreSqlConnectionString { get; set; }
}
