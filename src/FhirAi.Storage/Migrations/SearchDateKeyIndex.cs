using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// <c>ix_idx_date_key (resource_type, parameter, resource_key)</c>: lets a date range (<c>date=ge…&amp;date=lt…</c>) find the
/// resources with more than one value of the parameter by reading the index in key order (Search.DateRangeQuery).
/// Hand-written like the others.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261122070000_SearchDateKeyIndex")]
internal sealed class SearchDateKeyIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("ix_idx_date_key", "idx_date", ["resource_type", "parameter", "resource_key"]);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("ix_idx_date_key", "idx_date");
}
