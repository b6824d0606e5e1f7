namespace Trainer.Training.Logging.Png;

/// <summary>
/// A small RGBA raster (row-major, 4 bytes per pixel, origin top-left) for simple plots: pixels, filled
/// rectangles, lines (Bresenham) and PNG output. Drawing outside the canvas is clipped.
/// </summary>
public sealed class RgbaCanvas
{
    private readonly byte[] _pixels;

    /// <summary>A canvas filled with <paramref name="background"/>.</summary>
    public RgbaCanvas(int width, int height, Rgba background)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 4];
        FillRect(0, 0, width, height, background);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The raw RGBA bytes (HWC, 4 channels).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>Colour at (x, y).</summary>
    public Rgba this[int x, int y]
    {
        get
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height)
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} canvas");
            }

            var i = Index(x, y);
            return new Rgba(_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]);
        }
    }

    /// <summary>Sets one pixel (ignored outside the canvas).</summary>
    public void SetPixel(int x, int y, Rgba colour)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }

        var i = Index(x, y);
        _pixels[i] = colour.R;
        _pixels[i + 1] = colour.G;
        _pixels[i + 2] = colour.B;
        _pixels[i + 3] = colour.A;
    }

    /// <summary>Fills the rectangle [x, x + w) × [y, y + h).</summary>
    public void FillRect(int x, int y, int w, int h, Rgba colour)
    {
        for (var row = Math.Max(0, y); row < Math.Min(Height, y + h); row++)
        {
            for (var col = Math.Max(0, x); col < Math.Min(Width, x + w); col++)
            {
                SetPixel(col, row, colour);
            }
        }
    }

    /// <summary>Draws a 1-pixel line from (x0, y0) to (x1, y1), both ends included.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgba colour)
    {
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        var error = dx + dy;
        while (true)
        {
            SetPixel(x0, y0, colour);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            var doubled = 2 * error;
            if (doubled >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (doubled <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }

    /// <summary>The canvas as a PNG file (colour type 6, RGBA).</summary>
    public byte[] ToPng() => PngEncoder.Encode(_pixels, Width, Height, 4);

    private int Index(int x, int y) => ((y * Width) + x) * 4;
}

/// <summary>An 8-bit RGBA colour.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255);
