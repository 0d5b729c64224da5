namespace Weimin.Features.Calendar;

/// <summary>
/// A date the loaded calendar does not cover. Deadlines are never guessed: the caller must say so (422 in the
/// API, a message on pages) and someone must load the missing year.
/// </summary>
public sealed class CalendarRangeException(DateOnly? date, int? firstYear, int? lastYear)
    : Exception(firstYear is null
        ? "No office calendar is loaded."
        : $"The office calendar covers {firstYear}–{lastYear}; {(date is { } d ? d.ToString("yyyy-MM-dd") : "the answer")} is outside it.")
{
    public const string Code = "calendar.out_of_range";

    /// <summary>The date asked about, or null when the answer itself falls beyond the last loaded day.</summary>
    public DateOnly? Date { get; } = date;
    public int? FirstYear { get; } = firstYear;
    public int? LastYear { get; } = lastYear;
}

/// <summary>An agency's departure from the national calendar on one day.</summary>
public readonly record struct CalendarOverride(DateOnly Date, bool IsOpen);

/// <summary>
/// Which days the office is open, for whole loaded years, with an agency's overrides applied. Immutable and pure,
/// so one instance is shared by every request until the calendar changes.
/// Every question is answered from two arrays indexed by day: whether each day is open and how many open days
/// come before it, so deadlines cost O(1) (a due date is one more array lookup) however long the case list.
/// </summary>
public sealed class OfficeCalendar
{
    private readonly DateOnly _first;     // 1 January of FirstYear
    private readonly bool[] _open;        // by day offset from _first
    private readonly bool[] _loaded;      // false for days of a year that is not loaded (a gap between loaded years)
    private readonly int[] _openThrough;  // open days at offsets 0..i
    private readonly int[] _openOffsets;  // offsets of open days, ascending: the n-th open day is _openOffsets[n-1]
    private readonly HashSet<int> _years;

    public int? FirstYear { get; }
    public int? LastYear { get; }
    public IReadOnlyCollection<int> Years => _years;
    public bool IsEmpty => _years.Count == 0;

    private OfficeCalendar(DateOnly first, bool[] open, bool[] loaded, HashSet<int> years)
    {
        _first = first;
        _open = open;
        _loaded = loaded;
        _years = years;
        FirstYear = years.Count == 0 ? null : years.Min();
        LastYear = years.Count == 0 ? null : years.Max();
        _openThrough = new int[open.Length];
        var offsets = new List<int>(open.Length * 70 / 100);
        var count = 0;
        for (var i = 0; i < open.Length; i++)
        {
            if (open[i]) { count++; offsets.Add(i); }
            _openThrough[i] = count;
        }
        _openOffsets = [.. offsets];
    }

    public static readonly OfficeCalendar Empty = new(default, [], [], []);

    /// <summary>Builds a calendar from whole years of days (as the files and the database hold them).</summary>
    /// <exception cref="ArgumentException">a year is incomplete: a half-loaded year would give wrong deadlines silently.</exception>
    public static OfficeCalendar Create(IEnumerable<CalendarEntry> days) => Create(days.Select(d => (d.Date, d.IsOpen)));

    public static OfficeCalendar Create(IEnumerable<(DateOnly Date, bool IsOpen)> days)
    {
        var list = days.ToList();
        if (list.Count == 0) return Empty;
        var years = list.Select(d => d.Date.Year).ToHashSet();
        var first = new DateOnly(years.Min(), 1, 1);
        var length = new DateOnly(years.Max(), 12, 31).DayNumber - first.DayNumber + 1;
        var open = new bool[length];
        var loaded = new bool[length];
        foreach (var (date, isOpen) in list)
        {
            var i = date.DayNumber - first.DayNumber;
            if (loaded[i]) throw new ArgumentException($"{date:yyyy-MM-dd} is given twice.", nameof(days));
            loaded[i] = true;
            open[i] = isOpen;
        }
        foreach (var year in years)
        {
            var daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
            var from = new DateOnly(year, 1, 1).DayNumber - first.DayNumber;
            if (loaded.AsSpan(from, daysInYear).Contains(false))
                throw new ArgumentException($"The calendar of {year} is incomplete.", nameof(days));
        }
        return new OfficeCalendar(first, open, loaded, years);
    }

    /// <summary>This calendar with an agency's overrides applied. Overrides outside the loaded years change nothing.</summary>
    public OfficeCalendar WithOverrides(IEnumerable<CalendarOverride> overrides)
    {
        var open = (bool[])_open.Clone();
        var changed = false;
        foreach (var o in overrides)
        {
            var i = o.Date.DayNumber - _first.DayNumber;
            if (i < 0 || i >= open.Length || !_loaded[i] || open[i] == o.IsOpen) continue;
            open[i] = o.IsOpen;
            changed = true;
        }
        return changed ? new OfficeCalendar(_first, open, _loaded, _years) : this;
    }

    public bool Covers(DateOnly date)
    {
        var i = date.DayNumber - _first.DayNumber;
        return i >= 0 && i < _loaded.Length && _loaded[i];
    }

    /// <exception cref="CalendarRangeException">the date is not in a loaded year.</exception>
    public bool IsOpen(DateOnly date) => _open[Offset(date)];

    /// <summary>
    /// The due date of something that takes <paramref name="workingDays"/> working days, counted from the day after
    /// <paramref name="from"/>: received Wednesday, 1 working day → Thursday (or the next open day). 0 means on the spot,
    /// so the answer is <paramref name="from"/> itself, open or not.
    /// </summary>
    /// <exception cref="CalendarRangeException"><paramref name="from"/> or the answer is outside the loaded years.</exception>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var start = Offset(from);
        if (workingDays == 0) return from;
        var nth = _openThrough[start] + workingDays;   // the due date is the nth open day of the whole calendar
        if (nth > _openOffsets.Length) throw OutOfRange(null);
        var due = _first.AddDays(_openOffsets[nth - 1]);
        for (var year = from.Year + 1; year <= due.Year; year++)
            if (!_years.Contains(year)) throw OutOfRange(new DateOnly(year, 1, 1));
        return due;
    }

    /// <summary>
    /// Working days after <paramref name="from"/> up to and including <paramref name="to"/>: the days a case received on
    /// <paramref name="from"/> has used by the end of <paramref name="to"/>. So
    /// <c>WorkingDaysBetween(a, AddWorkingDays(a, n)) == n</c>; the same day gives 0, and <paramref name="to"/> before
    /// <paramref name="from"/> gives the negative of the reverse count.
    /// </summary>
    /// <exception cref="CalendarRangeException">either date is outside the loaded years, or a year between them is missing.</exception>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var a = Offset(from);
        var b = Offset(to);
        var (lo, hi) = from <= to ? (from, to) : (to, from);
        for (var year = lo.Year + 1; year < hi.Year; year++)
            if (!_years.Contains(year)) throw OutOfRange(new DateOnly(year, 1, 1));
        return _openThrough[b] - _openThrough[a];
    }

    /// <summary>The first open day on or after <paramref name="date"/>.</summary>
    public DateOnly NextOpenDay(DateOnly date) => IsOpen(date) ? date : AddWorkingDays(date, 1);

    /// <summary>Open days in one loaded year.</summary>
    public int WorkingDaysIn(int year)
    {
        if (!_years.Contains(year)) throw OutOfRange(new DateOnly(year, 1, 1));
        var last = Offset(new DateOnly(year, 12, 31));
        var first = Offset(new DateOnly(year, 1, 1));
        return _openThrough[last] - _openThrough[first] + (_open[first] ? 1 : 0);
    }

    private int Offset(DateOnly date)
    {
        var i = date.DayNumber - _first.DayNumber;
        if (i < 0 || i >= _loaded.Length || !_loaded[i]) throw OutOfRange(date);
        return i;
    }

    private CalendarRangeException OutOfRange(DateOnly? date) => new(date, FirstYear, LastYear);
}
