using Weimin.Data;
using Weimin.Features.Accounts;
using Weimin.Features.Audit;
using Weimin.Features.Bench;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Demo;
using Weimin.Features.Notices;
using Weimin.Features.Organisation;
using Weimin.Features.Petitions;
using Weimin.Web;
using Weimin.Web.Authorization;
using Weimin.Web.Localisation;

var builder = WebApplication.CreateBuilder(args);
var paths = WeiminPaths.From(builder.Configuration, builder.Environment);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(paths);
builder.Services.AddWeiminDatabase(builder.Configuration, paths.DataDirectory);
builder.Services.AddWeiminWeb(paths);
builder.Services.AddWeiminLocalisation();
builder.Services.AddWeiminAccounts();
builder.Services.AddWeiminAuthorization();
builder.Services.AddWeiminHealth();
builder.Services.AddAudit();
builder.Services.AddOrganisation();
builder.Services.AddCalendar();
builder.Services.AddCases(builder.Configuration);
builder.Services.AddNotices(builder.Configuration);
builder.Services.AddCatalogue();
builder.Services.AddTracking(builder.Configuration);
builder.Services.AddDemoData(builder.Configuration);
builder.Services.AddPetitions(builder.Configuration);

var app = builder.Build();
await DatabaseSetup.MigrateAndSeedAsync(app.Services);

app.UseSecurityHeaders();
app.UseRequestLogging();
app.UseWeiminWeb();
app.UseWeiminLocalisation();
app.UseAuthentication();
app.UseDataScope();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages();
app.MapWeiminApiDocs();
app.MapHealth();
app.MapBenchBare();
app.MapLocalisationSwitches();
app.MapOrganisationApi();
app.MapAuditApi();
app.MapCalendarApi();
app.MapCatalogueApi();
app.MapCasesApi();
app.MapCaseQueueApi();
app.MapNotices();
app.MapPetitionsApi();

app.PrintWelcome();
app.Run();

public partial class Program;
