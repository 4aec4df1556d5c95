using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FhirAi.Storage.Migrations;

/// <summary>
/// CDS Hooks feedback and the cards it refers to (docs/cds-hooks-security.md). A migration of its own, hand-written like
/// the others, so existing databases gain the two tables on their next start.
/// </summary>
[DbContext(typeof(FhirDbContext))]
[Migration("20261122080000_CdsFeedbackTables")]
internal sealed class CdsFeedbackTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "cds_feedback",
            columns: table => new
            {
                service_id = table.Column<string>(maxLength: 64, nullable: false),
                card_uuid = table.Column<string>(maxLength: 128, nullable: false),
                outcome_at = table.Column<long>(nullable: false),
                outcome = table.Column<string>(maxLength: 16, nullable: false),
                reason_system = table.Column<string>(maxLength: 256, nullable: true),
                reason_code = table.Column<string>(maxLength: 128, nullable: true),
                reason_display = table.Column<string>(maxLength: 256, nullable: true),
                has_user_comment = table.Column<bool>(nullable: false),
                accepted_suggestions = table.Column<string>(maxLength: 2048, nullable: true),
                received_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cds_feedback", x => new { x.service_id, x.card_uuid, x.outcome_at }));
        migrationBuilder.CreateIndex("ix_cds_feedback_service_time", "cds_feedback", ["service_id", "outcome_at"]);

        migrationBuilder.CreateTable(
            name: "cds_issued_cards",
            columns: table => new
            {
                service_id = table.Column<string>(maxLength: 64, nullable: false),
                card_uuid = table.Column<string>(maxLength: 128, nullable: false),
                card_type = table.Column<string>(maxLength: 128, nullable: false),
                issued_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cds_issued_cards", x => new { x.service_id, x.card_uuid }));
        migrationBuilder.CreateIndex("ix_cds_issued_cards_service_time", "cds_issued_cards", ["service_id", "issued_at"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("cds_issued_cards");
        migrationBuilder.DropTable("cds_feedback");
    }
}
