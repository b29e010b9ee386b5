namespace ChargeTwin.Cells;

/// <summary>Where table("path", …) finds its files: beside a cell file on disk, or among the embedded cells.</summary>
internal abstract class TableSource
{
    /// <summary>The text of <paramref name="relativePath"/>, or null; <paramref name="displayName"/> names it in messages.</summary>
    public abstract string? TryRead(string relativePath, out string displayName);

    public static TableSource BesideFile(string cellFilePath) => new DirectorySource(Path.GetDirectoryName(cellFilePath) ?? "");

    public static TableSource Embedded(string folder) => new EmbeddedSource(folder);

    private sealed class DirectorySource(string directory) : TableSource
    {
        public override string? TryRead(string relativePath, out string displayName)
        {
            displayName = directory.Length == 0 ? relativePath : Path.Combine(directory, relativePath);
            return File.Exists(displayName) ? File.ReadAllText(displayName) : null;
        }
    }

    private sealed class EmbeddedSource(string folder) : TableSource
    {
        public override string? TryRead(string relativePath, out string displayName)
        {
            displayName = EmbeddedCells.Normalise($"{folder}/{relativePath}");
            return EmbeddedCells.TryRead(displayName, out var text) ? text : null;
        }
    }
}
