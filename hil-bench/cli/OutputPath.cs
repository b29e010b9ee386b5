namespace ChargeTwin.Bench;

/// <summary>
/// Output paths checked before any work starts: a path the program cannot create or write is a bad argument
/// (one line naming the option, the path and what is wrong; exit code 2), not a failure met after the run.
/// </summary>
public static class OutputPath
{
    /// <summary>Creates the folder that will hold the file <paramref name="path"/> and checks that the file can be written.</summary>
    public static void File(string option, string path)
    {
        var full = FullPath(option, path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{option} {path}: is a folder, not a file");
        }

        Folder(option, path, Path.GetDirectoryName(full) ?? full);
        var existed = System.IO.File.Exists(full);
        try
        {
            // An existing file is opened without truncating it; a new one is removed again when closed.
            new FileStream(full, existed ? FileMode.Open : FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite, 1, existed ? FileOptions.None : FileOptions.DeleteOnClose).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path}: cannot write the file: {Reason(e, full)}");
        }
    }

    /// <summary>Creates the folder <paramref name="path"/> and checks that files can be written in it.</summary>
    public static void Folder(string option, string path) => Folder(option, path, FullPath(option, path));

    /// <summary>Creates the folder that will hold <paramref name="path"/> and checks that files can be written in it.</summary>
    public static void Parent(string option, string path)
    {
        var full = FullPath(option, path);
        Folder(option, path, Path.GetDirectoryName(full) ?? full);
    }

    private static string FullPath(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new UsageException($"{option} '{path}': expected a path");
        }

        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UsageException($"{option} {path}: not a usable path ({e.Message})");
        }
    }

    private static void Folder(string option, string given, string folder)
    {
        // Say which part of the path is in the way: the nearest ancestor that exists.
        for (var existing = folder; existing is not null; existing = Path.GetDirectoryName(existing))
        {
            if (System.IO.File.Exists(existing))
            {
                throw new UsageException($"{option} {given}: {existing} is a file, not a folder");
            }

            if (Directory.Exists(existing))
            {
                break;
            }
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {given}: cannot create the folder {folder}: {Reason(e, folder)}");
        }

        var probe = Path.Combine(folder, $".chargetwin-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {given}: cannot write in the folder {folder}: {Reason(e, probe)}");
        }
    }

    /// <summary>What the system said, without the path (the line names it already).</summary>
    private static string Reason(Exception e, string path)
    {
        switch (e)
        {
            case UnauthorizedAccessException:
                return "permission denied";
            case FileNotFoundException or DirectoryNotFoundException:
                // The folder that should hold it exists (checked above), so the file system refuses new entries there.
                return "the file system does not allow it there";
        }

        var message = e.Message.Replace($" : '{path}'", "", StringComparison.Ordinal).TrimEnd('.');
        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : e.GetType().Name;
    }
}
