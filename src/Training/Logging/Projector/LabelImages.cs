namespace Trainer.Training.Logging.Projector;

/// <summary>
/// Thumbnails for the embedding projector: <paramref name="Count"/> images of
/// <paramref name="Height"/>×<paramref name="Width"/>×<paramref name="Channels"/> bytes each, stored NHWC.
/// </summary>
public sealed record LabelImages(byte[] Pixels, int Count, int Height, int Width, int Channels)
{
    /// <summary>Checks that the pixel buffer has N·H·W·C bytes.</summary>
    public void Validate()
    {
        var expected = (long)Count * Height * Width * Channels;
        if (Pixels.Length != expected)
        {
            throw new ArgumentException(
                $"label images: {Pixels.Length} bytes, expected {Count}x{Height}x{Width}x{Channels} = {expected}");
        }
    }
}
