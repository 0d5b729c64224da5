using System.Globalization;

namespace Weimin.Web.Files;

public enum CellKind { Empty, Text, Number, Date }

/// <summary>One cell of a table written to or read from CSV or ODS: text, a number or a calendar date.</summary>
public readonly record struct SheetCell(CellKind Kind, string? Text = null, decimal? Number = null, DateOnly? Date = null)
{
    public static readonly SheetCell Empty = new(CellKind.Empty);

    public static SheetCell Of(string? text) => string.IsNullOrEmpty(text) ? Empty : new(CellKind.Text, Text: text);
    public static SheetCell Of(decimal number) => new(CellKind.Number, Number: number);
    public static SheetCell Of(int number) => new(CellKind.Number, Number: number);
    public static SheetCell Of(DateOnly date) => new(CellKind.Date, Date: date);

    public static implicit operator SheetCell(string? text) => Of(text);
    public static implicit operator SheetCell(int number) => Of(number);
    public static implicit operator SheetCell(decimal number) => Of(number);
    public static implicit operator SheetCell(DateOnly date) => Of(date);

    /// <summary>The cell as plain text, the same whichever format it came from: numbers invariant, dates ISO.</summary>
    public override string ToString() => Kind switch
    {
        CellKind.Text => Text!,
        CellKind.Number => Number!.Value.ToString(CultureInfo.InvariantCulture),
        CellKind.Date => Date!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "",
    };
}

/// <summary>A named table of rows; rows may differ in length.</summary>
public sealed record Sheet(string Name, IReadOnlyList<IReadOnlyList<SheetCell>> Rows);

/// <summary>A row read from a file, with the 1-based line (CSV: the physical line it starts on; ODS: the row number) to name in errors.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<SheetCell> Cells)
{
    /// <summary>The cell at <paramref name="index"/> as text; "" past the end of the row.</summary>
    public string this[int index] => index < Cells.Count ? Cells[index].ToString() : "";
}

/// <summary>A table read from a file: its name and its non-empty rows.</summary>
public sealed record SheetTable(string Name, IReadOnlyList<SheetRow> Rows);

public sealed class SheetFormatException(string code, params object[] args) : Exception(code)
{
    public string Code { get; } = code;
    public object[] Args { get; } = args;
}
