using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Weimin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "eval_schemes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    PointsNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_schemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_schemes_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quality_plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TargetUnits = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_plans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quality_plans_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanningSchemeId = table.Column<int>(type: "INTEGER", nullable: true),
                    CityWide = table.Column<bool>(type: "INTEGER", nullable: false),
                    Phase = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfAssessmentDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeetingOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ImprovementDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingHeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    MeetingAttendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MeetingMinutes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_rounds_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_rounds_eval_schemes_PlanningSchemeId",
                        column: x => x.PlanningSchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_rounds_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_scheme_nodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Points = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_scheme_nodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_scheme_nodes_eval_scheme_nodes_ParentId",
                        column: x => x.ParentId,
                        principalTable: "eval_scheme_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_scheme_nodes_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quality_plan_practices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Sections = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    DueMonth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpectedBenefit = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_plan_practices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quality_plan_practices_quality_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "quality_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "eval_round_awards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    VoucherNtd = table.Column<int>(type: "INTEGER", nullable: false),
                    Merit = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_round_awards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_round_awards_eval_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "eval_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "eval_round_members",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    StaffId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WithdrawnAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_round_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_round_members_eval_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "eval_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_eval_round_members_staff_StaffId",
                        column: x => x.StaffId,
                        principalTable: "staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_round_units",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitAgencyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GroupName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SchemeId = table.Column<int>(type: "INTEGER", nullable: false),
                    SelfAssessmentSubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ImprovementsSubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_round_units", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_round_units_agencies_UnitAgencyId",
                        column: x => x.UnitAgencyId,
                        principalTable: "agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_round_units_eval_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "eval_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_eval_round_units_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_round_units_sections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "sections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quality_plan_progress",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    PracticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Figure = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_plan_progress", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quality_plan_progress_quality_plan_practices_PracticeId",
                        column: x => x.PracticeId,
                        principalTable: "quality_plan_practices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "eval_review_sheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_review_sheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_review_sheets_eval_round_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "eval_round_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_review_sheets_eval_round_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "eval_round_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_eval_review_sheets_eval_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "eval_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "eval_self_assessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_self_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_self_assessments_eval_round_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "eval_round_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_eval_self_assessments_eval_scheme_nodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "eval_scheme_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_review_scores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SheetId = table.Column<int>(type: "INTEGER", nullable: false),
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 7, scale: 2, nullable: true),
                    Strengths = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Weaknesses = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Suggestions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Improvement = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ImprovedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_review_scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_review_scores_eval_review_sheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "eval_review_sheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_eval_review_scores_eval_scheme_nodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "eval_scheme_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_evidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelfAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Figure = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_evidence_eval_self_assessments_SelfAssessmentId",
                        column: x => x.SelfAssessmentId,
                        principalTable: "eval_self_assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_eval_evidence_SelfAssessmentId",
                table: "eval_evidence",
                column: "SelfAssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_review_scores_NodeId",
                table: "eval_review_scores",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_review_scores_SheetId_NodeId",
                table: "eval_review_scores",
                columns: new[] { "SheetId", "NodeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_review_sheets_MemberId",
                table: "eval_review_sheets",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_review_sheets_RoundId_MemberId_UnitId_Stage",
                table: "eval_review_sheets",
                columns: new[] { "RoundId", "MemberId", "UnitId", "Stage" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_review_sheets_UnitId_Stage",
                table: "eval_review_sheets",
                columns: new[] { "UnitId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_awards_RoundId",
                table: "eval_round_awards",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_members_RoundId_StaffId",
                table: "eval_round_members",
                columns: new[] { "RoundId", "StaffId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_members_StaffId",
                table: "eval_round_members",
                column: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_units_RoundId",
                table: "eval_round_units",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_units_SchemeId",
                table: "eval_round_units",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_units_SectionId",
                table: "eval_round_units",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_round_units_UnitAgencyId",
                table: "eval_round_units",
                column: "UnitAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_rounds_AgencyId_Year",
                table: "eval_rounds",
                columns: new[] { "AgencyId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_rounds_PlanningSchemeId",
                table: "eval_rounds",
                column: "PlanningSchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_rounds_SchemeId",
                table: "eval_rounds",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_scheme_nodes_ParentId",
                table: "eval_scheme_nodes",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_scheme_nodes_SchemeId_SortOrder",
                table: "eval_scheme_nodes",
                columns: new[] { "SchemeId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_schemes_AgencyId_Code",
                table: "eval_schemes",
                columns: new[] { "AgencyId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_self_assessments_NodeId",
                table: "eval_self_assessments",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_self_assessments_UnitId_NodeId",
                table: "eval_self_assessments",
                columns: new[] { "UnitId", "NodeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quality_plan_practices_PlanId_SortOrder",
                table: "quality_plan_practices",
                columns: new[] { "PlanId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_quality_plan_progress_PracticeId_Year_Quarter",
                table: "quality_plan_progress",
                columns: new[] { "PracticeId", "Year", "Quarter" });

            migrationBuilder.CreateIndex(
                name: "IX_quality_plans_AgencyId_Year",
                table: "quality_plans",
                columns: new[] { "AgencyId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "eval_evidence");

            migrationBuilder.DropTable(
                name: "eval_review_scores");

            migrationBuilder.DropTable(
                name: "eval_round_awards");

            migrationBuilder.DropTable(
                name: "quality_plan_progress");

            migrationBuilder.DropTable(
                name: "eval_self_assessments");

            migrationBuilder.DropTable(
                name: "eval_review_sheets");

            migrationBuilder.DropTable(
                name: "quality_plan_practices");

            migrationBuilder.DropTable(
                name: "eval_scheme_nodes");

            migrationBuilder.DropTable(
                name: "eval_round_members");

            migrationBuilder.DropTable(
                name: "eval_round_units");

            migrationBuilder.DropTable(
                name: "quality_plans");

            migrationBuilder.DropTable(
                name: "eval_rounds");

            migrationBuilder.DropTable(
                name: "eval_schemes");
        }
    }
}
