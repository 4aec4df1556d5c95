using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// Search performance at 100,000+ resources (docs/search.md, "Performance"): every value index a search criterion
/// seeks now ends in <c>resource_key</c>, so the criterion's key list comes from the index alone (SQLite's plan says
/// <c>USING COVERING INDEX</c>) instead of one table lookup per matching row; the reverse reference index also
/// carries the source type and parameter that <c>_revinclude</c>, <c>_has</c> and compartments filter on.
/// Same names, same leading columns, so every plan that used an index before still can. Hand-written like the others.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261122060000_SearchCoveringIndexes")]
internal sealed class SearchCoveringIndexes : Migration
{
    private static readonly (string Name, string Table, string[] Before, string[] After)[] Indexes =
    [
        ("ix_idx_string_value", "idx_string", ["resource_type", "parameter", "normalized"], ["resource_type", "parameter", "normalized", "resource_key"]),
        ("ix_idx_token_value", "idx_token", ["resource_type", "parameter", "code", "system"], ["resource_type", "parameter", "code", "system", "resource_key"]),
        ("ix_idx_date_value", "idx_date", ["resource_type", "parameter", "low", "high"], ["resource_type", "parameter", "low", "high", "resource_key"]),
        ("ix_idx_reference_target", "idx_reference", ["resource_type", "parameter", "target_id", "target_type"],
            ["resource_type", "parameter", "target_id", "target_type", "resource_key"]),
        ("ix_idx_reference_reverse", "idx_reference", ["target_type", "target_id"], ["target_type", "target_id", "resource_type", "parameter", "resource_key"]),
        ("ix_idx_uri_value", "idx_uri", ["resource_type", "parameter", "uri"], ["resource_type", "parameter", "uri", "resource_key"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, _, after) in Indexes)
        {
            migrationBuilder.DropIndex(name, table);
            migrationBuilder.CreateIndex(name, table, after);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, before, _) in Indexes)
        {
            migrationBuilder.DropIndex(name, table);
            migrationBuilder.CreateIndex(name, table, before);
        }
    }
}
