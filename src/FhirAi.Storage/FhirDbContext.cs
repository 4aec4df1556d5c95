using System.Linq.Expressions;
using FhirAi.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FhirAi.Storage;

/// <summary>
/// The EF Core model. Table and column names are explicit snake_case so that the few hand-written,
/// parameterised SQL statements in <see cref="ResourceStore"/> read the same on SQLite and PostgreSQL.
/// </summary>
internal sealed class FhirDbContext(DbContextOptions<FhirDbContext> options) : DbContext(options)
{
    public DbSet<ResourceRow> Resources => Set<ResourceRow>();
    public DbSet<ResourceVersionRow> Versions => Set<ResourceVersionRow>();
    public DbSet<StringIndexRow> StringIndex => Set<StringIndexRow>();
    public DbSet<TokenIndexRow> TokenIndex => Set<TokenIndexRow>();
    public DbSet<DateIndexRow> DateIndex => Set<DateIndexRow>();
    public DbSet<NumberIndexRow> NumberIndex => Set<NumberIndexRow>();
    public DbSet<QuantityIndexRow> QuantityIndex => Set<QuantityIndexRow>();
    public DbSet<ReferenceIndexRow> ReferenceIndex => Set<ReferenceIndexRow>();
    public DbSet<UriIndexRow> UriIndex => Set<UriIndexRow>();
    public DbSet<CompositeIndexRow> CompositeIndex => Set<CompositeIndexRow>();
    public DbSet<DateParameterBoundsRow> DateBounds => Set<DateParameterBoundsRow>();
    public DbSet<ReindexJobRow> ReindexJobs => Set<ReindexJobRow>();
    public DbSet<CdsFeedbackRow> Feedback => Set<CdsFeedbackRow>();
    public DbSet<CdsIssuedCardRow> IssuedCards => Set<CdsIssuedCardRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Search.TextSearchFunction.Map(modelBuilder);
        modelBuilder.Entity<ResourceRow>(e =>
        {
            e.ToTable("resources");
            e.HasKey(r => r.ResourceKey);
            e.Property(r => r.ResourceKey).HasColumnName("resource_key");
            e.Property(r => r.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
            e.Property(r => r.LogicalId).HasColumnName("logical_id").HasMaxLength(64);
            e.Property(r => r.VersionId).HasColumnName("version_id");
            e.Property(r => r.IsDeleted).HasColumnName("is_deleted");
            e.Property(r => r.LastUpdatedMicros).HasColumnName("last_updated");
            e.HasIndex(r => new { r.ResourceType, r.LogicalId }).IsUnique().HasDatabaseName("ux_resources_type_id");
            e.HasIndex(r => new { r.ResourceType, r.LastUpdatedMicros }).HasDatabaseName("ix_resources_type_updated");
            // A reindex of one type walks it in key order, batch by batch (Migrations/ReindexJobs.cs).
            e.HasIndex(r => new { r.ResourceType, r.ResourceKey }).HasDatabaseName("ix_resources_type_key");
        });

        modelBuilder.Entity<ResourceVersionRow>(e =>
        {
            e.ToTable("resource_versions");
            e.HasKey(v => v.Seq);
            e.Property(v => v.Seq).HasColumnName("seq");
            e.Property(v => v.ResourceKey).HasColumnName("resource_key");
            e.Property(v => v.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
            e.Property(v => v.LogicalId).HasColumnName("logical_id").HasMaxLength(64);
            e.Property(v => v.VersionId).HasColumnName("version_id");
            e.Property(v => v.LastUpdatedMicros).HasColumnName("last_updated");
            e.Property(v => v.Method).HasColumnName("method").HasMaxLength(8);
            e.Property(v => v.IsDeleted).HasColumnName("is_deleted");
            e.Property(v => v.Json).HasColumnName("json");
            e.HasIndex(v => new { v.ResourceKey, v.VersionId }).IsUnique().HasDatabaseName("ux_versions_key_version");
            e.HasIndex(v => new { v.ResourceType, v.Seq }).HasDatabaseName("ix_versions_type_seq");
            e.HasOne<ResourceRow>().WithMany().HasForeignKey(v => v.ResourceKey).OnDelete(DeleteBehavior.Cascade);
        });

        MapIndex<StringIndexRow>(modelBuilder, "idx_string", e =>
        {
            e.Property(r => r.Normalized).HasColumnName("normalized");
            e.Property(r => r.Exact).HasColumnName("exact");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.Normalized, r.ResourceKey }).HasDatabaseName("ix_idx_string_value");
        }, byResource: r => new { r.ResourceKey, r.Parameter, r.Normalized, r.ResourceType });
        MapIndex<TokenIndexRow>(modelBuilder, "idx_token", e =>
        {
            e.Property(r => r.System).HasColumnName("system");
            e.Property(r => r.Code).HasColumnName("code");
            e.Property(r => r.Text).HasColumnName("text");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.Code, r.System, r.ResourceKey }).HasDatabaseName("ix_idx_token_value");
        }, byResource: r => new { r.ResourceKey, r.Parameter, r.Code, r.System, r.ResourceType });
        MapIndex<DateIndexRow>(modelBuilder, "idx_date", e =>
        {
            e.Property(r => r.LowMicros).HasColumnName("low");
            e.Property(r => r.HighMicros).HasColumnName("high");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.LowMicros, r.HighMicros, r.ResourceKey }).HasDatabaseName("ix_idx_date_value");
            // Which resources have several values of a parameter (DateRangeQuery), in key order without a sort.
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.ResourceKey }).HasDatabaseName("ix_idx_date_key");
        }, byResource: r => new { r.ResourceKey, r.Parameter, r.LowMicros, r.HighMicros, r.ResourceType });
        modelBuilder.Entity<DateParameterBoundsRow>(e =>
        {
            e.ToTable("date_parameter_bounds");
            e.HasKey(b => new { b.ResourceType, b.Parameter });
            e.Property(b => b.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
            e.Property(b => b.Parameter).HasColumnName("parameter").HasMaxLength(128);
            e.Property(b => b.MaxWidthMicros).HasColumnName("max_width");
            e.Property(b => b.SeveralValues).HasColumnName("several_values");
        });
        MapIndex<NumberIndexRow>(modelBuilder, "idx_number", e =>
        {
            e.Property(r => r.Value).HasColumnName("value");
            e.Property(r => r.Low).HasColumnName("low");
            e.Property(r => r.High).HasColumnName("high");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.Low, r.High }).HasDatabaseName("ix_idx_number_value");
        });
        MapIndex<QuantityIndexRow>(modelBuilder, "idx_quantity", e =>
        {
            e.Property(r => r.System).HasColumnName("system");
            e.Property(r => r.Unit).HasColumnName("unit");
            e.Property(r => r.Value).HasColumnName("value");
            e.Property(r => r.Low).HasColumnName("low");
            e.Property(r => r.High).HasColumnName("high");
            e.Property(r => r.CanonicalUnit).HasColumnName("canonical_unit");
            e.Property(r => r.CanonicalValue).HasColumnName("canonical_value");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.CanonicalUnit, r.CanonicalValue }).HasDatabaseName("ix_idx_quantity_canonical");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.Unit, r.Value }).HasDatabaseName("ix_idx_quantity_value");
        });
        MapIndex<ReferenceIndexRow>(modelBuilder, "idx_reference", e =>
        {
            e.Property(r => r.TargetType).HasColumnName("target_type").HasMaxLength(64);
            e.Property(r => r.TargetId).HasColumnName("target_id").HasMaxLength(64);
            e.Property(r => r.TargetVersion).HasColumnName("target_version").HasMaxLength(64);
            e.Property(r => r.Url).HasColumnName("url");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.TargetId, r.TargetType, r.ResourceKey }).HasDatabaseName("ix_idx_reference_target");
            // Reverse lookups (_revinclude, _has, compartments) start from the target. The value indexes end in
            // resource_key so that a criterion's key list is read from the index alone (migration SearchCoveringIndexes).
            e.HasIndex(r => new { r.TargetType, r.TargetId, r.ResourceType, r.Parameter, r.ResourceKey }).HasDatabaseName("ix_idx_reference_reverse");
        }, byResource: r => new { r.ResourceKey, r.Parameter, r.TargetType, r.TargetId, r.ResourceType });
        MapIndex<UriIndexRow>(modelBuilder, "idx_uri", e =>
        {
            e.Property(r => r.Uri).HasColumnName("uri");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.Uri, r.ResourceKey }).HasDatabaseName("ix_idx_uri_value");
        });
        MapIndex<CompositeIndexRow>(modelBuilder, "idx_composite", e =>
        {
            e.Property(r => r.FirstSystem).HasColumnName("first_system");
            e.Property(r => r.FirstCode).HasColumnName("first_code");
            e.Property(r => r.SecondSystem).HasColumnName("second_system");
            e.Property(r => r.SecondCode).HasColumnName("second_code");
            e.Property(r => r.SecondNumber).HasColumnName("second_number");
            e.Property(r => r.SecondLowMicros).HasColumnName("second_low");
            e.Property(r => r.SecondHighMicros).HasColumnName("second_high");
            e.Property(r => r.SecondString).HasColumnName("second_string");
            e.HasIndex(r => new { r.ResourceType, r.Parameter, r.FirstCode }).HasDatabaseName("ix_idx_composite_first");
        });

        MapReindexJobs(modelBuilder);
        MapCdsFeedback(modelBuilder);
    }

    private static void MapReindexJobs(ModelBuilder modelBuilder) => modelBuilder.Entity<ReindexJobRow>(e =>
    {
        e.ToTable("reindex_jobs");
        e.HasKey(j => j.JobId);
        e.Property(j => j.JobId).HasColumnName("job_id").HasMaxLength(64);
        e.Property(j => j.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
        e.Property(j => j.Status).HasColumnName("status").HasMaxLength(16);
        e.Property(j => j.Total).HasColumnName("total");
        e.Property(j => j.Processed).HasColumnName("processed");
        e.Property(j => j.LastKey).HasColumnName("last_key");
        e.Property(j => j.Parameters).HasColumnName("parameters");
        e.Property(j => j.CreatedMicros).HasColumnName("created_at");
        e.Property(j => j.UpdatedMicros).HasColumnName("updated_at");
        e.Property(j => j.CompletedMicros).HasColumnName("completed_at");
        e.Property(j => j.Error).HasColumnName("error").HasMaxLength(1024);
        e.HasIndex(j => new { j.Status, j.CreatedMicros }).HasDatabaseName("ix_reindex_jobs_status");
    });

    private static void MapCdsFeedback(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CdsFeedbackRow>(e =>
        {
            e.ToTable("cds_feedback");
            e.HasKey(f => new { f.ServiceId, f.CardUuid, f.OutcomeMicros });
            e.Property(f => f.ServiceId).HasColumnName("service_id").HasMaxLength(64);
            e.Property(f => f.CardUuid).HasColumnName("card_uuid").HasMaxLength(128);
            e.Property(f => f.OutcomeMicros).HasColumnName("outcome_at");
            e.Property(f => f.Outcome).HasColumnName("outcome").HasMaxLength(16);
            e.Property(f => f.ReasonSystem).HasColumnName("reason_system").HasMaxLength(256);
            e.Property(f => f.ReasonCode).HasColumnName("reason_code").HasMaxLength(128);
            e.Property(f => f.ReasonDisplay).HasColumnName("reason_display").HasMaxLength(256);
            e.Property(f => f.HasUserComment).HasColumnName("has_user_comment");
            e.Property(f => f.AcceptedSuggestions).HasColumnName("accepted_suggestions").HasMaxLength(2048);
            e.Property(f => f.ReceivedMicros).HasColumnName("received_at");
            e.HasIndex(f => new { f.ServiceId, f.OutcomeMicros }).HasDatabaseName("ix_cds_feedback_service_time");
        });
        modelBuilder.Entity<CdsIssuedCardRow>(e =>
        {
            e.ToTable("cds_issued_cards");
            e.HasKey(c => new { c.ServiceId, c.CardUuid });
            e.Property(c => c.ServiceId).HasColumnName("service_id").HasMaxLength(64);
            e.Property(c => c.CardUuid).HasColumnName("card_uuid").HasMaxLength(128);
            e.Property(c => c.CardType).HasColumnName("card_type").HasMaxLength(128);
            e.Property(c => c.IssuedMicros).HasColumnName("issued_at");
            e.HasIndex(c => new { c.ServiceId, c.IssuedMicros }).HasDatabaseName("ix_cds_issued_cards_service_time");
        });
    }

    /// <summary>
    /// Maps an index table. <paramref name="byResource"/> is the <c>ix_{table}_resource</c> index that deletes and
    /// re-indexing find a resource's rows by (resource_key alone by default); the most searched tables extend it with the
    /// parameter and values so per-resource checks read the index alone (migration SearchResourceKeyIndexes).
    /// </summary>
    private static void MapIndex<TRow>(
        ModelBuilder modelBuilder, string table, Action<EntityTypeBuilder<TRow>> configure, Expression<Func<TRow, object?>>? byResource = null)
        where TRow : IndexRow
    {
        modelBuilder.Entity<TRow>(e =>
        {
            e.ToTable(table);
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id").HasAnnotation("Sqlite:Autoincrement", false);
            e.Property(r => r.ResourceKey).HasColumnName("resource_key");
            e.Property(r => r.ResourceType).HasColumnName("resource_type").HasMaxLength(64);
            e.Property(r => r.Parameter).HasColumnName("parameter").HasMaxLength(128);
            e.HasIndex(byResource ?? (r => r.ResourceKey)).HasDatabaseName($"ix_{table}_resource");
            e.HasOne<ResourceRow>().WithMany().HasForeignKey(r => r.ResourceKey).OnDelete(DeleteBehavior.Cascade);
            configure(e);
        });
    }
}
