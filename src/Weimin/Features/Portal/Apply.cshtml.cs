using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web;
using Weimin.Web.Errors;

namespace Weimin.Features.Portal;

public sealed class ApplyInput
{
    [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.length"), Display(Name = "field.ApplicantName")]
    public string ApplicantName { get; set; } = "";
    [StringLength(30, ErrorMessage = "validation.length"), RegularExpression(@"^[0-9+()#\- ]*$", ErrorMessage = "validation.phone"), Display(Name = "field.ApplicantPhone")]
    public string? ApplicantPhone { get; set; }
    [StringLength(200, ErrorMessage = "validation.length"), EmailAddress(ErrorMessage = "validation.email"), Display(Name = "field.ApplicantEmail")]
    public string? ApplicantEmail { get; set; }
    [EnumDataType(typeof(NoticeChannel), ErrorMessage = "validation.invalid"), Display(Name = "field.NoticeChannel")]
    public NoticeChannel NoticeChannel { get; set; } = NoticeChannel.None;
    [Display(Name = "field.NoticeConsent")]
    public bool NoticeConsent { get; set; }
    [StringLength(4000, ErrorMessage = "validation.length"), Display(Name = "field.Details")]
    public string? Details { get; set; }
    [StringLength(300, ErrorMessage = "validation.length"), Display(Name = "field.LocationText")]
    public string? LocationText { get; set; }
}

/// <summary>
/// 線上申辦: the public form of a service that allows online application. The same intake as at the counter
/// (<see cref="CaseService.IntakeAsync"/>, channel Online); documents sent as files count as provided, the rest go on the
/// one-time notice and the case waits for them. The receipt is this page's answer to the post (the code is shown once).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PortalSetup.ApplyPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = Uploads.MaxBytes * Uploads.MaxFiles + 1024 * 1024)]
[RequestSizeLimit(Uploads.MaxBytes * Uploads.MaxFiles + 1024 * 1024)]
public sealed class ApplyModel(AppDb db, CaseService cases, WeiminPaths paths, TimeProvider clock, IStringLocalizer<PortalText> t) : PageModel, IRedrawable
{
    [BindProperty] public ApplyInput Input { get; set; } = new();

    public ServiceDetails Service { get; private set; } = null!;
    public IReadOnlyList<(int Id, RequiredDocument Doc)> Uploadable { get; private set; } = [];
    public IntakeResult? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Input.ApplicantPhone) && string.IsNullOrWhiteSpace(Input.ApplicantEmail))
            ModelState.AddModelError("Input.ApplicantPhone", t["Apply.ContactRequired"]);
        if (Service.NeedsLocation && string.IsNullOrWhiteSpace(Input.LocationText))
            ModelState.AddModelError("Input.LocationText", t["Apply.LocationRequired"]);
        var files = await CheckFilesAsync(ct);
        if (!ModelState.IsValid) return Invalid();

        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        db.Scope.RunForAgency(agency!.Id);
        var staging = Path.Combine(Uploads.Directory(paths), "staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            // Files first, so that a failing disk leaves no case behind that claims documents it does not have.
            foreach (var f in files) await System.IO.File.WriteAllBytesAsync(Path.Combine(staging, f.Name), f.Content, ct);
            var request = new IntakeRequest
            {
                ServiceCode = Service.Code, Channel = CaseChannel.Online, ApplicantName = Input.ApplicantName.Trim(),
                ApplicantPhone = Input.ApplicantPhone, ApplicantEmail = Input.ApplicantEmail, NoticeChannel = Input.NoticeChannel,
                NoticeConsent = Input.NoticeConsent, Details = Input.Details, LocationText = Input.LocationText,
                Language = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-TW" : "en",
                Documents = [.. files.Where(f => f.DocumentId is not null).Select(f => f.DocumentId!.Value).Distinct()
                    .Select(id => new IntakeDocument { RequiredDocumentId = id, State = CaseDocumentState.Provided })],
                WhenMissing = WhenMissing.AwaitSupplement,
            };
            var result = await cases.IntakeAsync(request, new CaseActor(null, t["Apply.Online"]), ct: ct);
            var c = result.Case!;
            var folder = Path.Combine(Uploads.Directory(paths), c.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            foreach (var f in files)
            {
                System.IO.File.Move(Path.Combine(staging, f.Name), Path.Combine(folder, f.Name));
                db.Add(new CaseAttachment
                {
                    AgencyId = c.AgencyId, CaseId = c.Id, RequiredDocumentId = f.DocumentId, FileName = f.OriginalName, ContentType = f.Type.ContentType,
                    Length = f.Content.Length, StoredPath = Path.GetRelativePath(Uploads.Directory(paths), Path.Combine(folder, f.Name)),
                    UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
                });
            }
            await db.SaveChangesAsync(ct);
            Receipt = result;
            TrackingSetup.NoTrace(Response);
            return Page();
        }
        finally
        {
            try { Directory.Delete(staging, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Upload(int? DocumentId, string OriginalName, string Name, UploadType Type, byte[] Content);

    private async Task<List<Upload>> CheckFilesAsync(CancellationToken ct)
    {
        var list = new List<Upload>();
        var form = Request.HasFormContentType ? Request.Form.Files : null;
        if (form is null) return list;
        var named = form.Where(f => f.Length > 0).ToList();
        if (named.Count > Uploads.MaxFiles)
        {
            ModelState.AddModelError("Other", t["Apply.TooManyFiles", Uploads.MaxFiles]);
            return list;
        }
        foreach (var file in named)
        {
            int? docId = file.Name.StartsWith("Doc_", StringComparison.Ordinal) && int.TryParse(file.Name[4..], out var id) && Uploadable.Any(u => u.Id == id) ? id : null;
            if (docId is null && file.Name != "Other") continue;
            var key = docId is { } d ? $"Doc_{d}" : "Other";
            var name = Path.GetFileName(file.FileName);
            if (file.Length > Uploads.MaxBytes)
            {
                ModelState.AddModelError(key, t["Apply.FileTooLarge", name, Uploads.MaxBytes / 1024 / 1024]);
                continue;
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            if (Uploads.Sniff(name, bytes.AsSpan(0, Math.Min(bytes.Length, 128))) is not { } type)
            {
                ModelState.AddModelError(key, t["Apply.FileType", name]);
                continue;
            }
            var safeName = name.Length > 100 ? name[^100..] : name;
            list.Add(new Upload(docId, safeName, Guid.NewGuid().ToString("N") + type.Extension, type, bytes));
        }
        return list;
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task RedrawAsync()
    {
        if (RouteData.Values["code"] is string code) await LoadAsync(code, HttpContext.RequestAborted);
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var agency = await OrganisationReads.HomeAgencyAsync(db, null, ct);
        if (agency is null) return false;
        var details = await CatalogueReads.DetailsAsync(db, agency.Id, code, null, publicOnly: true, ct);
        if (details is null || !details.Channels.Contains(nameof(ServiceChannels.OnlineApplication))) return false;
        Service = details;
        var docs = await db.Set<RequiredDocument>().AsNoTracking().Where(d => d.ServiceId == details.Id && !d.ElectronicVerification)
            .OrderBy(d => d.SortOrder).ToListAsync(ct);
        Uploadable = [.. docs.Select(d => (d.Id, d))];
        return true;
    }
}
