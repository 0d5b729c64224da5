using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Weimin.Bench;

/// <summary>
/// One table as the app's EF model maps it: column names, and each value converted to what the provider stores
/// (enums → int, DateTime → UTC). Built from the model so that the seeder follows schema changes by itself.
/// </summary>
internal sealed class TableMap
{
    public required string Table { get; init; }
    public required string[] Columns { get; init; }
    public required Func<object, object?>[] Values { get; init; }
    /// <summary>PostgreSQL type names without facets ("character varying", "timestamp with time zone").</summary>
    public required string[] StoreTypes { get; init; }

    public static TableMap For<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name + " is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = new List<string>();
        var values = new List<Func<object, object?>>();
        var types = new List<string>();
        foreach (var p in entity.GetProperties())
        {
            if (p.IsShadowProperty())
            {
                if (!p.IsNullable) throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} is a required shadow property: the seeder cannot fill it");
                continue;
            }
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            columns.Add(p.GetColumnName(table)!);
            values.Add(e =>
            {
                var v = getter.GetClrValue(e);
                return v is null ? null : converter is null ? v : converter.ConvertToProvider(v);
            });
            var storeType = p.GetColumnType(table);
            var paren = storeType.IndexOf('(', StringComparison.Ordinal);
            types.Add(paren < 0 ? storeType : storeType[..paren]);
        }
        return new TableMap { Table = table.Name, Columns = [.. columns], Values = [.. values], StoreTypes = [.. types] };
    }

    public string ColumnList => string.Join(", ", Columns.Select(c => "\"" + c + "\""));
}

/// <summary>Writes rows fast: PostgreSQL binary COPY, or SQLite multi-row INSERTs prepared once, in one transaction.</summary>
internal interface IBulkSink : IAsyncDisposable
{
    Task WriteAsync<T>(TableMap map, IReadOnlyList<T> rows) where T : class;
    /// <summary>Drops the secondary indexes of the tables (kept to build again after the load: a sort beats a million random inserts).</summary>
    Task DropIndexesAsync(params string[] tables);
    /// <summary>Builds the dropped indexes again, inside the load's transaction.</summary>
    Task RebuildIndexesAsync();
    Task CommitAsync();
}

internal sealed class PostgresSink(NpgsqlConnection connection, NpgsqlTransaction tx) : IBulkSink
{
    public static async Task<PostgresSink> OpenAsync(string cs)
    {
        var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        var tx = await c.BeginTransactionAsync();
        return new PostgresSink(c, tx);
    }

    public async Task WriteAsync<T>(TableMap map, IReadOnlyList<T> rows) where T : class
    {
        if (rows.Count == 0) return;
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{map.Table}\" ({map.ColumnList}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            copy.StartRow();
            for (var i = 0; i < map.Columns.Length; i++)
            {
                var v = map.Values[i](row);
                if (v is null) copy.WriteNull();
                else copy.Write(v, map.StoreTypes[i]);
            }
        }
        await copy.CompleteAsync();
    }

    private readonly List<(string Name, string Sql)> _dropped = [];

    public async Task DropIndexesAsync(params string[] tables)
    {
        await using (var cmd = new NpgsqlCommand(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY(@t) " +
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)", connection, tx))
        {
            cmd.Parameters.AddWithValue("t", tables);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) _dropped.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in _dropped) await Sql.ExecAsync(connection, $"DROP INDEX \"{name}\"");
    }

    public async Task RebuildIndexesAsync()
    {
        await Sql.ExecAsync(connection, "SET maintenance_work_mem = '512MB'");
        foreach (var (_, sql) in _dropped) await Sql.ExecAsync(connection, sql);
        _dropped.Clear();
    }

    public Task CommitAsync() => tx.CommitAsync();

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await tx.DisposeAsync();
        await connection.DisposeAsync();
    }
}

internal sealed class SqliteSink(SqliteConnection connection, SqliteTransaction tx) : IBulkSink
{
    // SQLite looks parameters up by name linearly, so thousands per statement cost more than they save.
    private const int MaxRowsPerStatement = 16;
    private readonly Dictionary<(string, int), SqliteCommand> _commands = [];

    public static async Task<SqliteSink> OpenAsync(string cs)
    {
        var c = new SqliteConnection(cs);
        await c.OpenAsync();
        await using (var pragma = c.CreateCommand())
        {
            // Only for the load: a crash half-way leaves a database to throw away anyway.
            // The app keeps the database in WAL mode; one huge transaction through the WAL gets slower as it grows,
            // so the load goes without a journal and the mode is set back to WAL afterwards.
            pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        return new SqliteSink(c, (SqliteTransaction)await c.BeginTransactionAsync());
    }

    public async Task WriteAsync<T>(TableMap map, IReadOnlyList<T> rows) where T : class
    {
        var perStatement = Math.Max(1, Math.Min(MaxRowsPerStatement, 30000 / map.Columns.Length));
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var n = Math.Min(perStatement, rows.Count - start);
            var cmd = Command(map, n);
            var k = 0;
            for (var r = start; r < start + n; r++)
                for (var i = 0; i < map.Columns.Length; i++)
                    cmd.Parameters[k++].Value = map.Values[i](rows[r]) ?? DBNull.Value;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private SqliteCommand Command(TableMap map, int rows)
    {
        if (_commands.TryGetValue((map.Table, rows), out var cmd)) return cmd;
        cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        var values = new List<string>(rows);
        var k = 0;
        for (var r = 0; r < rows; r++)
        {
            var names = new string[map.Columns.Length];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = "$p" + k++;
                cmd.Parameters.Add(new SqliteParameter(names[i], DBNull.Value));
            }
            values.Add("(" + string.Join(",", names) + ")");
        }
        cmd.CommandText = $"INSERT INTO \"{map.Table}\" ({map.ColumnList}) VALUES {string.Join(",", values)}";
        cmd.Prepare();
        _commands[(map.Table, rows)] = cmd;
        return cmd;
    }

    private readonly List<(string Name, string Sql)> _dropped = [];

    public async Task DropIndexesAsync(params string[] tables)
    {
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(",", tables.Select(t => "'" + t + "'"))})";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) _dropped.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in _dropped) await Exec($"DROP INDEX \"{name}\"");
    }

    public async Task RebuildIndexesAsync()
    {
        foreach (var (_, sql) in _dropped) await Exec(sql);
        _dropped.Clear();
    }

    private async Task Exec(string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public Task CommitAsync() => tx.CommitAsync();

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var c in _commands.Values) await c.DisposeAsync();
        await tx.DisposeAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync();
        }
        await connection.DisposeAsync();
    }
}

internal static class Sql
{
    public static async Task<int> ExecAsync(DbConnection c, string sql, params (string Name, object? Value)[] ps)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        foreach (var (n, v) in ps)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = n;
            p.Value = v ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        var v = await cmd.ExecuteScalarAsync();
        return v is DBNull ? null : v;
    }
}
