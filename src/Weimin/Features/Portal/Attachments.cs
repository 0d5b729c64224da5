using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Cases;
using Weimin.Web;
using Weimin.Web.Authorization;

namespace Weimin.Features.Portal;

/// <summary>A file an applicant sent with an online application, kept under the data directory (never the web root).</summary>
public class CaseAttachment : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public long CaseId { get; set; }
    /// <summary>The checklist document it stands for, if any.</summary>
    public int? RequiredDocumentId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    /// <summary>Relative to the attachments folder.</summary>
    public required string StoredPath { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("case_attachments");
        b.Property(a => a.FileName).HasMaxLength(200);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.StoredPath).HasMaxLength(300);
        b.HasIndex(a => a.CaseId);
        b.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>What kind of file a sniffed upload is.</summary>
public sealed record UploadType(string Extension, string ContentType);

/// <summary>
/// Upload rules for online applications: PDF, JPEG, PNG, ODT and ODS only, at most <see cref="MaxBytes"/> each and
/// <see cref="MaxFiles"/> files; the content must be what the name says (magic bytes, and for ODF the stored mimetype).
/// </summary>
public static class Uploads
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 6;

    private static readonly Dictionary<string, UploadType> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = new(".pdf", "application/pdf"),
        [".jpg"] = new(".jpg", "image/jpeg"),
        [".jpeg"] = new(".jpg", "image/jpeg"),
        [".png"] = new(".png", "image/png"),
        [".odt"] = new(".odt", "application/vnd.oasis.opendocument.text"),
        [".ods"] = new(".ods", "application/vnd.oasis.opendocument.spreadsheet"),
    };

    /// <summary>The type when the name and the content agree; null otherwise.</summary>
    public static UploadType? Sniff(string fileName, ReadOnlySpan<byte> head)
    {
        if (!Types.TryGetValue(Path.GetExtension(fileName), out var type)) return null;
        var ok = type.Extension switch
        {
            ".pdf" => head.StartsWith("%PDF-"u8),
            ".jpg" => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF,
            ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            // ODF: a zip whose first entry is the uncompressed "mimetype" holding the media type (ODF 1.2 §3.3).
            _ => head.StartsWith("PK\x03\x04"u8) && head.Length > 38 + type.ContentType.Length
                 && head[30..38].SequenceEqual("mimetype"u8)
                 && head[38..(38 + type.ContentType.Length)].SequenceEqual(Encoding.ASCII.GetBytes(type.ContentType)),
        };
        return ok ? type : null;
    }

    public static string Directory(WeiminPaths paths)
    {
        var dir = Path.Combine(paths.DataDirectory, "attachments");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>Staff read the files of a case they may see (the case's scope filter decides), by API.</summary>
public static class AttachmentsApi
{
    public sealed record AttachmentDto(long Id, string FileName, string ContentType, long Length, int? RequiredDocumentId, DateTime UploadedAtUtc, string Url);

    internal static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:long}/attachments").WithTags("Cases").RequireAuthorization(Policies.CaseWork);
        group.MapGet("", async (long id, AppDb db, CancellationToken ct) =>
        {
            if (!await db.Set<Case>().AnyAsync(c => c.Id == id, ct)) return Results.NotFound();
            var list = await db.Set<CaseAttachment>().AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id)
                .Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Length, a.RequiredDocumentId, a.UploadedAtUtc, $"/api/cases/{id}/attachments/{a.Id}"))
                .ToListAsync(ct);
            return Results.Ok(list);
        }).WithSummary("Files the applicant sent with an online application");
        group.MapGet("/{attachmentId:long}", async (long id, long attachmentId, AppDb db, WeiminPaths paths, CancellationToken ct) =>
        {
            if (!await db.Set<Case>().AnyAsync(c => c.Id == id, ct)) return Results.NotFound();
            var a = await db.Set<CaseAttachment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.CaseId == id, ct);
            if (a is null) return Results.NotFound();
            var root = Uploads.Directory(paths);
            var path = Path.GetFullPath(Path.Combine(root, a.StoredPath));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path)) return Results.NotFound();
            return Results.File(File.OpenRead(path), a.ContentType, a.FileName);
        }).WithSummary("Download one attachment");
    }
}
