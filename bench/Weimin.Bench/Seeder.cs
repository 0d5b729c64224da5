using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weimin.Data;
using Weimin.Features.Calendar;
using Weimin.Features.Cases;
using Weimin.Features.Catalogue;
using Weimin.Features.Organisation;
using Weimin.Web.Localisation;

namespace Weimin.Bench;

/// <summary>
/// Loads N cases with a realistic spread into a migrated Weimin database (the app stopped): received over the last
/// two years of office days, mostly closed, about 5% open, some at risk, overdue and becoming overdue today,
/// numbers 民國年月日-序號 unique per agency and day (and the day counters moved past them, so intake goes on),
/// a few timeline events each. Every --sample-every'th case gets a known tracking code, written to --samples.
/// </summary>
internal static class Seeder
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int ChunkCases = 20_000;

    private static readonly string[] Surnames = [.. "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴".Select(c => c.ToString())];
    private static readonly string[] GivenChars = [.. "志明雅婷家豪怡君俊傑淑芬建宏美玲宗翰佳穎冠宇欣怡承恩詩涵信宏惠雯文雄秀英國華麗華正義玉蘭金龍春梅".Select(c => c.ToString())];
    private static readonly string[] Roads = ["大成路", "中山北路", "校前路", "民族路", "新農街", "中正路", "環南路", "青山一街", "光華街", "瑞原路"];

    public static async Task<int> RunAsync(Options o)
    {
        var provider = o.Get("provider");
        var cs = o.Get("connection");
        var total = o.Int("cases", 1_000_000);
        var years = o.Int("years", 2);
        var sampleEvery = o.Int("sample-every", 997);
        var samplesPath = o.Find("samples");
        var agencyCodes = o.Get("agencies", "yangmei").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rng = new Random(o.Int("seed", 20261122));
        var watch = Stopwatch.StartNew();

        await using var db = Db.Open(provider, cs);
        var today = TimeProvider.System.Today();
        var agencies = new List<AgencyPlan>();
        foreach (var code in agencyCodes)
        {
            var agency = await db.Set<Agency>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Code == code)
                         ?? throw new ArgumentException($"agency '{code}' not found: start the app once with Weimin__Demo__Enabled=true first");
            agencies.Add(await PlanAgencyAsync(db, agency, rng));
        }

        var national = OfficeCalendar.Create(await db.Set<CalendarDay>().AsNoTracking().Select(d => new ValueTuple<DateOnly, bool>(d.Date, d.IsOpen)).ToListAsync());
        if (national.IsEmpty) throw new ArgumentException("the office calendar is empty: start the app once first");
        foreach (var a in agencies)
        {
            var overrides = await db.Set<AgencyCalendarOverride>().IgnoreQueryFilters().AsNoTracking().Where(x => x.AgencyId == a.Agency.Id)
                .Select(x => new CalendarOverride(x.Date, x.IsOpen)).ToListAsync();
            a.Calendar = national.WithOverrides(overrides);
        }

        var caseMap = TableMap.For<Case>(db);
        var eventMap = TableMap.For<CaseEvent>(db);
        var extensionMap = TableMap.For<CaseExtension>(db);
        var counters = await db.Set<CaseNumberCounter>().AsNoTracking().ToDictionaryAsync(c => (c.AgencyId, c.Day), c => c.Next);
        var nextCaseId = (await db.Set<Case>().IgnoreQueryFilters().MaxAsync(c => (long?)c.Id) ?? 0) + 1;
        var nextEventId = (await db.Set<CaseEvent>().IgnoreQueryFilters().MaxAsync(e => (long?)e.Id) ?? 0) + 1;
        var nextExtensionId = (await db.Set<CaseExtension>().IgnoreQueryFilters().MaxAsync(e => (long?)e.Id) ?? 0) + 1;

        // Office days of the last `years` years, each with a share of the cases (Mondays busier, Fridays quieter).
        var first = today.AddYears(-years);
        var cal0 = agencies[0].Calendar!;
        var days = new List<DateOnly>();
        for (var d = first; d <= today; d = d.AddDays(1))
            if (cal0.IsOpen(d)) days.Add(d);
        var weights = days.Select(d => (d.DayOfWeek switch { DayOfWeek.Monday => 1.25, DayOfWeek.Friday => 0.85, _ => 1.0 }) * (0.8 + 0.4 * rng.NextDouble())).ToArray();
        var perDay = Spread(total, weights);
        var previousWorkingDay = today.AddDays(-1);
        while (!cal0.IsOpen(previousWorkingDay)) previousWorkingDay = previousWorkingDay.AddDays(-1);

        var stats = new Dictionary<string, int>();
        void Count(string k, int n) => stats[k] = stats.GetValueOrDefault(k) + n;
        var samples = new StringBuilder("number\tcode\tstatus\tagency\n");

        await using IBulkSink sink = Db.IsPostgres(provider)
            ? await PostgresSink.OpenAsync(cs)
            : await SqliteSink.OpenAsync(cs);
        var cases = new List<Case>(ChunkCases + 5000);
        var events = new List<CaseEvent>(ChunkCases * 4);
        var extensions = new List<CaseExtension>();
        var written = 0;
        var index = 0;
        await sink.DropIndexesAsync(caseMap.Table, eventMap.Table);

        var writing = new Stopwatch();
        async Task FlushAsync()
        {
            writing.Start();
            await sink.WriteAsync(caseMap, cases);
            await sink.WriteAsync(eventMap, events);
            await sink.WriteAsync(extensionMap, extensions);
            written += cases.Count;
            cases.Clear();
            events.Clear();
            extensions.Clear();
            writing.Stop();
            Console.Write($"\r  {written:N0} cases written ({watch.Elapsed.TotalSeconds:F0} s, of which writing {writing.Elapsed.TotalSeconds:F0} s)");
        }

        var agencyWeights = agencies.Select((_, i) => i == 0 ? 3.0 : 1.0).ToArray();
        for (var di = 0; di < days.Count; di++)
        {
            var day = days[di];
            var split = Spread(perDay[di], agencyWeights);
            for (var ai = 0; ai < agencies.Count; ai++)
            {
                var plan = agencies[ai];
                var cal = plan.Calendar!;
                var seq = counters.GetValueOrDefault((plan.Agency.Id, day));
                for (var n = 0; n < split[ai]; n++)
                {
                    seq++;
                    var number = $"{Dates.RocYear(day)}{day.Month:00}{day.Day:00}-{seq:0000}";
                    var sample = sampleEvery > 0 && index % sampleEvery == 0;
                    var code = sample ? SampleCode(index) : RandomCode(rng);
                    var c = MakeCase(rng, plan, cal, day, today, previousWorkingDay, number, code, nextCaseId++, ref nextEventId, ref nextExtensionId, events, extensions, Count);
                    cases.Add(c);
                    if (sample) samples.Append(CultureInfo.InvariantCulture, $"{number}\t{code}\t{c.Status}\t{plan.Agency.Code}\n");
                    index++;
                }
                counters[(plan.Agency.Id, day)] = seq;
            }
            if (cases.Count >= ChunkCases) await FlushAsync();
        }
        await FlushAsync();
        Console.WriteLine();
        var indexing = Stopwatch.StartNew();
        await sink.RebuildIndexesAsync();
        Console.Write($"  indexes built again in {indexing.Elapsed.TotalSeconds:F1} s");
        await sink.CommitAsync();
        await sink.DisposeAsync();
        Console.WriteLine();
        var loaded = watch.Elapsed;

        // The day counters move past the seeded numbers, so that intake today continues after them.
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            foreach (var ((agencyId, day), next) in counters)
            {
                await using var cmd = conn.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    INSERT INTO case_number_counters (agency_id, day, next) VALUES (@a, @d, @n)
                    ON CONFLICT (agency_id, day) DO UPDATE SET next = excluded.next
                    """;
                foreach (var (name, value) in new (string, object)[] { ("@a", agencyId), ("@d", Db.IsPostgres(provider) ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("@n", next) })
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = name;
                    p.Value = value;
                    cmd.Parameters.Add(p);
                }
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        if (Db.IsPostgres(provider))
        {
            foreach (var map in new[] { caseMap, eventMap, extensionMap })
                await Sql.ExecAsync(conn, $"SELECT setval(pg_get_serial_sequence('\"{map.Table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 0) + 1 FROM \"{map.Table}\"), false)");
            await Sql.ExecAsync(conn, "ANALYZE");
        }
        else
        {
            await Sql.ExecAsync(conn, "ANALYZE");
        }
        await conn.CloseAsync();

        if (samplesPath is not null) await File.WriteAllTextAsync(samplesPath, samples.ToString());
        Console.WriteLine($"seeded {written:N0} cases, {stats.GetValueOrDefault("events"):N0} events into {string.Join(",", agencyCodes)} ({provider}) in {watch.Elapsed.TotalSeconds:F1} s (load {loaded.TotalSeconds:F1} s, {written / loaded.TotalSeconds:N0} cases/s)");
        Console.WriteLine($"  received {days[0]:yyyy-MM-dd} .. {days[^1]:yyyy-MM-dd} over {days.Count} office days; today {today:yyyy-MM-dd}, previous working day {previousWorkingDay:yyyy-MM-dd}");
        foreach (var (k, v) in stats.Where(kv => kv.Key != "events").OrderBy(kv => kv.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {k,-28} {v,9:N0}  {100.0 * v / Math.Max(1, written),6:F2}%");
        return 0;
    }

    private sealed class AgencyPlan
    {
        public required Agency Agency { get; init; }
        public required List<Service> Services { get; init; }
        public required double[] ServiceWeights { get; init; }
        public required Dictionary<int, List<(int Id, string Name)>> StaffBySection { get; init; }
        public required List<(int Id, string Name)> AllStaff { get; init; }
        public OfficeCalendar? Calendar { get; set; }
    }

    private static async Task<AgencyPlan> PlanAgencyAsync(AppDb db, Agency agency, Random rng)
    {
        var services = await db.Set<Service>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agency.Id && s.IsActive).OrderBy(s => s.Id).ToListAsync();
        if (services.Count == 0) services = await CreateServicesAsync(db, agency);
        var staff = await db.Set<Staff>().IgnoreQueryFilters().AsNoTracking().Where(s => s.AgencyId == agency.Id && s.IsActive)
            .Select(s => new { s.Id, s.Name, s.SectionId }).ToListAsync();
        if (staff.Count == 0) throw new ArgumentException($"agency {agency.Code} has no staff");
        // A few services carry most of the work (謄本, 補助, 路燈); the long tail is rare.
        var weights = services.Select((_, i) => 1.0 / (i % 12 + 1) * (0.5 + rng.NextDouble())).ToArray();
        return new AgencyPlan
        {
            Agency = agency, Services = services, ServiceWeights = weights,
            StaffBySection = staff.Where(s => s.SectionId is not null).GroupBy(s => s.SectionId!.Value).ToDictionary(g => g.Key, g => g.Select(s => (s.Id, s.Name)).ToList()),
            AllStaff = staff.Select(s => (s.Id, s.Name)).ToList(),
        };
    }

    /// <summary>No catalogue yet (the demo catalogue is loaded elsewhere): a handful of typical services over the agency's sections.</summary>
    private static async Task<List<Service>> CreateServicesAsync(AppDb db, Agency agency)
    {
        var sections = await db.Set<Section>().IgnoreQueryFilters().Where(s => s.AgencyId == agency.Id && s.IsActive).OrderBy(s => s.SortOrder).ToListAsync();
        if (sections.Count == 0) throw new ArgumentException($"agency {agency.Code} has no sections");
        Section Pick(params string[] codes) => sections.FirstOrDefault(s => codes.Contains(s.Code)) ?? sections[0];
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        (string Code, string Name, int Days, bool Location, Section Section)[] seeds =
        [
            ("bench-low-income", "低收入戶申請", 10, false, Pick("social")),
            ("bench-birth-grant", "生育津貼申請", 5, false, Pick("social")),
            ("bench-streetlight", "路燈故障報修", 3, true, Pick("construction", "works")),
            ("bench-pothole", "道路坑洞修補", 7, true, Pick("construction", "works")),
            ("bench-military", "役男出國申請", 1, false, Pick("military", "civil")),
            ("bench-farmland", "農地農用證明", 15, false, Pick("agriculture", "economy")),
            ("bench-disaster", "災害救助金申請", 20, false, Pick("social")),
            ("bench-petition", "人民陳情", 30, false, Pick("secretariat", "civil")),
        ];
        var list = seeds.Select((s, i) => new Service
        {
            AgencyId = agency.Id, SectionId = s.Section.Id, Code = s.Code, Name = s.Name, TimeLimitDays = s.Days, NeedsLocation = s.Location,
            Assignment = AssignmentMode.RoundRobin, SortOrder = i, UpdatedAtUtc = now,
            Documents = [new RequiredDocument { Name = "申請書", SortOrder = 1 }, new RequiredDocument { Name = "身分證明文件", SortOrder = 2, ElectronicVerification = true }],
        }).ToList();
        db.AddRange(list);
        await db.SaveChangesAsync();
        Console.WriteLine($"  no catalogue in {agency.Code}: created {list.Count} services (bench-*)");
        return list;
    }

    private static Case MakeCase(Random rng, AgencyPlan plan, OfficeCalendar cal, DateOnly day, DateOnly today, DateOnly previousWorkingDay,
        string number, string code, long id, ref long eventId, ref long extensionId, List<CaseEvent> events, List<CaseExtension> extensions, Action<string, int> count)
    {
        var service = plan.Services[Pick(rng, plan.ServiceWeights)];
        var sectionStaff = plan.StaffBySection.GetValueOrDefault(service.SectionId) ?? plan.AllStaff;
        var officer = sectionStaff[rng.Next(sectionStaff.Count)];
        var clerk = plan.AllStaff[rng.Next(plan.AllStaff.Count)];
        var receivedAt = At(day, rng);
        var phone = $"09{rng.Next(10, 99)}-{rng.Next(0, 1000):000}-{rng.Next(0, 1000):000}";
        var name = Surnames[rng.Next(Surnames.Length)] + GivenChars[rng.Next(GivenChars.Length)] + GivenChars[rng.Next(GivenChars.Length)];
        var notice = rng.NextDouble() switch { < 0.40 => NoticeChannel.Sms, < 0.55 => NoticeChannel.Email, < 0.60 => NoticeChannel.Letter, _ => NoticeChannel.None };
        var extension = rng.NextDouble() < 0.01 ? rng.Next(5, 11) : 0;
        var c = new Case
        {
            Id = id, AgencyId = plan.Agency.Id, SectionId = service.SectionId, ServiceId = service.Id,
            Kind = service.NeedsLocation ? CaseKind.Repair : CaseKind.Application, Number = number,
            Channel = rng.NextDouble() switch { < 0.70 => CaseChannel.Counter, < 0.90 => CaseChannel.Online, < 0.96 => CaseChannel.Phone, _ => CaseChannel.Mail },
            IntakeStaffId = clerk.Id, OfficerId = officer.Id,
            LocationText = service.NeedsLocation ? $"{Roads[rng.Next(Roads.Length)]}{rng.Next(1, 400)}號前" : null,
            ApplicantName = name, ApplicantPhone = phone, PhoneLast4 = phone.Replace("-", "", StringComparison.Ordinal)[^4..],
            ApplicantEmail = notice == NoticeChannel.Email ? $"user{id}@example.tw" : null,
            ApplicantAddress = $"{plan.Agency.Address?.Split(' ')[0] ?? "326"} {Roads[rng.Next(Roads.Length)]}{rng.Next(1, 400)}號",
            NoticeChannel = notice, NoticeConsent = notice != NoticeChannel.None, Language = rng.NextDouble() < 0.97 ? "zh-TW" : "en",
            TrackingCodeHash = CaseService.HashCode(code),
            ReceivedAtUtc = receivedAt, ReceivedOn = day, TimeLimitDays = service.TimeLimitDays, ExtensionDays = extension,
            UpdatedAtUtc = receivedAt,
        };
        c.DueOn = Deadline.Due(cal, day, c.TimeLimitDays, extension, 0);
        var officerActor = (Id: (int?)officer.Id, officer.Name);
        var firstEvent = events.Count;

        void Event(CaseEventType type, DateTime at, (int? Id, string Name) actor, CaseStatus? from, CaseStatus to, string? note, bool isPublic, ref long eid)
        {
            events.Add(new CaseEvent { Id = eid++, CaseId = id, AgencyId = plan.Agency.Id, Type = type, AtUtc = at, ActorStaffId = actor.Id, ActorName = actor.Name, FromStatus = from, ToStatus = to, Note = note, IsPublic = isPublic });
            c.UpdatedAtUtc = at > c.UpdatedAtUtc ? at : c.UpdatedAtUtc;
        }

        Event(CaseEventType.Received, receivedAt, (clerk.Id, clerk.Name), null, CaseStatus.Received, null, true, ref eventId);
        if (extension > 0)
        {
            var at = receivedAt.AddHours(rng.Next(2, 48));
            extensions.Add(new CaseExtension
            {
                Id = extensionId++, CaseId = id, AgencyId = plan.Agency.Id, WorkingDays = extension, Reason = "需會辦其他單位", ApprovedByStaffId = officer.Id, AtUtc = at,
                PreviousDueOn = Deadline.Due(cal, day, c.TimeLimitDays, 0, 0), NewDueOn = c.DueOn,
            });
            Event(CaseEventType.Extended, at, officerActor, null, CaseStatus.Received, "需會辦其他單位", true, ref eventId);
        }

        // Open or done? Cases not yet due are mostly open; past due, a few are still open (overdue) or wait for the applicant.
        var r = rng.NextDouble();
        var recent = day >= today.AddDays(-180);
        CaseStatus status;
        if (c.DueOn >= today) status = r < 0.70 ? (r < 0.15 ? CaseStatus.Received : CaseStatus.InProgress) : r < 0.80 ? CaseStatus.AwaitingSupplement : CaseStatus.Closed;
        else if (c.DueOn == previousWorkingDay) status = r < 0.06 ? CaseStatus.InProgress : r < 0.08 ? CaseStatus.Received : CaseStatus.Closed;
        else
        {
            var lateOpen = c.DueOn >= today.AddDays(-30) ? 0.02 : 0.0015;
            var waiting = recent ? 0.075 : 0.02;
            status = r < lateOpen ? CaseStatus.InProgress : r < lateOpen + waiting ? CaseStatus.AwaitingSupplement : CaseStatus.Closed;
        }

        var started = receivedAt.AddMinutes(rng.Next(10, 600));
        if (status == CaseStatus.Received)
        {
            c.Status = status;
        }
        else if (status == CaseStatus.InProgress)
        {
            c.Status = status;
            Event(CaseEventType.Started, started, officerActor, null, CaseStatus.InProgress, null, true, ref eventId);
            if (rng.NextDouble() < 0.2) Event(CaseEventType.Note, started.AddHours(rng.Next(1, 30)), officerActor, null, CaseStatus.InProgress, "已聯絡申請人確認資料", false, ref eventId);
        }
        else if (status == CaseStatus.AwaitingSupplement)
        {
            c.Status = status;
            var pausedOn = MinDay(AddWorking(cal, day, rng.Next(0, 3)), today);
            c.PausedSince = pausedOn;
            Event(CaseEventType.SupplementRequested, At(pausedOn, rng) < receivedAt ? started : At(pausedOn, rng), officerActor, null, CaseStatus.AwaitingSupplement, "請補附申請書簽章", true, ref eventId);
        }
        else
        {
            // Done: completed on time (most) or late, never after today.
            var late = rng.NextDouble() < 0.04;
            var doneOn = late ? AddWorking(cal, c.DueOn, rng.Next(1, 6)) : AddWorking(cal, day, rng.Next(0, Math.Max(1, c.TimeLimitDays + extension + 1)));
            if (doneOn > today) doneOn = today;
            if (doneOn < day) doneOn = day;
            var doneAt = At(doneOn, rng);
            if (doneAt <= started) doneAt = started.AddMinutes(rng.Next(5, 120));
            var end = rng.NextDouble() switch { < 0.85 => CaseStatus.Closed, < 0.92 => CaseStatus.Completed, < 0.95 => CaseStatus.Rejected, < 0.98 => CaseStatus.Withdrawn, < 0.995 => CaseStatus.Transferred, _ => CaseStatus.Merged };
            if (end is CaseStatus.Merged && id == 1) end = CaseStatus.Withdrawn;
            c.Status = end;
            switch (end)
            {
                case CaseStatus.Closed or CaseStatus.Completed:
                    Event(CaseEventType.Started, started, officerActor, null, CaseStatus.InProgress, null, true, ref eventId);
                    c.Result = service.NeedsLocation ? "已完成修復" : "核准";
                    c.CompletedAtUtc = doneAt;
                    c.CompletedOn = doneOn;
                    c.CompletedOnTime = doneOn <= c.DueOn;
                    c.WorkingDaysUsed = Deadline.DaysUsed(cal, day, doneOn, 0);
                    Event(CaseEventType.Completed, doneAt, officerActor, null, CaseStatus.Completed, c.Result, true, ref eventId);
                    if (end == CaseStatus.Closed)
                    {
                        var closedAt = doneAt.AddHours(rng.Next(1, 72));
                        c.ClosedAtUtc = closedAt;
                        Event(CaseEventType.Closed, closedAt, officerActor, null, CaseStatus.Closed, null, true, ref eventId);
                    }
                    break;
                case CaseStatus.Rejected:
                    Event(CaseEventType.Started, started, officerActor, null, CaseStatus.InProgress, null, true, ref eventId);
                    c.Result = "不符申請資格";
                    c.ClosedAtUtc = doneAt;
                    Event(CaseEventType.Rejected, doneAt, officerActor, CaseStatus.InProgress, CaseStatus.Rejected, c.Result, true, ref eventId);
                    break;
                case CaseStatus.Withdrawn:
                    c.ClosedAtUtc = doneAt;
                    Event(CaseEventType.Withdrawn, doneAt, officerActor, CaseStatus.Received, CaseStatus.Withdrawn, "申請人撤回", true, ref eventId);
                    break;
                case CaseStatus.Transferred:
                    c.TransferredTo = "桃園市政府工務局";
                    c.ClosedAtUtc = doneAt;
                    Event(CaseEventType.TransferredToAgency, doneAt, officerActor, CaseStatus.Received, CaseStatus.Transferred, c.TransferredTo, true, ref eventId);
                    break;
                case CaseStatus.Merged:
                    c.MergedIntoId = id - 1;
                    c.ClosedAtUtc = doneAt;
                    Event(CaseEventType.Merged, doneAt, officerActor, CaseStatus.Received, CaseStatus.Merged, null, true, ref eventId);
                    break;
            }
        }
        c.Version = events.Count - firstEvent - 1;
        count("events", events.Count - firstEvent);

        count("status." + c.Status, 1);
        if (c.Status.IsOpen())
        {
            count("open", 1);
            var state = Deadline.State(cal, c.Status, c.DueOn, today, 1);
            count("open." + state, 1);
            if (c.Status is CaseStatus.Received or CaseStatus.InProgress && c.DueOn == previousWorkingDay) count("open.OverdueToday (due prev day)", 1);
        }
        return c;
    }

    private static DateTime At(DateOnly day, Random rng) =>
        // 08:00–17:00 Asia/Taipei = 00:00–09:00 UTC
        day.ToDateTime(new TimeOnly(0, 0), DateTimeKind.Utc).AddSeconds(rng.Next(0, 9 * 3600));

    private static DateOnly AddWorking(OfficeCalendar cal, DateOnly day, int n) => n == 0 ? day : cal.AddWorkingDays(day, n);

    private static DateOnly MinDay(DateOnly a, DateOnly b) => a < b ? a : b;

    private static int Pick(Random rng, double[] weights)
    {
        var x = rng.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Splits <paramref name="total"/> by weight into integers that add up to it exactly.</summary>
    private static int[] Spread(int total, double[] weights)
    {
        var sum = weights.Sum();
        var counts = weights.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        var rest = total - counts.Sum();
        for (var i = 0; rest > 0; i = (i + 1) % counts.Length, rest--) counts[i]++;
        return counts;
    }

    /// <summary>A valid tracking code (the receipt's alphabet) that bench/run.sh knows: "BN" + the case index in base 32.</summary>
    public static string SampleCode(int index)
    {
        var sb = new StringBuilder("BN");
        var chars = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            chars[i] = CodeAlphabet[index & 31];
            index >>= 5;
        }
        return sb.Append(chars).ToString();
    }

    private static string RandomCode(Random rng)
    {
        Span<char> c = stackalloc char[8];
        for (var i = 0; i < 8; i++) c[i] = CodeAlphabet[rng.Next(32)];
        return new string(c);
    }
}
