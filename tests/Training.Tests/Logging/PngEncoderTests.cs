using System.Text.Json;
using Trainer.Training.Logging.Png;

namespace Trainer.Training.Tests.Logging;

public class PngEncoderTests
{
    private static byte[] Pattern(int length)
    {
        var pixels = new byte[length];
        new Random(5).NextBytes(pixels);
        return pixels;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    [InlineData(4, 6)]
    public void Every_channel_count_decodes_to_the_same_pixels_with_valid_chunk_crcs(int channels, int colourType)
    {
        const int width = 7, height = 5;
        var pixels = Pattern(width * height * channels);
        var decoded = PngTestDecoder.Decode(PngEncoder.Encode(pixels, width, height, channels));

        Assert.Equal((width, height, colourType), (decoded.Width, decoded.Height, decoded.ColourType));
        Assert.Equal(pixels, decoded.Pixels);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
    }

    [Fact]
    public void Wrong_buffer_size_and_channel_count_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode(new byte[20], 2, 2, 5));
    }

    [Fact]
    public void Canvas_draws_lines_and_rectangles_that_survive_png_encoding()
    {
        var canvas = new RgbaCanvas(10, 8, new Rgba(255, 255, 255));
        canvas.FillRect(1, 1, 3, 2, new Rgba(255, 0, 0));
        canvas.DrawLine(0, 7, 9, 7, new Rgba(0, 0, 255, 128));
        canvas.DrawLine(9, 0, 5, 4, new Rgba(0, 255, 0));

        var decoded = PngTestDecoder.Decode(canvas.ToPng());
        Rgba At(int x, int y) => new(decoded.Pixels[((y * 10) + x) * 4], decoded.Pixels[(((y * 10) + x) * 4) + 1], decoded.Pixels[(((y * 10) + x) * 4) + 2], decoded.Pixels[(((y * 10) + x) * 4) + 3]);

        Assert.Equal(new Rgba(255, 0, 0), At(3, 2));
        Assert.Equal(new Rgba(255, 255, 255), At(4, 2));
        Assert.All(Enumerable.Range(0, 10), x => Assert.Equal(new Rgba(0, 0, 255, 128), At(x, 7)));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(new Rgba(0, 255, 0), At(9 - i, i)));
    }

    [PythonFact]
    public void Python_zlib_decoder_reads_the_same_pixels()
    {
        using var dir = new TempDir();
        const int width = 6, height = 4;
        var pixels = Pattern(width * height * 3);
        var path = Path.Combine(dir.Path, "image.png");
        File.WriteAllBytes(path, PngEncoder.Encode(pixels, width, height, 3));

        var (code, stdout, stderr) = Tools.Run(Tools.Python, [Fixtures.File("png_decode.py"), path]);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(width, root.GetProperty("width").GetInt32());
        Assert.Equal(height, root.GetProperty("height").GetInt32());
        Assert.Equal(2, root.GetProperty("colour_type").GetInt32());
        Assert.True(root.GetProperty("crcs_ok").GetBoolean());
        Assert.Equal(pixels, root.GetProperty("pixels").EnumerateArray().Select(p => (byte)p.GetInt32()).ToArray());
    }
}
