using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Organisation;
using Weimin.Web;
using Weimin.Web.Errors;

namespace Weimin.Features.Catalogue;

/// <summary>
/// The writes on the service catalogue and the single windows, shared by pages, API and import. Agency scope comes
/// from the query filters; the one rule they cannot express — a section head changes only their own section's
/// services, though they may read every service of the agency — is checked here.
/// </summary>
public sealed class CatalogueService(AppDb db, TimeProvider clock, WeiminPaths paths)
{
    public const long MaxFormBytes = 5 * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, string> FormTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    /// <summary>The caller's own section when they may change only its services (a section head); null for agency-wide writers.</summary>
    public int? OwnSectionOnly => db.Scope.Unrestricted ? null : db.Scope.SectionId;

    public Task<Service?> FindAsync(int id, CancellationToken ct = default) =>
        db.Set<Service>().Include(s => s.Documents).Include(s => s.Steps).Include(s => s.Forms).Include(s => s.Section).Include(s => s.Attributes)
            .AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id, ct);

    public Task<Service?> FindByCodeAsync(int agencyId, string code, CancellationToken ct = default) =>
        db.Set<Service>().Include(s => s.Documents).Include(s => s.Steps).Include(s => s.Forms)
            .FirstOrDefaultAsync(s => s.AgencyId == agencyId && s.Code == code, ct);

    /// <summary>
    /// The agency a write goes to: the caller's own; a system admin (who has none) names one by code, else the home
    /// district office. Null when the named agency does not exist.
    /// </summary>
    public async Task<int?> AgencyForAsync(string? agencyCode, CancellationToken ct = default)
    {
        if (!db.Scope.Unrestricted) return db.Scope.AgencyId;
        var agency = await OrganisationReads.HomeAgencyAsync(db, string.IsNullOrWhiteSpace(agencyCode) ? null : agencyCode.Trim(), ct);
        return agency?.Id;
    }

    public async Task<Service> CreateAsync(int agencyId, ServiceInput input, CancellationToken ct = default)
    {
        var service = new Service { AgencyId = agencyId, Code = "", Name = "" };
        await ApplyAsync(service, input, ct);
        db.Add(service);
        await db.SaveChangesAsync(ct);
        return service;
    }

    public async Task<Service?> UpdateAsync(int id, ServiceInput input, CancellationToken ct = default)
    {
        var service = await FindAsync(id, ct);
        if (service is null) return null;
        CheckSection(service.SectionId);
        await ApplyAsync(service, input, ct);
        await db.SaveChangesAsync(ct);
        return service;
    }

    public async Task<Service?> SetActiveAsync(int id, bool active, CancellationToken ct = default)
    {
        var service = await db.Set<Service>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (service is null) return null;
        CheckSection(service.SectionId);
        service.IsActive = active;
        service.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return service;
    }

    /// <summary>Applies an input to a new or loaded service (its documents and steps loaded), checking every rule. Does not save.</summary>
    internal async Task ApplyAsync(Service service, ServiceInput input, CancellationToken ct)
    {
        var code = input.Code.Trim();
        if (await db.Set<Service>().IgnoreQueryFilters().AnyAsync(s => s.AgencyId == service.AgencyId && s.Code == code && s.Id != service.Id, ct))
            throw new RuleViolation("catalogue.code_taken", code);
        var sectionId = input.SectionId!.Value;
        if (!await db.Set<Section>().IgnoreQueryFilters().AnyAsync(s => s.Id == sectionId && s.AgencyId == service.AgencyId && s.IsActive, ct))
            throw new RuleViolation("catalogue.section_unknown");
        CheckSection(sectionId);
        if (input.DefaultOfficerId is { } officer
            && !await db.Set<Staff>().IgnoreQueryFilters().AnyAsync(s => s.Id == officer && s.AgencyId == service.AgencyId && s.IsActive, ct))
            throw new RuleViolation("catalogue.officer_unknown");
        var channels = input.ChannelFlags();
        if (channels == ServiceChannels.None) throw new RuleViolation("catalogue.channel_required");
        var attributes = input.Attributes is null ? null : Open311Attributes(input.Attributes);

        service.Code = code;
        service.Name = input.Name.Trim();
        service.NameEn = Blank(input.NameEn);
        service.SectionId = sectionId;
        service.Topic = Blank(input.Topic);
        service.Description = Lines(input.Description) ?? "";
        service.DescriptionEn = Lines(input.DescriptionEn);
        service.Eligibility = Lines(input.Eligibility);
        service.Fee = Blank(input.Fee);
        service.TimeLimitDays = input.TimeLimitDays!.Value;
        service.LegalBasis = Lines(input.LegalBasis);
        service.Channels = channels;
        service.NeedsLocation = input.NeedsLocation;
        service.DefaultOfficerId = input.DefaultOfficerId;
        service.Assignment = input.AssignmentMode();
        service.SortOrder = input.SortOrder;
        service.IsActive = input.IsActive;
        service.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;

        // Replaced as a whole: the checklist and the SOP are published as one text, and cases copy what they need.
        db.RemoveRange(service.Documents);
        service.Documents.Clear();
        var order = 0;
        foreach (var d in input.Documents)
            service.Documents.Add(new RequiredDocument
            {
                Name = d.Name.Trim(), NameEn = Blank(d.NameEn), Note = Blank(d.Note), ElectronicVerification = d.ElectronicVerification,
                IsRequired = d.IsRequired, SortOrder = ++order,
            });
        db.RemoveRange(service.Steps);
        service.Steps.Clear();
        order = 0;
        foreach (var s in input.Steps)
            service.Steps.Add(new SopStep { Order = ++order, Title = s.Title.Trim(), TitleEn = Blank(s.TitleEn), Description = Lines(s.Description), Days = s.Days });

        if (input.Open311 is { } open311) service.Open311 = open311;
        if (Enum.TryParse<Open311Type>(input.Open311Type, out var type)) service.Open311Type = type;
        if (attributes is not null)
        {
            db.RemoveRange(service.Attributes);
            service.Attributes.Clear();
            service.Attributes.AddRange(attributes);
        }
    }

    /// <summary>Checks a service definition as a whole: unique codes, choices for the list datatypes and only for them.</summary>
    private static List<ServiceAttribute> Open311Attributes(List<AttributeInput> inputs)
    {
        var result = new List<ServiceAttribute>();
        foreach (var a in inputs)
        {
            var datatype = Enum.Parse<AttributeDatatype>(a.Datatype);
            var attribute = new ServiceAttribute
            {
                Code = a.Code.Trim(), Variable = a.Variable, Datatype = datatype, Required = a.Required && a.Variable,
                DatatypeDescription = Blank(a.DatatypeDescription), Description = a.Description.Trim(), Order = result.Count + 1,
                Values = ValuesOf(a.Values),
            };
            if (result.Any(r => string.Equals(r.Code, attribute.Code, StringComparison.OrdinalIgnoreCase)))
                throw new RuleViolation("open311.attribute_duplicate", attribute.Code);
            var choices = attribute.Choices().ToList();
            if (attribute.IsList && choices.Count == 0) throw new RuleViolation("open311.attribute_values_required", attribute.Code);
            if (!attribute.IsList) attribute.Values = null;
            if (choices.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != choices.Count || choices.Any(c => c.Key.Length == 0))
                throw new RuleViolation("open311.attribute_values_invalid", attribute.Code);
            result.Add(attribute);
        }
        return result;

        static string? ValuesOf(string? text) =>
            string.IsNullOrWhiteSpace(text) ? null : string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>A section head writes only what belongs to their own section.</summary>
    public void CheckSection(int sectionId)
    {
        if (OwnSectionOnly is { } own && own != sectionId) throw new RuleViolation("catalogue.section_forbidden");
    }

    // --- forms

    /// <summary>Stores an uploaded form under the data directory after checking its type by name and by content.</summary>
    public async Task<ServiceForm?> AddFormFileAsync(int serviceId, string title, string fileName, Stream content, long length, CancellationToken ct = default)
    {
        var service = await db.Set<Service>().FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null) return null;
        CheckSection(service.SectionId);
        var cleanTitle = RequireTitle(title);
        var ext = Path.GetExtension(fileName);
        if (!FormTypes.TryGetValue(ext, out var contentType)) throw new RuleViolation("catalogue.form_type");
        if (length <= 0) throw new RuleViolation("catalogue.form_empty");
        if (length > MaxFormBytes) throw new RuleViolation("catalogue.form_too_large", MaxFormBytes / 1024 / 1024);

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxFormBytes) throw new RuleViolation("catalogue.form_too_large", MaxFormBytes / 1024 / 1024);
        var bytes = buffer.ToArray();
        if (!ContentMatches(ext, bytes)) throw new RuleViolation("catalogue.form_content");

        var relative = Path.Combine(service.AgencyId.ToString(System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N") + ext.ToLowerInvariant());
        var full = Path.Combine(paths.FormsDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);

        var form = new ServiceForm
        {
            ServiceId = service.Id, Title = cleanTitle, FileName = SafeFileName(fileName), ContentType = contentType,
            StoredPath = relative.Replace('\\', '/'),
            SortOrder = await db.Set<ServiceForm>().CountAsync(f => f.ServiceId == service.Id, ct) + 1,
        };
        db.Add(form);
        service.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(full);
            throw;
        }
        return form;
    }

    public async Task<ServiceForm?> AddFormLinkAsync(int serviceId, string title, string url, CancellationToken ct = default)
    {
        var service = await db.Set<Service>().FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null) return null;
        CheckSection(service.SectionId);
        var cleanTitle = RequireTitle(title);
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url!.Trim().Length > 500)
            throw new RuleViolation("catalogue.form_url");
        var form = new ServiceForm
        {
            ServiceId = service.Id, Title = cleanTitle, Url = uri.ToString(),
            SortOrder = await db.Set<ServiceForm>().CountAsync(f => f.ServiceId == service.Id, ct) + 1,
        };
        db.Add(form);
        await db.SaveChangesAsync(ct);
        return form;
    }

    public async Task<bool> RemoveFormAsync(int serviceId, int formId, CancellationToken ct = default)
    {
        var service = await db.Set<Service>().FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        var form = await db.Set<ServiceForm>().FirstOrDefaultAsync(f => f.Id == formId && f.ServiceId == serviceId, ct);
        if (service is null || form is null) return false;
        CheckSection(service.SectionId);
        db.Remove(form);
        await db.SaveChangesAsync(ct);
        if (FormPath(form) is { } path && File.Exists(path)) File.Delete(path);
        return true;
    }

    /// <summary>The stored file of a form, or null for a link (or a path that would leave the forms folder).</summary>
    public string? FormPath(ServiceForm form)
    {
        if (form.StoredPath is null) return null;
        var root = Path.GetFullPath(paths.FormsDirectory) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, form.StoredPath));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The extension must agree with the bytes: a renamed executable is refused.</summary>
    public static bool ContentMatches(string extension, ReadOnlySpan<byte> bytes) => extension.ToLowerInvariant() switch
    {
        // ODF and OOXML are both zip packages.
        ".odt" or ".ods" or ".docx" or ".xlsx" => bytes.StartsWith("PK\x03\x04"u8),
        ".pdf" => bytes.StartsWith("%PDF-"u8),
        _ => false,
    };

    private static string RequireTitle(string? title)
    {
        var clean = title?.Trim();
        if (string.IsNullOrEmpty(clean)) throw new RuleViolation("catalogue.form_title");
        return clean.Length > 200 ? clean[..200] : clean;
    }

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var clean = new string([.. file.Where(c => !char.IsControl(c) && !Path.GetInvalidFileNameChars().Contains(c))]);
        return clean.Length > 200 ? clean[^200..] : clean;
    }

    // --- single windows

    public Task<SingleWindow?> FindWindowAsync(int id, CancellationToken ct = default) =>
        db.Set<SingleWindow>().Include(w => w.Services).FirstOrDefaultAsync(w => w.Id == id, ct);

    public async Task<SingleWindow> CreateWindowAsync(int agencyId, WindowInput input, CancellationToken ct = default)
    {
        CheckWindowWriter();
        var window = new SingleWindow { AgencyId = agencyId, Name = "" };
        await ApplyWindowAsync(window, input, ct);
        db.Add(window);
        await db.SaveChangesAsync(ct);
        return window;
    }

    public async Task<SingleWindow?> UpdateWindowAsync(int id, WindowInput input, CancellationToken ct = default)
    {
        var window = await FindWindowAsync(id, ct);
        if (window is null) return null;
        CheckWindowWriter();
        await ApplyWindowAsync(window, input, ct);
        await db.SaveChangesAsync(ct);
        return window;
    }

    public async Task<bool> DeleteWindowAsync(int id, CancellationToken ct = default)
    {
        var window = await FindWindowAsync(id, ct);
        if (window is null) return false;
        CheckWindowWriter();
        db.Remove(window);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A window takes in several sections' services, so it is the agency's to arrange, not one section head's.</summary>
    private void CheckWindowWriter()
    {
        if (OwnSectionOnly is not null) throw new RuleViolation("catalogue.window_forbidden");
    }

    private async Task ApplyWindowAsync(SingleWindow window, WindowInput input, CancellationToken ct)
    {
        var name = input.Name.Trim();
        if (await db.Set<SingleWindow>().IgnoreQueryFilters().AnyAsync(w => w.AgencyId == window.AgencyId && w.Name == name && w.Id != window.Id, ct))
            throw new RuleViolation("catalogue.window_taken", name);
        var codes = input.Services.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var services = await db.Set<Service>().IgnoreQueryFilters().Where(s => s.AgencyId == window.AgencyId && codes.Contains(s.Code))
            .Select(s => new { s.Id, s.Code }).ToListAsync(ct);
        var unknown = codes.Except(services.Select(s => s.Code)).FirstOrDefault();
        if (unknown is not null) throw new RuleViolation("catalogue.service_unknown", unknown);

        window.Name = name;
        window.NameEn = Blank(input.NameEn);
        window.Location = Blank(input.Location);
        window.Hours = Blank(input.Hours);
        window.SortOrder = input.SortOrder;
        window.IsActive = input.IsActive;
        var wanted = services.Select(s => s.Id).ToHashSet();
        window.Services.RemoveAll(s => !wanted.Contains(s.ServiceId));
        foreach (var id in wanted.Where(id => window.Services.All(s => s.ServiceId != id)))
            window.Services.Add(new SingleWindowService { ServiceId = id });
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Lines(string? s) => Blank(s?.Replace("\r\n", "\n", StringComparison.Ordinal));
}
