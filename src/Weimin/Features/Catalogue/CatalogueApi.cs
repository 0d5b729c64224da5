using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web.Authorization;
using Weimin.Web.Errors;
using Weimin.Web.Files;

namespace Weimin.Features.Catalogue;

public static class CatalogueApi
{
    public const string CsvType = "text/csv";

    public static void MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/services").WithTags("Catalogue");
        services.MapGet("", ListServices).AllowAnonymous().WithSummary("Public service catalogue (服務項目) of an agency");
        services.MapGet("/export.csv", ExportCsv).RequireAuthorization(Policies.ManageCatalogue);
        services.MapGet("/export.ods", ExportOds).RequireAuthorization(Policies.ManageCatalogue);
        services.MapPost("/import", Import).RequireAuthorization(Policies.ManageCatalogue)
            .Accepts<byte[]>(CsvType, OdsWriter.MediaType)
            .WithSummary("Upsert services from the export's CSV or ODS (raw body; all-or-nothing)");
        services.MapGet("/{code}", GetService).AllowAnonymous().WithSummary("A published service: documents, SOP steps, forms, windows");
        services.MapGet("/{code}/forms/{formId:int}", DownloadForm).AllowAnonymous();
        services.MapPost("", CreateService).RequireAuthorization(Policies.ManageCatalogue);
        services.MapPut("/{code}", UpdateService).RequireAuthorization(Policies.ManageCatalogue);
        services.MapPost("/{code}/deactivate", (string code, string? agency, CatalogueService catalogue, AppDb db, CancellationToken ct) =>
            SetActive(code, agency, false, catalogue, db, ct)).RequireAuthorization(Policies.ManageCatalogue);
        services.MapPost("/{code}/activate", (string code, string? agency, CatalogueService catalogue, AppDb db, CancellationToken ct) =>
            SetActive(code, agency, true, catalogue, db, ct)).RequireAuthorization(Policies.ManageCatalogue);

        var windows = app.MapGroup("/api/windows").WithTags("Catalogue");
        windows.MapGet("", ListWindows).AllowAnonymous().WithSummary("Single windows (單一窗口) and the services each takes in");
        windows.MapPost("", CreateWindow).RequireAuthorization(Policies.ManageCatalogue);
        windows.MapPut("/{id:int}", UpdateWindow).RequireAuthorization(Policies.ManageCatalogue);
    }

    private static async Task<Results<Ok<IReadOnlyList<ServiceRow>>, NotFound>> ListServices(
        AppDb db, string? agency, string? section, string? topic, string? q, string? channel, CancellationToken ct)
    {
        var home = await OrganisationReads.HomeAgencyAsync(db, agency, ct);
        if (home is null) return TypedResults.NotFound();
        ServiceChannels? wanted = null;
        if (!string.IsNullOrWhiteSpace(channel))
        {
            // An unknown channel matches nothing rather than everything.
            if (!Enum.TryParse<ServiceChannels>(channel, ignoreCase: true, out var c) || !Enum.IsDefined(c) || c == ServiceChannels.None)
                return TypedResults.Ok<IReadOnlyList<ServiceRow>>([]);
            wanted = c;
        }
        return TypedResults.Ok(await CatalogueReads.PublicServicesAsync(db, home.Id, new ServiceFilter(section, topic, q, wanted), ct));
    }

    private static async Task<Results<Ok<ServiceDetails>, NotFound>> GetService(string code, string? agency, AppDb db, CancellationToken ct)
    {
        var home = await OrganisationReads.HomeAgencyAsync(db, agency, ct);
        if (home is null) return TypedResults.NotFound();
        var details = await CatalogueReads.DetailsAsync(db, home.Id, code, null, publicOnly: true, ct);
        return details is null ? TypedResults.NotFound() : TypedResults.Ok(details);
    }

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, NotFound>> DownloadForm(
        string code, int formId, string? agency, AppDb db, CatalogueService catalogue, CancellationToken ct)
    {
        var home = await OrganisationReads.HomeAgencyAsync(db, agency, ct);
        if (home is null) return TypedResults.NotFound();
        var form = await db.Set<ServiceForm>().AsNoTracking()
            .Where(f => f.Id == formId && db.Set<Service>().IgnoreQueryFilters().Any(s => s.Id == f.ServiceId && s.AgencyId == home.Id && s.Code == code && s.IsActive))
            .FirstOrDefaultAsync(ct);
        if (form is null) return TypedResults.NotFound();
        if (form.StoredPath is null) return form.Url is null ? TypedResults.NotFound() : TypedResults.Redirect(form.Url);
        var path = catalogue.FormPath(form);
        if (path is null || !File.Exists(path)) return TypedResults.NotFound();
        return TypedResults.File(File.OpenRead(path), form.ContentType ?? "application/octet-stream", form.FileName);
    }

    private static async Task<Results<Created<ServiceDetails>, ValidationProblem, NotFound>> CreateService(
        ServiceInput input, string? agency, CatalogueService catalogue, AppDb db, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!input.TryValidate(t, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return TypedResults.NotFound();
        var service = await catalogue.CreateAsync(agencyId, input, ct);
        return TypedResults.Created($"/api/services/{service.Code}", (await CatalogueReads.DetailsAsync(db, null, null, service.Id, false, ct))!);
    }

    private static async Task<Results<Ok<ServiceDetails>, ValidationProblem, NotFound>> UpdateService(
        string code, ServiceInput input, string? agency, CatalogueService catalogue, AppDb db, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!input.TryValidate(t, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await IdOfAsync(code, agency, catalogue, db, ct) is not { } id) return TypedResults.NotFound();
        if (await catalogue.UpdateAsync(id, input, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await CatalogueReads.DetailsAsync(db, null, null, id, false, ct))!);
    }

    private static async Task<Results<Ok<ServiceDetails>, NotFound>> SetActive(string code, string? agency, bool active, CatalogueService catalogue, AppDb db, CancellationToken ct)
    {
        if (await IdOfAsync(code, agency, catalogue, db, ct) is not { } id) return TypedResults.NotFound();
        if (await catalogue.SetActiveAsync(id, active, ct) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await CatalogueReads.DetailsAsync(db, null, null, id, false, ct))!);
    }

    private static async Task<int?> IdOfAsync(string code, string? agency, CatalogueService catalogue, AppDb db, CancellationToken ct)
    {
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return null;
        var id = await db.Set<Service>().Where(s => s.AgencyId == agencyId && s.Code == code).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        return id;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportCsv(string? agency, CatalogueService catalogue, CatalogueTransfer transfer, CancellationToken ct)
    {
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return TypedResults.NotFound();
        var sheet = await transfer.ExportAsync(agencyId, ct);
        return TypedResults.File(Csv.Write(sheet.Rows), CsvType + "; charset=utf-8", "services.csv");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> ExportOds(string? agency, CatalogueService catalogue, CatalogueTransfer transfer, CancellationToken ct)
    {
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return TypedResults.NotFound();
        var sheet = await transfer.ExportAsync(agencyId, ct);
        return TypedResults.File(OdsWriter.Write(sheet), OdsWriter.MediaType, "services.ods");
    }

    /// <summary>
    /// The file is the raw request body, its kind named by Content-Type (text/csv or the ODS type). Not a form post:
    /// a cross-site form cannot send either type, so the cookie cannot be abused to import.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, BadRequest<ImportReport>, NotFound, StatusCodeHttpResult>> Import(
        HttpRequest request, string? agency, CatalogueService catalogue, CatalogueTransfer transfer, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is not (CsvType or OdsWriter.MediaType)) return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return TypedResults.NotFound();
        var data = await ReadBodyAsync(request, MaxImportBytes, ct);
        if (data is null) return TypedResults.BadRequest(new ImportReport(0, 0, [new ImportError(0, t["catalogue.import.too_large", MaxImportBytes / 1024 / 1024])]));
        var report = type == CsvType ? await transfer.ImportCsvAsync(agencyId, data, ct) : await transfer.ImportOdsAsync(agencyId, data, ct);
        return report.Succeeded ? TypedResults.Ok(report) : TypedResults.BadRequest(report);
    }

    public const int MaxImportBytes = 10 * 1024 * 1024;

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max) return null;
        }
        return buffer.ToArray();
    }

    private static async Task<Ok<IReadOnlyList<WindowDto>>> ListWindows(AppDb db, string? agency, CancellationToken ct)
    {
        var home = await OrganisationReads.HomeAgencyAsync(db, agency, ct);
        return TypedResults.Ok(home is null ? [] : await CatalogueReads.WindowsAsync(db, home.Id, publicOnly: true, ct));
    }

    private static async Task<Results<Created<WindowDto>, ValidationProblem, NotFound>> CreateWindow(
        WindowInput input, string? agency, CatalogueService catalogue, AppDb db, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        if (await catalogue.AgencyForAsync(agency, ct) is not { } agencyId) return TypedResults.NotFound();
        var window = await catalogue.CreateWindowAsync(agencyId, input, ct);
        return TypedResults.Created($"/api/windows/{window.Id}", await WindowAsync(db, window, ct));
    }

    private static async Task<Results<Ok<WindowDto>, ValidationProblem, NotFound>> UpdateWindow(
        int id, WindowInput input, CatalogueService catalogue, AppDb db, IStringLocalizer<ErrorText> t, CancellationToken ct)
    {
        if (!ApiValidation.TryValidate(input, t, out var errors)) return TypedResults.ValidationProblem(errors);
        var window = await catalogue.UpdateWindowAsync(id, input, ct);
        return window is null ? TypedResults.NotFound() : TypedResults.Ok(await WindowAsync(db, window, ct));
    }

    private static async Task<WindowDto> WindowAsync(AppDb db, SingleWindow window, CancellationToken ct) =>
        (await CatalogueReads.WindowsAsync(db, window.AgencyId, publicOnly: false, ct)).First(w => w.Id == window.Id);
}
