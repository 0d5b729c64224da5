namespace Weimin.Features.Calendar;

/// <summary>Resource anchor for the calendar's UI and error text (CalendarText.resx = zh-TW, CalendarText.en.resx = English).</summary>
public sealed class CalendarText;
