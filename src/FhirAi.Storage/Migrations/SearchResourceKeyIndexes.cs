using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// The per-resource indexes of the four most searched index tables carry the parameter and its values after
/// <c>resource_key</c> (and the resource type last), so that a check of one resource's value reads the index alone:
/// the correlated EXISTS a search runs for each candidate of its first criterion (<c>subject=…&amp;code=…</c>, chains,
/// <c>_has</c>), a sort key's MIN/MAX, and a forward <c>_include</c>'s references. Before, each such check sought
/// <c>resource_key</c> and then read the table row per index row, or sought the value index comparing four text
/// columns before the key. Same names and leading column, so deletes by resource still use them.
/// Hand-written like the others.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261209000000_SearchResourceKeyIndexes")]
internal sealed class SearchResourceKeyIndexes : Migration
{
    private static readonly (string Name, string Table, string[] After)[] Indexes =
    [
        ("ix_idx_string_resource", "idx_string", ["resource_key", "parameter", "normalized", "resource_type"]),
        ("ix_idx_token_resource", "idx_token", ["resource_key", "parameter", "code", "system", "resource_type"]),
        ("ix_idx_date_resource", "idx_date", ["resource_key", "parameter", "low", "high", "resource_type"]),
        ("ix_idx_reference_resource", "idx_reference", ["resource_key", "parameter", "target_type", "target_id", "resource_type"]),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, after) in Indexes)
        {
            migrationBuilder.DropIndex(name, table);
            migrationBuilder.CreateIndex(name, table, after);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (name, table, _) in Indexes)
        {
            migrationBuilder.DropIndex(name, table);
            migrationBuilder.CreateIndex(name, table, "resource_key");
        }
    }
}
