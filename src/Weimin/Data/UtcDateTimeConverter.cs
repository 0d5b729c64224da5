using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Weimin.Data;

public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
