using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// The reindex job table (docs/adr/0005-reindex.md). A migration of its own, so that databases created by
/// <see cref="InitialSchema"/> gain it on their next start; hand-written like the first one.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261122030000_ReindexJobs")]
internal sealed class ReindexJobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "reindex_jobs",
            columns: table => new
            {
                job_id = table.Column<string>(maxLength: 64, nullable: false),
                resource_type = table.Column<string>(maxLength: 64, nullable: true),
                status = table.Column<string>(maxLength: 16, nullable: false),
                total = table.Column<long>(nullable: false),
                processed = table.Column<long>(nullable: false),
                last_key = table.Column<long>(nullable: false),
                parameters = table.Column<string>(nullable: true),
                created_at = table.Column<long>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
                completed_at = table.Column<long>(nullable: true),
                error = table.Column<string>(maxLength: 1024, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_reindex_jobs", x => x.job_id));
        migrationBuilder.CreateIndex("ix_reindex_jobs_status", "reindex_jobs", ["status", "created_at"]);

        // Without it, a batch of a one-type reindex makes SQLite sort every resource of the type (EXPLAIN QUERY PLAN: USE TEMP B-TREE).
        migrationBuilder.CreateIndex("ix_resources_type_key", "resources", ["resource_type", "resource_key"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_resources_type_key", "resources");
        migrationBuilder.DropTable("reindex_jobs");
    }
}
