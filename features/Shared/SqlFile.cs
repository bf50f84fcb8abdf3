using System.Reflection;

namespace Raio.Features.Shared;

/// <summary>
/// The SQL statements of the slices, embedded from <c>features/**/*.sql</c> and read once.
/// </summary>
public static class SqlFile
{
    const string Prefix = "Raio.Features.";

    // MSBuild keeps the folder separator of the build machine in the logical names, so names are
    // compared with every separator read as a dot.
    static readonly Dictionary<string, string> Names = Assembly.GetExecutingAssembly()
        .GetManifestResourceNames()
        .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
        .ToDictionary(Normalize, name => name, StringComparer.Ordinal);

    /// <summary>Reads the statement at <paramref name="path"/>, relative to <c>features/</c>.</summary>
    /// <exception cref="InvalidOperationException">No such file was embedded.</exception>
    public static string Read(string path)
    {
        if (!Names.TryGetValue(Normalize(Prefix + path), out var name))
        {
            throw new InvalidOperationException(
                $"No embedded SQL for features/{path}: check that the file exists and that "
                + "Raio.Api.csproj embeds features/**/*.sql.");
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    static string Normalize(string name) => name.Replace('/', '.').Replace('\\', '.');
}
