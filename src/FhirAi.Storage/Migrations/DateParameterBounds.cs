using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// <c>date_parameter_bounds</c>: per type and date parameter, the widest stored range and whether a resource has
/// several values (Model.DateParameterBoundsRow), filled from the existing index rows. Date range searches use the
/// width to bound their index scan from both sides and skip the several-values pass when no resource has them.
/// Hand-written like the others; the width is computed without overflowing bigint (open periods end at long.MaxValue).
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261208000000_DateParameterBounds")]
internal sealed class DateParameterBounds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "date_parameter_bounds",
            columns: table => new
            {
                resource_type = table.Column<string>(maxLength: 64, nullable: false),
                parameter = table.Column<string>(maxLength: 128, nullable: false),
                max_width = table.Column<long>(nullable: false),
                several_values = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_date_parameter_bounds", x => new { x.resource_type, x.parameter }));

        var cap = Sql.DateBoundsWriter.WidthCap;
        migrationBuilder.Sql($"""
            INSERT INTO date_parameter_bounds (resource_type, parameter, max_width, several_values)
            SELECT resource_type, parameter, MAX(width), MAX(value_count) > 1
            FROM (SELECT resource_type, parameter, resource_key, COUNT(*) AS value_count,
                         MAX(CASE WHEN high - {cap} > low THEN {cap} WHEN high < low THEN 0 ELSE high - low END) AS width
                  FROM idx_date GROUP BY resource_type, parameter, resource_key) per_resource
            GROUP BY resource_type, parameter
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("date_parameter_bounds");
}
