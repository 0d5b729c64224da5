using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Weimin.Data;
using Weimin.Features.Audit;

namespace Weimin.Features.Open311;

/// <summary>
/// A 311 app allowed to post requests, with its API key. Only the key's SHA-256 is kept; the key is shown once, when
/// it is issued. Revoking is final (issue a new key instead).
/// </summary>
public class Open311Client : IAgencyOwned
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public required string Name { get; set; }
    public string? Contact { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>The key's first characters, so that admins can tell keys apart; not enough to guess it.</summary>
    public required string KeyPrefix { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public int RequestCount { get; set; }

    public bool IsActive => RevokedAtUtc is null;
}

public enum Open311RequestState { Pending = 0, Created = 1, Failed = 2 }

/// <summary>
/// A request as a 311 app posted it: what the case does not hold (the client, the token, address_id, media_url, the
/// attributes, the device), and for a batch service the request itself until the intake sweep turns it into a case.
/// The reporter's contact goes onto the case (for its notices), never out through GET.
/// </summary>
[NotAudited]
public class Open311Request : IAgencyOwned
{
    public long Id { get; set; }
    public int AgencyId { get; set; }
    public int ClientId { get; set; }
    public int ServiceId { get; set; }
    /// <summary>Batch services only: what the client holds until the case exists.</summary>
    public string? Token { get; set; }
    public long? CaseId { get; set; }
    public Open311RequestState State { get; set; }
    public string? Error { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
    /// <summary>An instance's claim on a pending batch request; expires so that a crashed instance's work is picked up.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
    public int Attempts { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? AddressString { get; set; }
    public string? AddressId { get; set; }
    public string? Description { get; set; }
    public string? MediaUrl { get; set; }
    /// <summary>attribute[code] answers, as a JSON object of code → string or string array.</summary>
    public string? AttributesJson { get; set; }

    // The reporter (personal data: copied to the case for notices, never returned by the API).
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? DeviceId { get; set; }
    public string? AccountId { get; set; }
}

internal sealed class Open311ClientConfiguration : IEntityTypeConfiguration<Open311Client>
{
    public void Configure(EntityTypeBuilder<Open311Client> b)
    {
        b.ToTable("open311_clients");
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.Contact).HasMaxLength(200);
        b.Property(c => c.KeyHash).HasMaxLength(64).IsAuditSecret();
        b.Property(c => c.KeyPrefix).HasMaxLength(12);
        b.Property(c => c.CreatedBy).HasMaxLength(100);
        b.Property(c => c.RevokedBy).HasMaxLength(100);
        b.Ignore(c => c.IsActive);
        b.HasIndex(c => c.KeyHash).IsUnique();
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class Open311RequestConfiguration : IEntityTypeConfiguration<Open311Request>
{
    public void Configure(EntityTypeBuilder<Open311Request> b)
    {
        b.ToTable("open311_requests");
        b.Property(r => r.Token).HasMaxLength(40);
        b.Property(r => r.Error).HasMaxLength(400);
        b.Property(r => r.AddressString).HasMaxLength(300);
        b.Property(r => r.AddressId).HasMaxLength(100);
        b.Property(r => r.Description).HasMaxLength(4000);
        b.Property(r => r.MediaUrl).HasMaxLength(1000);
        b.Property(r => r.AttributesJson).HasMaxLength(8000);
        b.Property(r => r.Email).HasMaxLength(200);
        b.Property(r => r.Phone).HasMaxLength(30);
        b.Property(r => r.FirstName).HasMaxLength(50);
        b.Property(r => r.LastName).HasMaxLength(50);
        b.Property(r => r.DeviceId).HasMaxLength(100);
        b.Property(r => r.AccountId).HasMaxLength(100);
        b.HasIndex(r => r.Token).IsUnique();
        b.HasIndex(r => r.CaseId);
        b.HasIndex(r => new { r.State, r.SubmittedAtUtc });
        b.HasOne<Open311Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalogue.Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Cases.Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
