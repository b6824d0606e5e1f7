using Trainer.Training.Logging;
using Trainer.Training.Logging.Projector;

namespace Trainer.Training.Tests.Logging;

public class EmbeddingTests
{
    private static SummaryWriter Writer(TempDir dir) => new(dir.Path, new SummaryWriterOptions { Clock = () => 1.0, FlushSeconds = 0 });

    [Fact]
    public void Embedding_writes_tensors_metadata_and_a_projector_config_like_PyTorch()
    {
        using var dir = new TempDir();
        using (var writer = Writer(dir))
        {
            writer.add_embedding([0.5f, -1f, 2f, 0.25f, 1e-5f, 3f], rows: 3, cols: 2, metadata: ["a", "b", "c"], globalStep: 7, tag: "tok/emb");
        }

        var folder = Path.Combine(dir.Path, "00007", "tok%2femb");
        Assert.Equal("0.5\t-1\n2\t0.25\n1E-05\t3\n", File.ReadAllText(Path.Combine(folder, "tensors.tsv")));
        Assert.Equal("a\nb\nc\n", File.ReadAllText(Path.Combine(folder, "metadata.tsv")));
        var expectedConfig =
            "embeddings {\n" +
            "  tensor_name: \"tok/emb:00007\"\n" +
            "  metadata_path: \"00007/tok%2femb/metadata.tsv\"\n" +
            "  tensor_path: \"00007/tok%2femb/tensors.tsv\"\n" +
            "}\n";
        Assert.Equal(expectedConfig, File.ReadAllText(Path.Combine(dir.Path, "projector_config.pbtxt")));
    }

    [Fact]
    public void Several_metadata_columns_get_a_header_line()
    {
        using var dir = new TempDir();
        using (var writer = Writer(dir))
        {
            IReadOnlyList<IReadOnlyList<string>> rows = [["cat", "noun"], ["run", "verb"]];
            writer.add_embedding([1f, 2f], rows: 2, cols: 1, rows, ["word", "pos"]);
        }

        var text = File.ReadAllText(Path.Combine(dir.Path, "00000", "default", "metadata.tsv"));
        Assert.Equal("word\tpos\ncat\tnoun\nrun\tverb\n", text);
    }

    [Fact]
    public void Every_embedding_is_listed_in_the_config_and_sprites_tile_the_label_images()
    {
        using var dir = new TempDir();
        using (var writer = Writer(dir))
        {
            writer.add_embedding([1f, 2f], rows: 2, cols: 1, tag: "first");
            var thumbs = new LabelImages([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200], 5, 2, 2, 1);
            writer.add_embedding([1f, 2f, 3f, 4f, 5f], rows: 5, cols: 1, labelImg: thumbs, globalStep: 1, tag: "second");
        }

        var config = File.ReadAllText(Path.Combine(dir.Path, "projector_config.pbtxt"));
        Assert.Equal(2, config.Split("embeddings {").Length - 1);
        Assert.Contains("  sprite {\n    image_path: \"00001/second/sprite.png\"\n    single_image_dim: 2\n    single_image_dim: 2\n  }\n", config, StringComparison.Ordinal);

        // 5 images of 2x2 on a 3x3 grid of cells -> 6x6 gray image; image 4 sits at cell (row 1, col 1).
        var sprite = PngTestDecoder.Decode(File.ReadAllBytes(Path.Combine(dir.Path, "00001", "second", "sprite.png")));
        Assert.Equal((6, 6, 1), (sprite.Width, sprite.Height, sprite.Channels));
        Assert.Equal([170, 180], sprite.Pixels.AsSpan((2 * 6) + 2, 2).ToArray());
        Assert.Equal([190, 200], sprite.Pixels.AsSpan((3 * 6) + 2, 2).ToArray());
        Assert.Equal(0, sprite.Pixels[(5 * 6) + 5]);
    }

    [Fact]
    public void Metadata_count_must_match_the_rows()
    {
        using var dir = new TempDir();
        using var writer = Writer(dir);
        Assert.Throws<ArgumentException>(() => writer.add_embedding([1f, 2f], rows: 2, cols: 1, metadata: ["only one"]));
    }

    [Fact]
    public void Text_format_strings_escape_quotes_backslashes_and_non_ascii()
    {
        Assert.Equal("\"a\\\"b\\\\c\\303\\251\"", ProjectorConfig.Quote("a\"b\\cé"));
    }
}
