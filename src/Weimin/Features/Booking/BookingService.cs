using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Notices;
using Weimin.Web.Errors;
using Weimin.Web.Localisation;

namespace Weimin.Features.Booking;

/// <summary>Configuration section <c>Weimin:Booking</c>.</summary>
public sealed class BookingOptions
{
    /// <summary>How many days ahead citizens may book (from tomorrow).</summary>
    public int DaysAhead { get; set; } = 14;
    /// <summary>Booking, cancelling and rescheduling posts a client may send per 10 minutes.</summary>
    public int PostsPerTenMinutes { get; set; } = 10;
    /// <summary>Look-ups of a booking by its link a client may make per minute.</summary>
    public int LookupsPerMinute { get; set; } = 20;
    public int ReminderIntervalMinutes { get; set; } = 60;
    /// <summary>How many days ahead a venue may be requested (from tomorrow).</summary>
    public int VenueDaysAhead { get; set; } = 90;
}

public sealed record SlotView(int ScheduleId, int StartMinute, int Free, int Capacity)
{
    public string Time => BookingSlots.Time(StartMinute);
}

public sealed record CounterDay(int ScheduleId, string Window, string? WindowEn, string? Location, IReadOnlyList<SlotView> Slots);

public sealed record DayView(DateOnly Date, int Free, IReadOnlyList<CounterDay> Counters);

public sealed record BookingContact(string Name, string? Phone, string? Email, NoticeChannel Channel, bool Consent, string Language);

public sealed record BookedPlace(Appointment Appointment, string Secret);

/// <summary>The writes of 線上預約 and the reads they depend on. Public callers read past the scope filters on purpose (anonymous).</summary>
public sealed class BookingService(AppDb db, CalendarService calendars, NoticeOutbox outbox, TimeProvider clock, BookingOptions options)
{
    private static readonly char[] Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray();
    private static readonly string NoHash = new('0', 64);

    public Task<List<BookingSchedule>> SchedulesAsync(int serviceId, CancellationToken ct) =>
        db.Set<BookingSchedule>().IgnoreQueryFilters().AsNoTracking().Include(s => s.Window)
            .Where(s => s.ServiceId == serviceId && s.IsActive && s.Window!.IsActive).OrderBy(s => s.Window!.SortOrder).ToListAsync(ct);

    /// <summary>Every bookable day of a service with its free places per counter and slot (days with no place left included, as 0).</summary>
    public async Task<List<DayView>> AvailabilityAsync(int agencyId, int serviceId, CancellationToken ct)
    {
        var schedules = await SchedulesAsync(serviceId, ct);
        if (schedules.Count == 0) return [];
        var calendar = await calendars.GetCalendarAsync(agencyId, ct);
        var today = clock.Today();
        var days = BookingSlots.BookableDays(today, options.DaysAhead, calendar).ToList();
        if (days.Count == 0) return [];
        var ids = schedules.Select(s => s.Id).ToList();
        var (first, last) = (days[0], days[^1]);
        var taken = await db.Set<BookingSlot>().AsNoTracking()
            .Where(s => ids.Contains(s.ScheduleId) && s.Date >= first && s.Date <= last)
            .Select(s => new { s.ScheduleId, s.Date, s.StartMinute, s.Capacity, s.Taken })
            .ToDictionaryAsync(s => (s.ScheduleId, s.Date, s.StartMinute), ct);
        var result = new List<DayView>();
        foreach (var day in days)
        {
            var counters = new List<CounterDay>();
            foreach (var s in schedules)
            {
                var slots = BookingSlots.Starts(s, day).Select(m => taken.TryGetValue((s.Id, day, m), out var t)
                    ? new SlotView(s.Id, m, Math.Max(0, t.Capacity - t.Taken), t.Capacity)
                    : new SlotView(s.Id, m, s.Capacity, s.Capacity)).ToList();
                if (slots.Count > 0) counters.Add(new CounterDay(s.Id, s.Window!.Name, s.Window.NameEn, s.Window.Location, slots));
            }
            if (counters.Count > 0) result.Add(new DayView(day, counters.Sum(c => c.Slots.Sum(x => x.Free)), counters));
        }
        return result;
    }

    /// <summary>
    /// Books one place. The slot's places are taken by a single conditional UPDATE inside the transaction, so two
    /// requests for the last place cannot both succeed (PostgreSQL re-checks the condition on the locked row; SQLite
    /// has one writer). The confirmation notice commits with the booking.
    /// </summary>
    /// <exception cref="RuleViolation">booking.slot_unavailable, booking.full, booking.contact_required</exception>
    public async Task<BookedPlace> BookAsync(int scheduleId, DateOnly date, int startMinute, BookingContact contact, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(contact.Phone) && string.IsNullOrWhiteSpace(contact.Email)) throw new RuleViolation("booking.contact_required");
        var (schedule, service) = await OfferedAsync(scheduleId, date, startMinute, ct);
        var slotId = await SlotIdAsync(schedule, date, startMinute, ct);
        var secret = Secret();
        var now = clock.GetUtcNow().UtcDateTime;
        Appointment? booked = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await TakeAsync(slotId, ct)) throw new RuleViolation("booking.full");
            booked = new Appointment
            {
                AgencyId = schedule.AgencyId, SectionId = service.SectionId, ScheduleId = schedule.Id, ServiceId = service.Id, WindowId = schedule.WindowId,
                SlotId = slotId, Date = date, StartMinute = startMinute, Number = NewNumber(), SecretHash = Hash(secret),
                Name = contact.Name.Trim(), Phone = Blank(contact.Phone), Email = Blank(contact.Email), NoticeChannel = contact.Channel,
                NoticeConsent = contact.Consent, Language = contact.Language, Status = BookingStatus.Booked, CreatedAtUtc = now,
            };
            db.Add(booked);
            Notify(booked, NoticeEvent.BookingConfirmed, service, schedule.Window!, $"booking-confirmed:{booked.Number}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return new BookedPlace(booked!, secret);
    }

    /// <summary>The booking behind a link, or null for a wrong number or secret alike (constant time over the secret).</summary>
    public async Task<Appointment?> FindAsync(string number, string? secret, CancellationToken ct)
    {
        var key = (number ?? "").Trim().ToUpperInvariant();
        var found = key.Length is > 0 and <= 20
            ? await db.Set<Appointment>().IgnoreQueryFilters().Include(a => a.Schedule!).ThenInclude(s => s!.Window)
                .FirstOrDefaultAsync(a => a.Number == key, ct)
            : null;
        return SecretMatches(secret, found?.SecretHash ?? NoHash) && found is not null ? found : null;
    }

    /// <exception cref="RuleViolation">booking.not_active</exception>
    public async Task CancelAsync(Appointment a, CancellationToken ct)
    {
        if (a.Status != BookingStatus.Booked || a.Date <= clock.Today()) throw new RuleViolation("booking.not_active");
        var service = await ServiceAsync(a.ServiceId, ct);
        var window = a.Schedule!.Window!;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ReleaseAsync(a.SlotId, ct);
            a.Status = BookingStatus.Cancelled;
            a.ChangedAtUtc = clock.GetUtcNow().UtcDateTime;
            Notify(a, NoticeEvent.BookingCancelled, service, window, $"booking-cancelled:{a.Number}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>Moves a booking to another slot of the same service: the new place is taken before the old one is given back, in one transaction.</summary>
    /// <exception cref="RuleViolation">booking.not_active, booking.slot_unavailable, booking.full</exception>
    public async Task RescheduleAsync(Appointment a, int scheduleId, DateOnly date, int startMinute, CancellationToken ct)
    {
        if (a.Status != BookingStatus.Booked || a.Date <= clock.Today()) throw new RuleViolation("booking.not_active");
        var (schedule, service) = await OfferedAsync(scheduleId, date, startMinute, ct);
        if (schedule.ServiceId != a.ServiceId) throw new RuleViolation("booking.slot_unavailable");
        if (schedule.Id == a.ScheduleId && date == a.Date && startMinute == a.StartMinute) return;
        var slotId = await SlotIdAsync(schedule, date, startMinute, ct);
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await TakeAsync(slotId, ct)) throw new RuleViolation("booking.full");
            await ReleaseAsync(a.SlotId, ct);
            (a.ScheduleId, a.WindowId, a.SlotId, a.Date, a.StartMinute) = (schedule.Id, schedule.WindowId, slotId, date, startMinute);
            a.ChangedAtUtc = clock.GetUtcNow().UtcDateTime;
            Notify(a, NoticeEvent.BookingConfirmed, service, schedule.Window!, $"booking-moved:{a.Number}:{date:yyyyMMdd}:{startMinute}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>The counter marks who came. Only on or after the booked day, only a booked (not cancelled) place.</summary>
    /// <exception cref="RuleViolation">booking.not_active, booking.too_early</exception>
    public async Task<bool> MarkAsync(long id, bool arrived, CancellationToken ct)
    {
        var a = await db.Set<Appointment>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return false;
        if (a.Status == BookingStatus.Cancelled) throw new RuleViolation("booking.not_active");
        if (a.Date > clock.Today()) throw new RuleViolation("booking.too_early");
        a.Status = arrived ? BookingStatus.Arrived : BookingStatus.NoShow;
        a.ChangedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Queues the day-before reminder for every booking of <paramref name="day"/>; keyed per booking and day, so running it again adds nothing.</summary>
    public async Task<int> QueueRemindersAsync(DateOnly day, CancellationToken ct)
    {
        var due = await db.Set<Appointment>().IgnoreQueryFilters().Include(a => a.Schedule!).ThenInclude(s => s!.Window)
            .Where(a => a.Date == day && a.Status == BookingStatus.Booked && a.NoticeConsent && a.NoticeChannel != NoticeChannel.None)
            .ToListAsync(ct);
        if (due.Count == 0) return 0;
        var keys = due.ToDictionary(a => $"booking-reminder:{a.Number}:{day:yyyyMMdd}");
        var sent = await db.Set<Notice>().IgnoreQueryFilters().Where(n => keys.Keys.Contains(n.IdempotencyKey)).Select(n => n.IdempotencyKey).ToListAsync(ct);
        var count = 0;
        foreach (var (key, a) in keys)
        {
            if (sent.Contains(key)) continue;
            if (Notify(a, NoticeEvent.BookingReminder, await ServiceAsync(a.ServiceId, ct), a.Schedule!.Window!, key) is not null) count++;
        }
        await db.SaveChangesAsync(ct);
        return count;
    }

    private Notice? Notify(Appointment a, NoticeEvent e, Service service, SingleWindow window, string key)
    {
        var recipient = ContactRules.Recipient(a.NoticeChannel, a.NoticeConsent, a.Phone, a.Email);
        if (recipient is null) return null;
        var en = a.Language.StartsWith("en", StringComparison.Ordinal);
        var data = new Dictionary<string, string>
        {
            ["name"] = a.Name, ["number"] = a.Number,
            ["service"] = en && service.NameEn is { Length: > 0 } s ? s : service.Name,
            ["date"] = a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time"] = BookingSlots.Time(a.StartMinute),
            ["counter"] = (en && window.NameEn is { Length: > 0 } w ? w : window.Name) + (window.Location is { Length: > 0 } l ? $" ({l})" : ""),
            ["link"] = "",
        };
        return outbox.EnqueueTo(a.AgencyId, e, a.NoticeChannel, recipient, a.Name, a.Language, data, key);
    }

    private async Task<(BookingSchedule, Service)> OfferedAsync(int scheduleId, DateOnly date, int startMinute, CancellationToken ct)
    {
        var schedule = await db.Set<BookingSchedule>().IgnoreQueryFilters().AsNoTracking().Include(s => s.Window).Include(s => s.Service)
            .FirstOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule?.Service is not { IsActive: true } service || !service.Channels.HasFlag(ServiceChannels.OnlineBooking) || schedule.Window is not { IsActive: true })
            throw new RuleViolation("booking.slot_unavailable");
        var calendar = await calendars.GetCalendarAsync(schedule.AgencyId, ct);
        if (!BookingSlots.Offers(schedule, date, startMinute, clock.Today(), options.DaysAhead, calendar)) throw new RuleViolation("booking.slot_unavailable");
        return (schedule, service);
    }

    private Task<Service> ServiceAsync(int id, CancellationToken ct) =>
        db.Set<Service>().IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.Id == id, ct);

    /// <summary>The slot's row, written on its first booking. Two first bookings may race: the unique index keeps one row, the loser reads it.</summary>
    private async Task<long> SlotIdAsync(BookingSchedule s, DateOnly date, int startMinute, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = await db.Set<BookingSlot>().Where(x => x.ScheduleId == s.Id && x.Date == date && x.StartMinute == startMinute).Select(x => (long?)x.Id).FirstOrDefaultAsync(ct);
            if (id is { } found) return found;
            var slot = new BookingSlot { ScheduleId = s.Id, Date = date, StartMinute = startMinute, Capacity = s.Capacity };
            db.Add(slot);
            try
            {
                await db.SaveChangesAsync(ct);
                return slot.Id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.Entry(slot).State = EntityState.Detached;
            }
        }
    }

    private async Task<bool> TakeAsync(long slotId, CancellationToken ct) =>
        await db.Set<BookingSlot>().Where(s => s.Id == slotId && s.Taken < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken + 1), ct) == 1;

    private Task<int> ReleaseAsync(long slotId, CancellationToken ct) =>
        db.Set<BookingSlot>().Where(s => s.Id == slotId && s.Taken > 0).ExecuteUpdateAsync(u => u.SetProperty(s => s.Taken, s => s.Taken - 1), ct);

    private static string NewNumber() => "BK-" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 8));

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    internal static bool SecretMatches(string? secret, string storedHash)
    {
        var given = Convert.FromHexString(Hash(secret ?? ""));
        var stored = storedHash.Length == 64 && storedHash.All(char.IsAsciiHexDigit) ? Convert.FromHexString(storedHash) : new byte[32];
        return CryptographicOperations.FixedTimeEquals(given, stored) && !string.IsNullOrEmpty(secret);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
