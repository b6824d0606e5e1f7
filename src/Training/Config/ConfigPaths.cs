namespace Trainer.Training.Config;

/// <summary>Every full key path of a config record type, descending into nested sections (not into maps or lists).</summary>
internal static class ConfigPaths
{
    /// <summary>Leaf and section paths in declaration order, e.g. <c>name</c>, <c>model</c>, <c>model.n_layer</c>.</summary>
    public static IEnumerable<string> All(Type recordType, string prefix = "", int depth = 0)
    {
        if (depth > 16)
        {
            yield break; // a self-referencing record; its keys below this depth are not worth listing
        }
        foreach (var member in ConfigSchema.Members(recordType))
        {
            var path = ConfigSources.Join(prefix, member.Key);
            yield return path;
            if (member.Type.Kind == ConfigKind.Record)
            {
                foreach (var inner in All(member.Type.Clr, path, depth + 1))
                {
                    yield return inner;
                }
            }
        }
    }
}
