using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Weimin.Features.Accounts;
using Weimin.Features.Audit;
using Weimin.Features.Organisation;
using Weimin.Tests.Infrastructure;

namespace Weimin.Tests.Audit;

public class ChangeAuditTests(WeiminApp app) : IClassFixture<WeiminApp>
{
    [Fact]
    public async Task Editing_a_staff_member_logs_who_when_and_each_field_before_and_after()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var staff = await StaffNamedAsync("楊淑惠");
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        var now = app.Clock.GetUtcNow().UtcDateTime;

        var response = await admin.PutAsJsonAsync($"/api/staff/{staff.Id}", new
        {
            name = staff.Name, title = "課員（稽核測試）", sectionId = staff.SectionId, duties = staff.Duties,
            extension = "399", email = staff.Email, deputyId = staff.DeputyId, sortOrder = staff.SortOrder,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var entry = await LatestAsync("Staff", staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal(now, entry.AtUtc);
        Assert.Equal(staff.AgencyId, entry.AgencyId);
        Assert.NotNull(entry.ActorUserId);
        var adminId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "agencyadmin").Select(u => u.Id).SingleAsync());
        Assert.Equal(adminId, entry.ActorUserId);

        var changes = AuditSearch.ParseChanges(entry.Changes);
        var title = Assert.Single(changes, c => c.Field == nameof(Staff.Title));
        Assert.Equal(staff.Title, title.Before);
        Assert.Equal("課員（稽核測試）", title.After);
        var extension = Assert.Single(changes, c => c.Field == nameof(Staff.Extension));
        Assert.Equal((staff.Extension, "399"), (extension.Before, extension.After));
        Assert.DoesNotContain(changes, c => c.Field == nameof(Staff.Name));
    }

    [Fact]
    public async Task A_new_row_is_logged_with_the_key_the_database_gave_it()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var section = await app.WithDbAsync(db => db.Set<Section>().Where(s => s.Code == "social" && s.Agency!.Code == "yangmei").Select(s => s.Id).FirstAsync());

        var created = await admin.PostAsJsonAsync("/api/staff", new { name = "稽新人", title = "約僱人員", sectionId = section });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var entry = await LatestAsync("Staff", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(AuditAction.Added, entry.Action);
        Assert.Contains(AuditSearch.ParseChanges(entry.Changes), c => c.Field == "Name" && c.Before is null && c.After == "稽新人");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.EntityKey == "")));
    }

    [Fact]
    public async Task A_masked_field_is_never_stored_in_clear()
    {
        var admin = await app.SignInAsync("agencyadmin");
        var staff = await StaffNamedAsync("楊淑惠");

        var response = await admin.PutAsJsonAsync($"/api/staff/{staff.Id}", new
        {
            name = staff.Name, title = staff.Title, sectionId = staff.SectionId, mobilePhone = "0987654321",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await admin.PutAsJsonAsync($"/api/staff/{staff.Id}", new { name = staff.Name, title = staff.Title, sectionId = staff.SectionId, mobilePhone = "0911222333" });

        var all = await app.WithDbAsync(db => db.Set<AuditEntry>().Select(a => a.Changes).ToListAsync());
        Assert.DoesNotContain(all, c => c.Contains("0987654321", StringComparison.Ordinal) || c.Contains("0911222333", StringComparison.Ordinal));
        var entry = await LatestAsync("Staff", staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var phone = Assert.Single(AuditSearch.ParseChanges(entry.Changes), c => c.Field == nameof(Staff.MobilePhone));
        Assert.Equal(("0987-***-321", "0911-***-333"), (phone.Before, phone.After));
    }

    [Fact]
    public async Task A_password_change_is_logged_without_the_hash()
    {
        var user = await app.SignInAsync("committee");
        var change = await WeiminApp.PostFormAsync(user, "/account?handler=Password",
            new() { ["CurrentPassword"] = Features.Demo.DemoAccounts.Password, ["NewPassword"] = "Another-pass-42!" }, "/account");
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        var (id, hash, stamp) = await app.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(u => u.UserName == "committee");
            return (u.Id, u.PasswordHash!, u.SecurityStamp!);
        });
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.EntityType == "AppUser" && a.EntityKey == id).ToListAsync());
        var passwordChange = entries.Where(e => e.Action == AuditAction.Modified)
            .Select(e => AuditSearch.ParseChanges(e.Changes)).Single(c => c.Any(f => f.Field == nameof(AppUser.PasswordHash)));
        var field = passwordChange.Single(f => f.Field == nameof(AppUser.PasswordHash));
        Assert.Equal((AuditMask.Hidden, AuditMask.Hidden), (field.Before, field.After));

        // No hash, stamp or authenticator key anywhere in the log, old or new.
        var tokens = await app.WithDbAsync(db => db.Set<IdentityUserToken<string>>().Where(t => t.UserId == id).Select(t => t.Value).ToListAsync());
        var log = await app.WithDbAsync(db => db.Set<AuditEntry>().Select(a => a.Changes).ToListAsync());
        foreach (var secret in tokens.Where(t => t is not null).Append(hash).Append(stamp))
            Assert.DoesNotContain(log, c => c.Contains(secret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Background_work_is_logged_as_system()
    {
        var staff = await StaffNamedAsync("楊淑惠");
        await app.WithDbAsync(async db =>
        {
            var s = await db.Set<Staff>().SingleAsync(x => x.Id == staff.Id);
            s.SortOrder += 1;
            await db.SaveChangesAsync();
        });
        var entry = await LatestAsync("Staff", staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("system", null), (entry.ActorName, entry.ActorUserId));
        Assert.Equal(staff.AgencyId, entry.AgencyId);
    }

    [Fact]
    public async Task A_failed_save_leaves_no_audit_row_and_a_retry_logs_once()
    {
        var staff = await StaffNamedAsync("楊淑惠");
        await app.WithDbAsync(async db =>
        {
            var s = await db.Set<Staff>().SingleAsync(x => x.Id == staff.Id);
            s.Extension = "777";
            s.SectionId = 987654; // no such section: the foreign key fails
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            s.SectionId = staff.SectionId;
            await db.SaveChangesAsync();
        });
        var entries = await app.WithDbAsync(db => db.Set<AuditEntry>()
            .Where(a => a.EntityType == "Staff" && a.EntityKey == staff.Id.ToString() && a.Changes.Contains("\"777\"")).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.DoesNotContain(AuditSearch.ParseChanges(entry.Changes), c => c.Field == nameof(Staff.SectionId));
    }

    private Task<Staff> StaffNamedAsync(string name) =>
        app.WithDbAsync(db => db.Set<Staff>().AsNoTracking().SingleAsync(s => s.Name == name));

    private Task<AuditEntry> LatestAsync(string type, string key) =>
        app.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == type && a.EntityKey == key)
            .OrderByDescending(a => a.Id).FirstAsync());
}
