using ChargeTwin.HilBench.Metrics;
using Parquet;
using Parquet.Schema;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>
/// Per-scenario traces as Parquet (one row group, Snappy): the double columns of <see cref="ScenarioTrace"/>
/// plus the string columns phase, power_stage_mode and reason. Plain Parquet types, so pandas and polars read it.
/// </summary>
public static class TraceParquet
{
    public static readonly string[] StringColumns = ["phase", "power_stage_mode", "reason"];

    public static void Write(string path, ScenarioTrace trace, IReadOnlyDictionary<string, string>? metadata = null) =>
        WriteAsync(path, trace, metadata).GetAwaiter().GetResult();

    private static async Task WriteAsync(string path, ScenarioTrace trace, IReadOnlyDictionary<string, string>? metadata)
    {
        var doubles = ScenarioTrace.DoubleColumns.Select(n => new DataField<double>(n)).ToArray();
        var strings = StringColumns.Select(n => new DataField<string>(n)).ToArray();
        var schema = new ParquetSchema([.. doubles, .. strings]);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }).ConfigureAwait(false);
        if (metadata is not null)
        {
            writer.CustomMetadata = metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        }

        using var group = writer.CreateRowGroup();
        for (var i = 0; i < doubles.Length; i++)
        {
            var column = trace.Column(i);
            var values = column as List<double> ?? [.. column];
            await group.WriteAsync<double>(doubles[i], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values).ToArray()).ConfigureAwait(false);
        }

        await group.WriteAsync(strings[0], [.. trace.Phase]).ConfigureAwait(false);
        await group.WriteAsync(strings[1], [.. trace.PowerStageMode]).ConfigureAwait(false);
        await group.WriteAsync(strings[2], [.. trace.Reason]).ConfigureAwait(false);
    }

    /// <summary>Reads the double columns back by name (for tests and tools).</summary>
    public static IReadOnlyDictionary<string, double[]> ReadDoubles(string path) => ReadDoublesAsync(path).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, double[]>> ReadDoublesAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            foreach (var field in reader.Schema.DataFields.Where(f => f.ClrType == typeof(double)))
            {
                var values = new double[group.RowCount];
                await group.ReadAsync<double>(field, values).ConfigureAwait(false);
                result[field.Name] = result.TryGetValue(field.Name, out var before) ? [.. before, .. values] : values;
            }
        }

        return result;
    }
}
