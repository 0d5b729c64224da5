using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Weimin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Petitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_items",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Link = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SeenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NeedsResponse = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_items", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_media_items_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petition_categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SectionId = table.Column<int>(type: "integer", nullable: false),
                    IsReport = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_petition_categories_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_petition_categories_sections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tracked_items",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracked_items", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_tracked_items_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "petitions",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    IsReport = table.Column<bool>(type: "boolean", nullable: false),
                    Sealed = table.Column<bool>(type: "boolean", nullable: false),
                    PetitionerKind = table.Column<int>(type: "integer", nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NoIdentity = table.Column<bool>(type: "boolean", nullable: false),
                    PublishConsent = table.Column<bool>(type: "boolean", nullable: false),
                    ExternalNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RecordReadBack = table.Column<bool>(type: "boolean", nullable: true),
                    RecordConfirmation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordCorrections = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Unhandled = table.Column<int>(type: "integer", nullable: true),
                    EarlierCaseId = table.Column<long>(type: "bigint", nullable: true),
                    UnhandledNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ForwardedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Reply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReplyEn = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReplyLetterNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RepliedByStaffId = table.Column<int>(type: "integer", nullable: true),
                    RatingTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    RatingComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedByStaffId = table.Column<int>(type: "integer", nullable: true),
                    Review = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Finding = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Improvement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    PublicSubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublicQuestion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublicReply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petitions", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_petitions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_petitions_cases_EarlierCaseId",
                        column: x => x.EarlierCaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_petitions_petition_categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "petition_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "petition_sealed_identities",
                columns: table => new
                {
                    CaseId = table.Column<long>(type: "bigint", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_petition_sealed_identities", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_petition_sealed_identities_petitions_CaseId",
                        column: x => x.CaseId,
                        principalTable: "petitions",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_media_items_AgencyId_SeenOn",
                table: "media_items",
                columns: new[] { "AgencyId", "SeenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_petition_categories_AgencyId_Code",
                table: "petition_categories",
                columns: new[] { "AgencyId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petition_categories_SectionId",
                table: "petition_categories",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_AgencyId_Channel",
                table: "petitions",
                columns: new[] { "AgencyId", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_AgencyId_ExternalNumber",
                table: "petitions",
                columns: new[] { "AgencyId", "ExternalNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_petitions_AgencyId_Published_PublishedAtUtc",
                table: "petitions",
                columns: new[] { "AgencyId", "Published", "PublishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_AgencyId_Rating_ReviewedAtUtc",
                table: "petitions",
                columns: new[] { "AgencyId", "Rating", "ReviewedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_petitions_CategoryId",
                table: "petitions",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_EarlierCaseId",
                table: "petitions",
                column: "EarlierCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_petitions_RatingTokenHash",
                table: "petitions",
                column: "RatingTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tracked_items_AgencyId_Kind",
                table: "tracked_items",
                columns: new[] { "AgencyId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_items");

            migrationBuilder.DropTable(
                name: "petition_sealed_identities");

            migrationBuilder.DropTable(
                name: "tracked_items");

            migrationBuilder.DropTable(
                name: "petitions");

            migrationBuilder.DropTable(
                name: "petition_categories");
        }
    }
}
