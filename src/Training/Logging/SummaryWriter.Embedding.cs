using Trainer.Training.Logging.Projector;

namespace Trainer.Training.Logging;

public sealed partial class SummaryWriter
{
    private readonly List<EmbeddingEntry> _embeddings = [];

    /// <summary>
    /// Saves an N×D embedding (row-major <paramref name="mat"/>) for the projector, as PyTorch does: files under
    /// <c>&lt;logDir&gt;/&lt;step:D5&gt;/&lt;tag&gt;/</c> (tensors.tsv, metadata.tsv with one label per row, sprite.png
    /// when <paramref name="labelImg"/> is given) and an entry in <c>&lt;logDir&gt;/projector_config.pbtxt</c>.
    /// </summary>
    public void add_embedding(
        ReadOnlySpan<float> mat,
        int rows,
        int cols,
        IReadOnlyList<string>? metadata = null,
        LabelImages? labelImg = null,
        long globalStep = 0,
        string tag = "default")
    {
        if (metadata is not null && metadata.Count != rows)
        {
            throw new ArgumentException($"embedding has {rows} rows but {metadata.Count} metadata labels");
        }

        AddEmbedding(mat, rows, cols, labelImg, globalStep, tag, metadata is null ? null : path => ProjectorFiles.WriteMetadata(path, metadata));
    }

    /// <summary>
    /// Same, with several metadata columns: metadata.tsv starts with <paramref name="metadataHeader"/>, then one
    /// tab-separated row per point.
    /// </summary>
    public void add_embedding(
        ReadOnlySpan<float> mat,
        int rows,
        int cols,
        IReadOnlyList<IReadOnlyList<string>> metadata,
        IReadOnlyList<string> metadataHeader,
        LabelImages? labelImg = null,
        long globalStep = 0,
        string tag = "default")
    {
        if (metadata.Count != rows)
        {
            throw new ArgumentException($"embedding has {rows} rows but {metadata.Count} metadata rows");
        }

        AddEmbedding(mat, rows, cols, labelImg, globalStep, tag, path => ProjectorFiles.WriteMetadata(path, metadata, metadataHeader));
    }

    private void AddEmbedding(
        ReadOnlySpan<float> mat,
        int rows,
        int cols,
        LabelImages? labelImg,
        long globalStep,
        string tag,
        Action<string>? writeMetadata)
    {
        Main();
        if (labelImg is not null && labelImg.Count != rows)
        {
            throw new ArgumentException($"embedding has {rows} rows but {labelImg.Count} label images");
        }

        var subDir = ProjectorFiles.SubDir(globalStep, tag);
        var folder = Path.Combine(LogDir, subDir);
        Directory.CreateDirectory(folder);
        ProjectorFiles.WriteTensors(Path.Combine(folder, "tensors.tsv"), mat, rows, cols);
        writeMetadata?.Invoke(Path.Combine(folder, "metadata.tsv"));
        if (labelImg is not null)
        {
            ProjectorFiles.WriteSprite(Path.Combine(folder, "sprite.png"), labelImg);
        }

        var entry = new EmbeddingEntry(
            TensorName: $"{tag}:{globalStep:D5}",
            TensorPath: subDir + "/tensors.tsv",
            MetadataPath: writeMetadata is null ? null : subDir + "/metadata.tsv",
            SpritePath: labelImg is null ? null : subDir + "/sprite.png",
            SpriteWidth: labelImg?.Width ?? 0,
            SpriteHeight: labelImg?.Height ?? 0);
        lock (_lock)
        {
            _embeddings.RemoveAll(e => e.TensorName == entry.TensorName);
            _embeddings.Add(entry);
            var config = ProjectorConfig.Format(_embeddings);
            var path = Path.Combine(LogDir, ProjectorFiles.ConfigFileName);
            File.WriteAllText(path + ".tmp", config);
            File.Move(path + ".tmp", path, overwrite: true);
        }
    }
}
